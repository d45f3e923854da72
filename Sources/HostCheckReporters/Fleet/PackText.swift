import HostCheckCore

/// How the human reports name a loaded pack: its id, version, source and SHA-256
/// (docs/reports.md, "text").
enum PackText {
    /// `built-in` for a pack built into the binary (`builtin:ID`), else the path it was read from.
    static func source(_ pack: PackInfo) -> String {
        pack.file.hasPrefix("builtin:") ? "built-in" : pack.file
    }

    /// `magaya-network 1.0.0  rules/magaya-network.yaml  sha256 <64 hex>`.
    static func line(_ pack: PackInfo) -> String {
        "\(pack.id) \(pack.version)  \(source(pack))  sha256 \(pack.sha256)"
    }

    /// `FAIL`, `ERROR`, `UNKNOWN` or `PASS`: the verdict of a run with these counts.
    static func verdict(_ counts: OutcomeCounts) -> (word: String, outcome: Outcome) {
        if counts.fail > 0 { return ("FAIL", .fail) }
        if counts.error > 0 { return ("ERROR", .error) }
        if counts.unknown > 0 { return ("UNKNOWN", .unknown) }
        return ("PASS", .pass)
    }

    /// `1 fail, 3 unknown` over the outcomes of a rule row that have hosts (passes and skips only with `all`).
    static func hostCounts(_ hosts: OutcomeCounts, all: Bool) -> String {
        let shown: [Outcome] = all ? ResultText.reportOrder : [.fail, .error, .unknown, .waived]
        return shown.filter { hosts[$0] > 0 }.map { "\(hosts[$0]) \($0.rawValue)" }.joined(separator: ", ")
    }
}
