import CLibYAML
import HostCheckCore

/// The outcome of reading one YAML input.
package struct YAMLReadResult: Sendable {
    /// The document's root; nil for an empty input (also `---` alone) or when reading had to stop.
    package var root: YAMLNode?
    /// Every problem found, located.
    package var diagnostics: [Diagnostic]
    /// True when syntax errors were skipped over (their lines blanked) to find more problems;
    /// a tree read this way may miss keys, so callers should not report missing keys.
    package var recovered: Bool

    /// Whether any diagnostic is an error.
    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads YAML through libyaml's event API into located ``YAMLNode`` trees.
///
/// Refuses anchors, aliases, merge keys, explicit tags, non-scalar keys, duplicate keys (at
/// the duplicate) and more than one document; caps size, depth and node count while
/// streaming. A syntax error is reported with libyaml's problem text; the reader then blanks
/// the offending line and reads again (a few times) so that one run reports further problems.
package enum YAMLReader {
    /// The most syntax errors skipped over in one input.
    static let maxRecoveries = 10

    /// Reads `bytes` (UTF-8 or UTF-16 with BOM); `file` names the input in diagnostics.
    package static func read(_ bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits()) -> YAMLReadResult {
        guard bytes.count <= limits.maxBytes else {
            let message = "input is \(bytes.count) bytes, more than the limit of \(limits.maxBytes)"
            return YAMLReadResult(root: nil, diagnostics: [Diagnostic(.error, message, at: SourceLocation(file: file))], recovered: false)
        }
        var input = bytes
        var syntaxErrors: [Diagnostic] = []
        var blanked: Set<Int> = []
        // Blanking works on UTF-8 bytes: UTF-16 (a byte-order mark, or NULs) is read once, or
        // a blanked "line" made of UTF-16 code units could turn into a line break that the
        // file does not have (a fuzz finding: Fuzz/Corpus/waivers/finding-utf16-*).
        let utf16 = bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF)
        let canRecover = !bytes.contains(0) && !utf16
        while true {
            let pass = EventParser.parse(input, file: file, limits: limits)
            guard let syntax = pass.syntaxError else {
                let empty = pass.root.map { $0.content == .scalar("", .plain) } ?? false
                return YAMLReadResult(root: empty ? nil : pass.root, diagnostics: syntaxErrors + pass.diagnostics, recovered: !syntaxErrors.isEmpty)
            }
            syntaxErrors.append(syntax.diagnostic)
            let line = syntax.line
            guard canRecover, syntaxErrors.count <= maxRecoveries, !blanked.contains(line),
                  blankLine(line, in: &input) else {
                return YAMLReadResult(root: nil, diagnostics: syntaxErrors + pass.diagnostics, recovered: true)
            }
            blanked.insert(line)
        }
    }

    /// Replaces the bytes of 0-based line `line` with spaces; false when there is no such line
    /// or it is already blank.
    static func blankLine(_ line: Int, in bytes: inout [UInt8]) -> Bool {
        var current = 0
        var index = 0
        while current < line, index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { current += 1 }
            index += 1
        }
        guard current == line, index < bytes.count else { return false }
        var changed = false
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") {
            if bytes[index] != UInt8(ascii: " ") {
                bytes[index] = UInt8(ascii: " ")
                changed = true
            }
            index += 1
        }
        return changed
    }
}
