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
    /// Host-name globs, case-insensitive; empty (`hosts` left out) means every host. The loader
    /// refuses `hosts: []`, so an empty list here never comes from a file that wrote one.
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

    /// Seconds since 1970 of 23:59:59 UTC on `YYYY-MM-DD`, checked by ``CivilDate/day(_:)``
    /// (the check `--now` uses): the reason when it is not a real date.
    static func endOfDay(_ text: String) -> Result<Double, CivilDate.Invalid> {
        CivilDate.day(text).map { Double($0.midnightUTC) + 86_399 }
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
