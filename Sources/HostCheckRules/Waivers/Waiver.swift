#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore

/// One waiver: a time-boxed exception for a rule on some hosts (docs/rule-packs.md, "Waivers").
package struct Waiver: Sendable, Hashable {
    /// The rule id (bare, or `pack/rule`).
    package var rule: String
    /// Host-name globs, case-insensitive; empty means every host.
    package var hosts: [Glob]
    package var reason: String
    /// `YYYY-MM-DD`, inclusive through 23:59:59 UTC; nil for no expiry.
    package var expires: String?
    /// The last second the waiver applies, seconds since 1970 (UTC).
    package var expiresAt: Double?
    package var location: SourceLocation

    /// Whether the waiver still applies at `now`.
    package func isActive(at now: Date) -> Bool {
        guard let expiresAt else { return true }
        return now.timeIntervalSince1970 < expiresAt + 1
    }

    /// Whether the waiver names `rule`.
    func names(_ rule: Rule) -> Bool {
        self.rule == rule.id || self.rule == "\(rule.pack)/\(rule.id)"
    }

    var applied: AppliedWaiver {
        AppliedWaiver(reason: reason, expires: expires, location: location)
    }

    /// Seconds since 1970 of 23:59:59 UTC on `YYYY-MM-DD`; nil when not a real date.
    static func endOfDay(_ text: String) -> Double? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        return Double(CivilDate.daysSinceEpoch(year: year, month: month, day: day)) * 86400 + 86399
    }
}

/// The waivers of one file.
package struct WaiverSet: Sendable, Hashable {
    package var waivers: [Waiver]
    /// The file as given.
    package var file: String
    /// sha256 of the file's bytes, lowercase hex, for the run record.
    package var sha256: String
}
