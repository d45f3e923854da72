import HostCheckRules

/// A port on the command line (`facts --port`, `explain PORT`): 1 to 65535, as everywhere else
/// (`--coverage ports=`), else a usage error (64).
enum PortArgument {
    /// The ports a command line may name.
    static let range = 1...65535

    /// `--port 70000: not a port: give a number from 1 to 65535`.
    static func message(_ text: String, option: String?) -> String {
        let subject = option.map { "\($0) \(MessageText.quote(text))" } ?? MessageText.quote(text)
        return "\(subject) is not a port: give a number from 1 to 65535"
    }
}
