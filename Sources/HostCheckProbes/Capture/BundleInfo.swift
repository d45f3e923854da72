import HostCheckCore

/// The `host.json` of a capture bundle: what the capture script knew about the host.
///
/// ```json
/// { "hostcheck_bundle": 2, "host": "wh-berlin-02", "platform": "windows", "captured_at": "2026-11-27T10:00:00Z",
///   "elevated": true, "display_language": "de-DE", "labels": { "env": "prod" },
///   "sources": [{ "file": "netstat.txt", "command": "netstat -anob" }],
///   "coverage": { "ipv6": "none" } }
/// ```
/// Version 1 has no `sources` and `coverage` (a version-1 reader ignores them, as it ignores
/// every unknown key); version 2 adds them. A version this build does not read is an error.
struct BundleInfo: Sendable, Hashable {
    /// The bundle format versions this build reads.
    static let versions = 1...2

    var host: String?
    var platform: Platform?
    var capturedAt: String?
    var elevated: Bool?
    var displayLanguage: String?
    var labels: [String: String] = [:]
    var commands: [String] = []
    /// `sources` (version 2): the command that wrote each file of the bundle.
    var sources: [Source] = []
    /// `coverage` (version 2): coverage stated for the host as a whole.
    var coverage: CoverageDeclaration?
    /// Warnings about the file (a key of a newer version, a platform not known), located.
    var diagnostics: [Diagnostic] = []

    /// One entry of `sources`: a file of the bundle (its name, relative to the bundle) and the
    /// command line that wrote it.
    struct Source: Sendable, Hashable {
        var file: String
        var command: String
        /// The line of the entry in `host.json`.
        var line: Int
    }

    /// The largest `host.json` read, in bytes: a larger file is not taken for one.
    static let maximumBytes = 1 << 20

    /// The text of a file of at most ``maximumBytes`` that starts like a JSON object (after
    /// blanks), else nil.
    static func candidateText(_ utf8: FileBytes) -> String? {
        guard utf8.count <= maximumBytes else { return nil }
        return utf8.withUnsafeBufferPointer { bytes in
            guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
                  first == 0x7B else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// True when the text is a JSON object with a `hostcheck_bundle` key.
    static func looksLikeBundleInfo(_ text: String) -> Bool {
        let head = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{FEFF}" }
        return head.hasPrefix("{") && text.contains("\"hostcheck_bundle\"")
    }

    /// Reads the object of `file`. Keys of an unexpected type are ignored, as unknown keys are,
    /// except `sources` and `coverage` (version 2), whose errors are located errors.
    static func parse(_ text: String, file: String = "host.json") -> Result<BundleInfo, BundleInfoError> {
        let node: JSONNode
        do {
            node = try JSONParser().parse(Array(text.utf8), file: file)
        } catch {
            return .failure(BundleInfoError(message: "host.json is not a json object: \(error.message)", at: error.location))
        }
        guard case .object(let object) = node.value else {
            return .failure(BundleInfoError(message: "host.json is not a json object", at: SourceLocation(file: file)))
        }
        let versionNode = object["hostcheck_bundle"]
        guard case .number(let number)? = versionNode?.value, let version = Int(number) else {
            return .failure(BundleInfoError(
                message: "'hostcheck_bundle' must be a version number", at: location(versionNode ?? node, file)))
        }
        guard versions.contains(version) else {
            return .failure(BundleInfoError(
                message: "bundle version \(version) is not one this hostcheck reads (\(versions.lowerBound)-\(versions.upperBound))",
                at: location(versionNode ?? node, file)))
        }
        var info = BundleInfo()
        info.host = string(object["host"]).flatMap { $0.isEmpty ? nil : $0 }
        if let platform = object["platform"], case .string(let name) = platform.value {
            info.platform = Platform(rawValue: name)
            if info.platform == nil || info.platform == .unknown {
                info.platform = nil
                info.diagnostics.append(Diagnostic(
                    .warning, "platform '\(name.prefix(40))' is not linux, windows or macos; ignored", at: location(platform, file)))
            }
        }
        info.capturedAt = string(object["captured_at"])
        if case .bool(let elevated)? = object["elevated"]?.value { info.elevated = elevated }
        info.displayLanguage = string(object["display_language"])
        if case .object(let labels)? = object["labels"]?.value {
            for member in labels.members {
                if let value = string(member.value) { info.labels[member.key] = value }
            }
        }
        if case .array(let commands)? = object["commands"]?.value {
            info.commands = commands.compactMap(string)
        }
        guard version >= 2 else {
            for key in ["sources", "coverage"] {
                if let node = object[key] {
                    info.diagnostics.append(Diagnostic(
                        .warning, "'\(key)' is read from \"hostcheck_bundle\": 2 on; ignored in version 1", at: location(node, file)))
                }
            }
            return .success(info)
        }
        do {
            if let coverage = object["coverage"] { info.coverage = try CoverageDeclaration(json: coverage, file: file) }
            if let sources = object["sources"] { info.sources = try readSources(sources, file: file) }
        } catch {
            return .failure(BundleInfoError(message: error.message, at: error.location))
        }
        return .success(info)
    }

    /// `sources`: an array of `{"file": NAME, "command": LINE}` objects.
    private static func readSources(_ node: JSONNode, file: String) throws(JSONReadError) -> [Source] {
        func error(_ message: String, at node: JSONNode) -> JSONReadError {
            JSONReadError(.invalidDocument, message, at: location(node, file))
        }
        guard case .array(let items) = node.value else {
            throw error("'sources' must be an array of {\"file\", \"command\"} objects, found \(node.value.typeName)", at: node)
        }
        var sources: [Source] = []
        for item in items {
            guard case .object(let entry) = item.value,
                  let name = string(entry["file"]), !name.isEmpty,
                  let command = string(entry["command"]) else {
                throw error("each 'sources' entry must be an object with a string 'file' and a string 'command'", at: item)
            }
            sources.append(Source(file: name, command: command, line: item.line))
        }
        return sources
    }

    private static func location(_ node: JSONNode, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }

    private static func string(_ node: JSONNode?) -> String? {
        if case .string(let text)? = node?.value { text } else { nil }
    }
}

/// Why a `host.json` could not be read, and where.
struct BundleInfoError: Error, Sendable {
    var message: String
    var location: SourceLocation

    init(message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// The error as a located diagnostic.
    var diagnostic: Diagnostic { Diagnostic(.error, message, at: location) }
}
