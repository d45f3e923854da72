import Foundation
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

    /// The text of a file that starts like a JSON object (after blanks), else nil.
    static func candidateText(_ utf8: [UInt8]) -> String? {
        guard let first = utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
              first == 0x7B else { return nil }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// True when the text is a JSON object with a `hostcheck_bundle` key.
    static func looksLikeBundleInfo(_ text: String) -> Bool {
        let head = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{FEFF}" }
        return head.hasPrefix("{") && text.contains("\"hostcheck_bundle\"")
    }

    /// Reads the object; the error is a diagnostic message.
    static func parse(_ text: String) -> Result<BundleInfo, BundleInfoError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return .failure(BundleInfoError(message: "host.json is not a json object"))
        }
        guard let version = object["hostcheck_bundle"] as? Int else {
            return .failure(BundleInfoError(message: "'hostcheck_bundle' must be a version number"))
        }
        guard version <= BundleInfo.version else {
            return .failure(BundleInfoError(
                message: "bundle version \(version) is newer than this hostcheck reads (\(BundleInfo.version))"))
        }
        var info = BundleInfo()
        info.host = (object["host"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        info.platform = (object["platform"] as? String).flatMap(Platform.init(rawValue:))
        info.capturedAt = object["captured_at"] as? String
        info.elevated = object["elevated"] as? Bool
        info.displayLanguage = object["display_language"] as? String
        info.labels = (object["labels"] as? [String: Any])?.compactMapValues { $0 as? String } ?? [:]
        info.commands = (object["commands"] as? [Any])?.compactMap { $0 as? String } ?? []
        return .success(info)
    }
}

/// Why a `host.json` could not be read.
struct BundleInfoError: Error, Sendable {
    var message: String
}
