#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The progress line of a long `check` on a terminal: `hostcheck: 1200/10000 hosts, 2400
/// hosts/s, ETA 4 s`, on standard error, rewritten in place (docs/cli.md, "check").
///
/// It appears only when standard error is a terminal and `--quiet` is not given, once the run
/// has taken ``delay`` seconds, at most every ``interval`` seconds; ``finish()`` erases it. The
/// decision and the text are pure (``ProgressLine``); this type only adds the clock and the write.
struct Progress {
    /// Seconds before the first line.
    static let delay = 1.0
    /// Seconds between two lines.
    static let interval = 0.1

    private var line: ProgressLine
    private let start = ContinuousClock.now

    /// A progress line over `total` hosts, written only when `enabled` and standard error is a terminal.
    init(total: Int, enabled: Bool) {
        line = ProgressLine(total: total, enabled: enabled && isatty(2) == 1)
    }

    /// Counts one host done and redraws the line when it is time.
    mutating func advance() {
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if let text = line.advance(elapsed: seconds) { Self.draw("\r" + text + "\u{1B}[K") }
    }

    /// Erases the line, if one was drawn.
    mutating func finish() {
        if line.finish() { Self.draw("\r\u{1B}[K") }
    }

    private static func draw(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { raw in standardErrorWrite(raw.baseAddress, raw.count) }
    }
}

/// write(2) to standard error, named apart from any `write` member.
private func standardErrorWrite(_ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(2, buffer, count)
}

/// When to draw the progress line and what it says, as pure functions of the count and the
/// elapsed time.
struct ProgressLine: Sendable {
    let total: Int
    let enabled: Bool
    private(set) var done = 0
    private var lastDrawn: Double?

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    /// Counts one host; the text to draw, or nil when nothing is drawn now (disabled, before
    /// ``Progress/delay``, or within ``Progress/interval`` of the last line, except the last host).
    mutating func advance(elapsed: Double) -> String? {
        done += 1
        guard enabled, elapsed >= Progress.delay else { return nil }
        if let lastDrawn, elapsed - lastDrawn < Progress.interval, done < total { return nil }
        lastDrawn = elapsed
        return Self.text(done: done, total: total, elapsed: elapsed)
    }

    /// Whether a line was drawn (and so must be erased); resets the state.
    mutating func finish() -> Bool {
        defer { lastDrawn = nil }
        return lastDrawn != nil
    }

    /// `hostcheck: 1200/10000 hosts, 2400 hosts/s, ETA 4 s`.
    static func text(done: Int, total: Int, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var text = "hostcheck: \(done)/\(total) hosts, \(rateText(rate)) hosts/s"
        if rate > 0, done < total {
            text += ", ETA " + duration(Double(total - done) / rate)
        }
        return text
    }

    /// `2400`, `4.1`, `5`: whole above 10, else one decimal without a trailing `.0`.
    static func rateText(_ rate: Double) -> String {
        guard rate.isFinite, rate >= 0 else { return "?" }
        if rate >= 10 { return String(Int(rate.rounded())) }
        let tenths = Int((rate * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }

    /// `4 s`, `2 min 05 s`, `1 h 02 min`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(pad(whole % 60)) s" }
        return "\(whole / 3600) h \(pad(whole % 3600 / 60)) min"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
