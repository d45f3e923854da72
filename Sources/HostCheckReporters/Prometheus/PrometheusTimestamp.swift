import HostCheckCore

/// Reads the ISO 8601 UTC timestamps of ``RunInfo`` as Unix seconds, without Foundation.
enum PrometheusTimestamp {
    /// Parses `2026-11-27T10:00:00Z`, with optional fractional seconds and a `Z`, `+HH:MM` or
    /// `-HH:MM` offset (a space may replace the `T`); nil for anything else, an impossible date
    /// included (``ISO8601Time``, the reader `--now` uses).
    static func unixSeconds(_ text: String) -> Double? {
        try? ISO8601Time.unixSeconds(text).get()
    }
}
