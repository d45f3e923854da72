import HostCheckCore

/// The `host.json` of a capture bundle: what the capture script knew about the host.
///
/// ```json
/// { "hostcheck_bundle": 1, "host": "wh-berlin-02", "platform": "windows", "captured_at": "2026-11-27T10:00:00Z",
///   "elevated": true, "display_language": "de-DE", "labels": { "env": "prod" },
///   "commands": ["netstat -anob", "tasklist /svc /fo csv"] }
/// ```
/// Unknown keys are ignored; a higher `hostcheck_bundle` version is an error.
struct BundleInfo: Sendable, Hashable {
    /// The bundle format version this build reads.
    static let version = 1

    var host: String?
    var platform: Platform?
    var capturedAt: String?
    var elevated: Bool?
    var displayLanguage: String?
    var labels: [String: String] = [:]
    var commands: [String] = []

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

    /// Reads the object; the error is a diagnostic message. Keys of an unexpected type are
    /// ignored, as unknown keys are.
    static func parse(_ text: String) -> Result<BundleInfo, BundleInfoError> {
        guard let node = try? JSONParser().parse(Array(text.utf8), file: "host.json"),
              case .object(let object) = node.value else {
            return .failure(BundleInfoError(message: "host.json is not a json object"))
        }
        guard case .number(let number)? = object["hostcheck_bundle"]?.value, let version = Int(number) else {
            return .failure(BundleInfoError(message: "'hostcheck_bundle' must be a version number"))
        }
        guard version <= BundleInfo.version else {
            return .failure(BundleInfoError(
                message: "bundle version \(version) is newer than this hostcheck reads (\(BundleInfo.version))"))
        }
        var info = BundleInfo()
        info.host = string(object["host"]).flatMap { $0.isEmpty ? nil : $0 }
        info.platform = string(object["platform"]).flatMap(Platform.init(rawValue:))
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
        return .success(info)
    }

    private static func string(_ node: JSONNode?) -> String? {
        if case .string(let text)? = node?.value { text } else { nil }
    }
}

/// Why a `host.json` could not be read.
struct BundleInfoError: Error, Sendable {
    var message: String
}
