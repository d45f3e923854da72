#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore

/// Parses `--now`: `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time, checked by the same
/// code as a waiver's `expires` (``CivilDate/day(_:)``, ``ISO8601Time``): an impossible date is
/// refused with its reason, never rolled over (docs/cli.md, "Selecting rules").
enum ClockOption {
    static func parse(_ text: String?) throws -> Date {
        guard let text else { return Date() }
        let read = text.utf8.count == 10 ? CivilDate.day(text).map { Double($0.midnightUTC) } : ISO8601Time.unixSeconds(text)
        switch read {
        case .success(let seconds):
            return Date(timeIntervalSince1970: seconds)
        case .failure(let invalid):
            let shown = TerminalText.neutralised(text)
            if let reason = invalid.reason {
                throw CLIError(.usage, "--now '\(shown)' is not a real date: \(reason)")
            }
            throw CLIError(.usage, "--now takes YYYY-MM-DD or an ISO 8601 date-time (2026-12-04T10:00:00Z), not '\(shown)'")
        }
    }

    /// `date` as ISO 8601 UTC with seconds (`2026-11-27T19:17:20Z`).
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
