import HostCheckCore

/// The coverage a capture's command line declares (a bundle's `host.json` `sources`), read per
/// format: Windows `netstat` (`-a -n -o -b -p tcp|udp|tcpv6|udpv6`), `ss` (`-t -u -l -a -4 -6
/// -p`, grouped as `-4tlnp`, `sport = :3691`), Linux `netstat` (`-t -u -l -a -p -4 -6`,
/// `--inet`, `--inet6`), `lsof` (`-i`, `-i4`/`-i6`, `-iTCP`/`-iUDP`, `-i :PORT`,
/// `-sTCP:LISTEN`), each optionally piped through `findstr`/`grep` filters of `:PORT` or
/// `LISTENING`/`LISTEN` terms (docs/captures.md, "Declared coverage").
///
/// A declaration states what the command could show (the variant); it states nothing it does
/// not know: `-p` owners are `full` only when the command ran as root (`sudo`, or `host.json`
/// `elevated`). A command that cannot be read is an error message and no declaration.
enum CaptureCommand {
    /// The format ids whose command lines are read, with the programs that write them.
    static let programs: [String: Set<String>] = [
        "windows-netstat": ["netstat"], "linux-ss": ["ss"], "linux-netstat": ["netstat"], "lsof": ["lsof"],
    ]

    /// The declaration of `command` for a file recognised as `format`.
    /// - Parameter elevated: `host.json` `elevated`; `sudo` in the command counts too.
    static func declaration(_ command: String, format: String, elevated: Bool?) -> Result<CoverageDeclaration, CaptureCommandError> {
        guard let expected = programs[format] else { return .failure(.init("commands of \(format) captures are not read")) }
        guard let line = CaptureCommandLine(command) else {
            return .failure(.init("cannot read the command line (quotes, a stage that is not a filter, sudo -u)"))
        }
        guard expected.contains(line.program) else {
            return .failure(.init("'\(line.program.prefix(40))' does not write a \(format) capture"))
        }
        let root = line.elevated || elevated == true
        do {
            var declaration: CoverageDeclaration
            switch format {
            case "windows-netstat": declaration = try WindowsNetstatCommand.declaration(line.arguments)
            case "linux-ss": declaration = try SSCommand.declaration(line.arguments, root: root)
            case "linux-netstat": declaration = try LinuxNetstatCommand.declaration(line.arguments, root: root)
            default: declaration = try LsofCommand.declaration(line.arguments, root: root)
            }
            try CaptureFilter.apply(line.filters, to: &declaration)
            if case .some(let ports?) = declaration.ports { declaration.ports = .some(Array(Set(ports)).sorted()) }
            return .success(declaration)
        } catch {
            return .failure(error)
        }
    }

    /// Sets every protocol and family level: `full` for those listed, `none` for the others.
    static func setSockets(
        _ declaration: inout CoverageDeclaration, protocols: Set<TransportProtocol>, families: Set<AddressFamily>
    ) {
        declaration.tcp = protocols.contains(.tcp) ? .full : CoverageLevel.none
        declaration.udp = protocols.contains(.udp) ? .full : CoverageLevel.none
        declaration.ipv4 = families.contains(.ipv4) ? .full : CoverageLevel.none
        declaration.ipv6 = families.contains(.ipv6) ? .full : CoverageLevel.none
    }

    /// A listing of connected sockets only (no `-a`, no `-l`): no state class coverage can name,
    /// so nothing is covered.
    static func connectedOnly(_ declaration: inout CoverageDeclaration) {
        setSockets(&declaration, protocols: [], families: [])
    }

    /// Splits grouped short options (`-ano` → `a`, `n`, `o`); nil for a word that is not one.
    static func letters(_ word: String) -> [Character]? {
        guard word.count >= 2, word.hasPrefix("-"), !word.hasPrefix("--") else { return nil }
        return Array(word.dropFirst())
    }
}

/// Why a command line declares no coverage.
struct CaptureCommandError: Error, Sendable, Hashable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Windows `netstat`: `-a` all states (else connected TCP only), `-o` owners, `-p PROTO`.
enum WindowsNetstatCommand {
    static func declaration(_ arguments: [String]) throws(CaptureCommandError) -> CoverageDeclaration {
        var all = false
        var pids = false
        var images = false
        var proto: String?
        var words = arguments[...]
        while let word = words.popFirst() {
            let normalized = word.hasPrefix("/") ? "-" + word.dropFirst() : word
            guard let letters = CaptureCommand.letters(normalized.lowercased()) else {
                throw CaptureCommandError("netstat: '\(word.prefix(40))' is not read (an interval repeats the output)")
            }
            for (offset, letter) in letters.enumerated() {
                switch letter {
                case "a", "q": all = true
                case "n", "f": break
                case "o": pids = true
                case "b": images = true
                case "p":
                    guard offset == letters.count - 1, let value = words.popFirst() else {
                        throw CaptureCommandError("netstat: -p takes a protocol")
                    }
                    proto = value.lowercased()
                default:
                    throw CaptureCommandError("netstat: option -\(letter) is not read (not a plain socket listing)")
                }
            }
        }
        var declaration = CoverageDeclaration()
        switch proto {
        case nil: CaptureCommand.setSockets(&declaration, protocols: [.tcp, .udp], families: [.ipv4, .ipv6])
        case "tcp": CaptureCommand.setSockets(&declaration, protocols: [.tcp], families: [.ipv4])
        case "udp": CaptureCommand.setSockets(&declaration, protocols: [.udp], families: [.ipv4])
        case "tcpv6": CaptureCommand.setSockets(&declaration, protocols: [.tcp], families: [.ipv6])
        case "udpv6": CaptureCommand.setSockets(&declaration, protocols: [.udp], families: [.ipv6])
        case let other?: throw CaptureCommandError("netstat: -p \(other.prefix(20)) lists no tcp or udp sockets")
        }
        if !all { CaptureCommand.connectedOnly(&declaration) }
        declaration.states = .all
        declaration.ports = .some(nil)
        if pids { declaration.owners = .full } else if !images { declaration.owners = CoverageLevel.none }
        return declaration
    }
}

/// The protocols, families and state class chosen by `ss` or Linux `netstat` options.
struct SocketListingOptions {
    var tcp = false, udp = false, otherTypes = false
    var ipv4 = false, ipv6 = false
    var listening = false, all = false
    var processes = false

    /// The declaration these options make; `-p` owners count only as root.
    func declaration(root: Bool) -> CoverageDeclaration {
        var declaration = CoverageDeclaration()
        let anyType = tcp || udp || otherTypes
        var protocols: Set<TransportProtocol> = []
        if tcp || !anyType { protocols.insert(.tcp) }
        if udp || !anyType { protocols.insert(.udp) }
        var families: Set<AddressFamily> = []
        if ipv4 || !ipv6 { families.insert(.ipv4) }
        if ipv6 || !ipv4 { families.insert(.ipv6) }
        CaptureCommand.setSockets(&declaration, protocols: protocols, families: families)
        if listening {
            declaration.states = .listening
        } else if all {
            declaration.states = .all
        } else {
            CaptureCommand.connectedOnly(&declaration)
        }
        if !processes { declaration.owners = CoverageLevel.none } else if root { declaration.owners = .full }
        return declaration
    }
}

/// `ss`: `-t -u -l -a -4 -6 -p` (grouped or long), `-A`/`-f`, then `state listening` and
/// `sport = :PORT` filters joined by `or`.
enum SSCommand {
    static let harmless: Set<Character> = ["n", "e", "m", "i", "o", "H", "O", "r", "b", "Z", "z", "T"]
    static let otherTypes: Set<Character> = ["w", "x", "S", "d", "0", "M"]

    static func declaration(_ arguments: [String], root: Bool) throws(CaptureCommandError) -> CoverageDeclaration {
        var options = SocketListingOptions()
        var words = arguments[...]
        var filter: [String] = []
        while let word = words.popFirst() {
            if word.hasPrefix("--") {
                let (name, value) = split(word)
                switch name {
                case "--tcp": options.tcp = true
                case "--udp": options.udp = true
                case "--listening": options.listening = true
                case "--all": options.all = true
                case "--processes": options.processes = true
                case "--ipv4": options.ipv4 = true
                case "--ipv6": options.ipv6 = true
                case "--numeric", "--extended", "--memory", "--info", "--options", "--no-header", "--oneline", "--resolve":
                    break
                case "--query", "--socket", "--family":
                    guard let value = value ?? words.popFirst() else { throw CaptureCommandError("ss: \(name) takes a value") }
                    try select(value, into: &options)
                default:
                    throw CaptureCommandError("ss: option \(name.prefix(30)) is not read")
                }
            } else if let letters = CaptureCommand.letters(word) {
                for (offset, letter) in letters.enumerated() {
                    switch letter {
                    case "t": options.tcp = true
                    case "u": options.udp = true
                    case "l": options.listening = true
                    case "a": options.all = true
                    case "p": options.processes = true
                    case "4": options.ipv4 = true
                    case "6": options.ipv6 = true
                    case "A", "f":
                        let rest = String(letters[(offset + 1)...])
                        guard let value = rest.isEmpty ? words.popFirst() : rest else {
                            throw CaptureCommandError("ss: -\(letter) takes a value")
                        }
                        try select(value, into: &options)
                    case let other where harmless.contains(other): continue
                    case let other where otherTypes.contains(other): options.otherTypes = true
                    default: throw CaptureCommandError("ss: option -\(letter) is not read")
                    }
                    if letter == "A" || letter == "f" { break }
                }
            } else {
                filter.append(word)
                filter += words
                words = []
            }
        }
        let ports = try apply(filter: filter, to: &options)
        var declaration = options.declaration(root: root)
        if declaration.states == nil { declaration.states = .all }
        declaration.ports = .some(ports)
        return declaration
    }

    /// `--family=inet`, `-A tcp,udp`: the families or socket types named.
    private static func select(_ value: String, into options: inout SocketListingOptions) throws(CaptureCommandError) {
        for item in value.lowercased().split(separator: ",") {
            switch item {
            case "inet": options.ipv4 = true
            case "inet6": options.ipv6 = true
            case "tcp": options.tcp = true
            case "udp": options.udp = true
            case "all", "inet,inet6": options.tcp = true; options.udp = true
            default: throw CaptureCommandError("ss: '\(item.prefix(20))' is not a family or socket type read")
            }
        }
    }

    private static func split(_ word: String) -> (String, String?) {
        guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    /// The ports a filter lists (`sport = :3691 or sport = :80`, in parentheses or not), nil
    /// for every port; `state listening` / `state all` set the state class.
    private static func apply(
        filter: [String], to options: inout SocketListingOptions
    ) throws(CaptureCommandError) -> [Int]? {
        var tokens: [String] = []
        for word in filter {
            var current = ""
            for character in word {
                if character == "(" || character == ")" || character == " " || character == "\t" {
                    if !current.isEmpty { tokens.append(current) }
                    current = ""
                } else {
                    current.append(character)
                }
            }
            if !current.isEmpty { tokens.append(current) }
        }
        var rest = tokens[...]
        if rest.first == "state" {
            rest = rest.dropFirst()
            switch rest.popFirst()?.lowercased() {
            case "listening": options.listening = true
            case "all": options.all = true
            default: throw CaptureCommandError("ss: only 'state listening' and 'state all' are read")
            }
        }
        guard !rest.isEmpty else { return nil }
        var ports: [Int] = []
        while !rest.isEmpty {
            guard rest.popFirst() == "sport", let op = rest.popFirst(), ["=", "==", "eq"].contains(op),
                  let value = rest.popFirst(),
                  let port = CoverageDeclaration.port(value.hasPrefix(":") ? String(value.dropFirst()) : value) else {
                throw CaptureCommandError("ss: only filters 'sport = :PORT' joined by 'or' are read")
            }
            ports.append(port)
            if let joint = rest.popFirst(), joint != "or" {
                throw CaptureCommandError("ss: only filters 'sport = :PORT' joined by 'or' are read")
            }
        }
        return ports
    }
}

/// net-tools `netstat`: `-t -u -l -a -p -4 -6`, `--inet`, `--inet6`, `-A inet,inet6`.
enum LinuxNetstatCommand {
    static let harmless: Set<Character> = ["n", "e", "W", "o", "v", "N", "T"]

    static func declaration(_ arguments: [String], root: Bool) throws(CaptureCommandError) -> CoverageDeclaration {
        var options = SocketListingOptions()
        var words = arguments[...]
        while let word = words.popFirst() {
            if word.hasPrefix("--") {
                let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
                switch name {
                case "--tcp": options.tcp = true
                case "--udp": options.udp = true
                case "--raw", "--unix", "--udplite", "--sctp": options.otherTypes = true
                case "--listening": options.listening = true
                case "--all": options.all = true
                case "--program": options.processes = true
                case "--inet", "--ip", "--ipv4": options.ipv4 = true
                case "--inet6", "--ipv6": options.ipv6 = true
                case "--numeric", "--numeric-hosts", "--numeric-ports", "--numeric-users", "--extend", "--wide", "--timers",
                     "--verbose", "--notrim":
                    break
                default: throw CaptureCommandError("netstat: option \(name.prefix(30)) is not read")
                }
            } else if let letters = CaptureCommand.letters(word) {
                for (offset, letter) in letters.enumerated() {
                    switch letter {
                    case "t": options.tcp = true
                    case "u": options.udp = true
                    case "w", "x", "U", "S": options.otherTypes = true
                    case "l": options.listening = true
                    case "a": options.all = true
                    case "p": options.processes = true
                    case "4": options.ipv4 = true
                    case "6": options.ipv6 = true
                    case "A":
                        let rest = String(letters[(offset + 1)...])
                        guard let value = rest.isEmpty ? words.popFirst() : rest else {
                            throw CaptureCommandError("netstat: -A takes a family")
                        }
                        for family in value.lowercased().split(separator: ",") {
                            switch family {
                            case "inet": options.ipv4 = true
                            case "inet6": options.ipv6 = true
                            default: throw CaptureCommandError("netstat: -A \(family.prefix(20)) is not read")
                            }
                        }
                    case let other where harmless.contains(other): continue
                    default: throw CaptureCommandError("netstat: option -\(letter) is not read (not a plain socket listing)")
                    }
                    if letter == "A" { break }
                }
            } else {
                throw CaptureCommandError("netstat: '\(word.prefix(40))' is not read")
            }
        }
        var declaration = options.declaration(root: root)
        if declaration.states == nil { declaration.states = .all }
        declaration.ports = .some(nil)
        return declaration
    }
}
