import HostCheckCore

/// `lsof`: `-i[4|6][TCP|UDP][:PORT[,PORT]]` selections (any one matching), `-sTCP:LISTEN`,
/// `-a -u USER`; grouped flags (`-nPi`). Without `-i`, every file is listed, every socket with it.
/// As a non-root user lsof lists that user's files only, so `users` is stated (every user) only
/// as root.
enum LsofCommand {
    static let harmless: Set<Character> = ["n", "P", "l", "w", "V", "b", "R", "X", "M", "H", "E", "U", "N"]

    /// One `-i` selection: the families, protocols and ports it keeps (nil: all).
    private struct Selection: Equatable {
        var families: Set<AddressFamily>?
        var protocols: Set<TransportProtocol>?
        var ports: [Int]?
    }

    static func declaration(_ arguments: [String], root: Bool) throws(CaptureCommandError) -> CoverageDeclaration {
        var selections: [Selection] = []
        var listening = false
        var and = false
        var users: [String]?
        var otherSelection = false
        var words = arguments[...]
        while let word = words.popFirst() {
            if word == "+c" {
                _ = words.popFirst()  // +c 0: command names uncut
                continue
            }
            if word.hasPrefix("+c") { continue }
            guard let letters = CaptureCommand.letters(word) else {
                throw CaptureCommandError("lsof: '\(word.prefix(40))' is not read (a file name selects files)")
            }
            var index = 0
            while index < letters.count {
                let letter = letters[index]
                let rest = String(letters[(index + 1)...])
                switch letter {
                case "i":
                    var value = rest
                    if value.isEmpty, let next = words.first, !next.hasPrefix("-") {
                        value = next
                        words = words.dropFirst()
                    }
                    selections.append(try selection(value))
                    index = letters.count
                    continue
                case "s":
                    switch rest.uppercased() {
                    case "TCP:LISTEN": listening = true
                    case "": break  // -s alone: file sizes
                    default: throw CaptureCommandError("lsof: only -sTCP:LISTEN is read")
                    }
                    index = letters.count
                    continue
                case "u":
                    let value = rest.isEmpty ? words.popFirst() : rest
                    guard let value, !value.hasPrefix("^"), !value.isEmpty else {
                        throw CaptureCommandError("lsof: -u takes users (an excluded ^user is not read)")
                    }
                    users = value.split(separator: ",").map(String.init)
                    index = letters.count
                    continue
                case "a": and = true
                case "c", "p", "g", "d":
                    otherSelection = true
                    if rest.isEmpty { _ = words.popFirst() }
                    index = letters.count
                    continue
                case let other where harmless.contains(other): break
                default: throw CaptureCommandError("lsof: option -\(letter) is not read")
                }
                index += 1
            }
        }
        if and, otherSelection { throw CaptureCommandError("lsof: -a with -c, -p, -g or -d selects some processes only") }
        if selections.isEmpty, otherSelection || users != nil, !and {
            throw CaptureCommandError("lsof: without -i, -c/-p/-g/-d/-u select the files of some processes only")
        }
        var declaration = CoverageDeclaration()
        let merged = try merge(selections.isEmpty ? [Selection()] : selections)
        CaptureCommand.setSockets(
            &declaration, protocols: merged.protocols ?? [.tcp, .udp], families: merged.families ?? [.ipv4, .ipv6])
        declaration.ports = .some(merged.ports)
        declaration.states = listening ? .listening : .all
        declaration.owners = .full
        if let users, and {
            declaration.users = .some(users)
        } else if root {
            declaration.users = .some(nil)
        }
        return declaration
    }

    /// `4TCP:3691,3692`, `6`, `UDP`, `:53`, `:1-1024`: an `@host` or a service name is not read.
    private static func selection(_ text: String) throws(CaptureCommandError) -> Selection {
        var selection = Selection()
        var rest = Substring(text)
        if rest.first == "4" || rest.first == "6" {
            selection.families = rest.first == "4" ? [.ipv4] : [.ipv6]
            rest = rest.dropFirst()
        }
        let upper = rest.uppercased()
        if upper.hasPrefix("TCP") || upper.hasPrefix("UDP") {
            selection.protocols = upper.hasPrefix("TCP") ? [.tcp] : [.udp]
            rest = rest.dropFirst(3)
        }
        if rest.isEmpty { return selection }
        guard rest.first == ":" else { throw CaptureCommandError("lsof: -i\(text.prefix(30)): a host is not read") }
        var ports: [Int] = []
        for item in rest.dropFirst().split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard let low = bounds.first.flatMap({ CoverageDeclaration.port(String($0)) }),
                  let high = bounds.count == 2 ? CoverageDeclaration.port(String(bounds[1])) : low,
                  bounds.count <= 2, low <= high, ports.count + (high - low) < 4096 else {
                throw CaptureCommandError("lsof: -i\(text.prefix(30)): only port numbers and ranges are read")
            }
            ports += Array(low...high)
        }
        selection.ports = ports
        return selection
    }

    /// Several `-i` (any one matching): they may differ in one dimension only, which is joined.
    private static func merge(_ selections: [Selection]) throws(CaptureCommandError) -> Selection {
        guard var merged = selections.first else { return Selection() }
        for next in selections.dropFirst() {
            let differing = [merged.families != next.families, merged.protocols != next.protocols, merged.ports != next.ports]
            guard differing.filter({ $0 }).count <= 1 else {
                throw CaptureCommandError("lsof: several -i that differ in more than one of family, protocol and port are not read")
            }
            merged.families = union(merged.families, next.families)
            merged.protocols = union(merged.protocols, next.protocols)
            if let a = merged.ports, let b = next.ports { merged.ports = Array(Set(a).union(b)).sorted() } else { merged.ports = nil }
        }
        return merged
    }

    private static func union<T>(_ a: Set<T>?, _ b: Set<T>?) -> Set<T>? {
        guard let a, let b else { return nil }
        return a.union(b)
    }
}
