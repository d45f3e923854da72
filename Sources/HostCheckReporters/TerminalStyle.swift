import HostCheckCore

/// ANSI styling that is a no-op when colour is off.
struct TerminalStyle: Sendable {
    let enabled: Bool

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }

    /// The outcome's colour: red fail, magenta error, yellow unknown, cyan waived, green pass.
    func outcome(_ outcome: Outcome, _ text: String) -> String {
        switch outcome {
        case .fail: wrap(text, "1;31")
        case .error: wrap(text, "1;35")
        case .unknown: wrap(text, "1;33")
        case .waived: wrap(text, "36")
        case .pass: wrap(text, "32")
        case .skip: wrap(text, "2")
        }
    }
}
