#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckReporters

/// Where the errors of a run go (docs/cli.md, "Nagios mode").
///
/// By default: hostcheck's messages on standard error and its exit codes (64, 65, 66, 74, ...).
/// When the only `--format` writes to standard output and its descriptor has an
/// ``ReporterErrorReport`` (Nagios), that format owns the errors: every one of them, a usage
/// error included, is also one line on standard output (`HOSTCHECK UNKNOWN - reason`) and the
/// format's exit code (3). The mode is decided from the raw arguments, before they are parsed,
/// so that a bad option is reported the same way as a missing pack.
struct ErrorChannel: Sendable {
    /// The format's error report; nil for hostcheck's own.
    let report: ReporterErrorReport?

    /// hostcheck's own messages and exit codes.
    static let standard = ErrorChannel(report: nil)

    /// The channel `arguments` (without the program name) ask for: the error report of the one
    /// `--format FORMAT` given, when it writes to standard output and the registry's descriptor
    /// for it has one.
    static func detect(_ arguments: [String], registry: Registry) -> ErrorChannel {
        var formats: [String?] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { break }
            if valueTaking.contains(argument) {
                if argument == "--format" {
                    formats.append(index + 1 < arguments.endIndex ? arguments[index + 1] : nil)
                }
                index += 2
                continue
            }
            if argument.hasPrefix("--format=") { formats.append(String(argument.dropFirst("--format=".count))) }
            index += 1
        }
        guard formats.count == 1, let only = formats.first, let only else { return .standard }
        let spec = FormatSpec(parsing: only)
        guard spec.path == nil, let report = registry.reporter(id: spec.id)?.errorReport else { return .standard }
        return ErrorChannel(report: report)
    }

    /// Options whose next argument is their value whatever it looks like: `--format`, and
    /// `--probe-arg`, which may pass `--format` on to a plugin.
    private static let valueTaking: Set<String> = ["--format", "--probe-arg"]

    /// `--timeout`'s default: the format's (Nagios: 10 s), else no limit.
    var defaultTimeout: Double? { report?.defaultTimeout }

    /// Reports an error and returns the exit status: `message` (and `details` before it) on
    /// standard error; for a format that owns the errors also `reason` as its one line on
    /// standard output, unless the report or a timeout has already written the last words.
    /// - Parameters:
    ///   - status: hostcheck's own exit status for the error.
    ///   - reason: the error on one line (default: `message`).
    func fail(status: Int32, message: String, reason: String? = nil, gate: OutputGate?) -> Int32 {
        printError(message)
        guard let report else { return status }
        if gate?.claim() ?? true {
            writeLine(report.line(reason ?? message))
        }
        return report.exitCode
    }

    /// The one line of a timeout: written at once by the watchdog's thread, never buffered.
    func timeoutLine(seconds: Double) -> (stdout: String?, stderr: String, status: Int32) {
        let reason = "timed out after \(Self.seconds(seconds)) s"
        let message = "hostcheck: error: \(reason) (--timeout)"
        guard let report else { return (nil, message, ExitStatus.timedOut.rawValue) }
        return (report.line(reason), message, report.exitCode)
    }

    /// `10`, `2.5`: seconds as given, without a trailing `.0`.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() && value < 1e9 ? String(Int(value)) : String(value)
    }

    /// Writes `line` and a newline to standard output with write(2), unbuffered.
    func writeLine(_ line: String) {
        ErrorChannel.write(line + "\n", to: 1)
    }

    /// Writes `text` to descriptor `fd` whole (retrying on EINTR), ignoring failures: there is
    /// nowhere left to report them.
    static func write(_ text: String, to fd: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}

/// write(2) from the C library, named apart from ``ErrorChannel/write(_:to:)``.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
