import HostCheckCore

/// The exit codes of hostcheck (docs/architecture.md, "Exit codes"), decided in this order:
/// before evaluation 64, 66, 65; after evaluation 1, 2, 0; 74 for an output; 70 internal.
enum ExitStatus: Int32, Sendable {
    /// Every result passed, or was skipped or waived.
    case success = 0
    /// Some result is `fail` (at or above `--fail-on`).
    case failed = 1
    /// Some result is `unknown` or `error`, none `fail`.
    case unknownOrError = 2
    /// Usage error, including "no rule left after the filters".
    case usage = 64
    /// An invalid pack, waiver file, variable or snapshot.
    case dataError = 65
    /// An input that does not exist.
    case noInput = 66
    /// An internal error.
    case software = 70
    /// An output that cannot be written.
    case cannotWrite = 74
    /// The run outlived `--timeout` (EX_TEMPFAIL: trying again may work).
    case timedOut = 75
}

/// An error that ends the command with a specific exit status and a message for stderr.
struct CLIError: Error, CustomStringConvertible {
    var status: ExitStatus
    var message: String
    /// True when `message` is already a located line (`PATH: error: ...`), printed as is
    /// rather than after `hostcheck: error:`.
    var isLocated = false
    /// The first of the details printed on standard error before this error (the first error
    /// of an invalid pack), added to the one line of a format that owns the errors (Nagios).
    var firstDetail: String?

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// An input that could not be read: its located message; exit 66 when it is missing or
    /// unreadable, 65 when it is not a file hostcheck reads, over its limit, or empty.
    init(input error: InputError) {
        switch error.code {
        case .notFound, .unreadable: status = .noInput
        case .notRegular, .tooLarge, .empty: status = .dataError
        }
        message = error.description
        isLocated = true
    }

    var description: String { message }

    /// The error on one line, for a format that owns the errors: `message: first detail`.
    var reason: String {
        guard let firstDetail else { return message }
        return "\(message): \(firstDetail)"
    }
}

/// Thrown by a command that finished normally with a status other than success.
struct CommandExit: Error {
    var status: Int32
}
