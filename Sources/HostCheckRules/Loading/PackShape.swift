/// Tells a rule pack (or a variables or waiver file) from any other file before anything in it
/// is reported.
///
/// Every hostcheck YAML file is a mapping with a top-level `hostcheck:` key. Anything else — another YAML
/// file, a text file that is not YAML (`/etc/passwd`), a binary — gets one error, "not a rule
/// pack", whose reason is chosen here from fixed words: none of the file's keys, values or
/// lines reach a message, so pointing hostcheck at a secret file does not print it. A file
/// whose YAML is broken still counts as a pack when a line starts with `hostcheck:`, so pack
/// authors keep their syntax errors.
enum PackShape {
    /// Why the file read into `read` is not a rule pack, or nil when it is one (or is empty).
    static func notAPackReason(_ read: YAMLReadResult, bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) -> String? {
        if let root = read.root {
            if let pairs = root.pairs {
                if pairs.contains(where: { $0.key == "hostcheck" }) { return nil }
                if read.recovered, hasVersionLine(bytes) { return nil }
                return "it has no top-level 'hostcheck:' key"
            }
            if read.recovered, hasVersionLine(bytes) { return nil }
            return "its top level is a \(root.kindName), not a mapping with 'hostcheck: 1'"
        }
        if read.diagnostics.isEmpty { return nil }
        if hasVersionLine(bytes) { return nil }
        if bytes.count > limits.maxBytes { return "it is \(bytes.count) bytes, more than the \(limits.maxBytes)-byte limit" }
        if bytes.contains(0) { return "it is binary (it holds NUL bytes)" }
        return "it is not YAML that hostcheck reads"
    }

    /// Whether a line starts with `hostcheck:` (the version key of a pack).
    static func hasVersionLine(_ bytes: [UInt8]) -> Bool {
        let key = Array("hostcheck:".utf8)
        var start = 0
        while start < bytes.count {
            if bytes.count - start >= key.count, bytes[start..<(start + key.count)].elementsEqual(key) { return true }
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return false }
            start = newline + 1
        }
        return false
    }
}
