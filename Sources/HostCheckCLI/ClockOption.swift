#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Parses `--now`: `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time.
enum ClockOption {
    static func parse(_ text: String?) throws -> Date {
        guard let text else { return Date() }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        if text.utf8.count == 10, let date = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) {
            return date
        }
        throw CLIError(.usage, "--now takes YYYY-MM-DD or an ISO 8601 date-time, not '\(text)'")
    }

    /// `date` as ISO 8601 UTC with seconds (`2026-11-27T19:17:20Z`).
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
