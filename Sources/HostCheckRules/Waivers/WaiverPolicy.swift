#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore

/// A pack's `waivers: { require_expiry: true, max_days: 90 }`: what every waiver of a run must
/// satisfy (docs/rule-packs.md, "Waiver policy"). The policies of all loaded packs combine into
/// the strictest; a waiver that breaks it is an error for `lint --waivers` and for `check`,
/// and is never applied.
package struct WaiverPolicy: Sendable, Hashable {
    /// Every waiver must give `expires`.
    package var requireExpiry: Bool
    /// A waiver may expire at most this many days after the run's clock (`--now`); nil for no limit.
    package var maxDays: Int?
    /// Where the (strictest) policy is written, for messages.
    package var location: SourceLocation?

    /// A policy; `location` names where it is written.
    package init(requireExpiry: Bool = false, maxDays: Int? = nil, location: SourceLocation? = nil) {
        self.requireExpiry = requireExpiry
        self.maxDays = maxDays
        self.location = location
    }

    /// The strictest of several policies (nil when none is given).
    package static func strictest(_ policies: [WaiverPolicy]) -> WaiverPolicy? {
        guard let first = policies.first else { return nil }
        return policies.dropFirst().reduce(first) { result, next in
            var combined = result
            combined.requireExpiry = result.requireExpiry || next.requireExpiry
            switch (result.maxDays, next.maxDays) {
            case (let a?, let b?): combined.maxDays = Swift.min(a, b)
            case (nil, let b?): combined.maxDays = b
            default: break
            }
            if next.maxDays != nil, next.maxDays == combined.maxDays, result.maxDays != combined.maxDays { combined.location = next.location }
            return combined
        }
    }

    /// Why `waiver` breaks the policy at `now`; nil when it does not.
    package func violation(of waiver: Waiver, now: Date) -> String? {
        let policy = location.map { " (waiver policy at \($0))" } ?? " (waiver policy)"
        guard let expiresAt = waiver.expiresAt else {
            guard requireExpiry || maxDays != nil else { return nil }
            return "waiver for \(MessageText.quote(waiver.rule)) has no expires, but the packs require one\(policy)"
        }
        if let maxDays {
            let days = Int(((expiresAt + 1 - now.timeIntervalSince1970) / 86400).rounded(.up))
            if days > maxDays {
                return "waiver for \(MessageText.quote(waiver.rule)) expires \(waiver.expires ?? "?"), \(days) days away; the packs allow at most \(maxDays)\(policy)"
            }
        }
        return nil
    }
}
