import Foundation

/// Parses `--now`: `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time.
enum ClockOption {
    static func parse(_ text: String?) throws -> Date {
        guard let text else { return Date() }
        let dateTime = ISO8601DateFormatter()
        if let date = dateTime.date(from: text) { return date }
        let dayOnly = ISO8601DateFormatter()
        dayOnly.formatOptions = [.withFullDate]
        if let date = dayOnly.date(from: text) { return date }
        throw CLIError(.usage, "--now takes YYYY-MM-DD or an ISO 8601 date-time, not '\(text)'")
    }

    /// `date` as ISO 8601 UTC with seconds (`2026-11-27T19:17:20Z`).
    static func iso8601(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
