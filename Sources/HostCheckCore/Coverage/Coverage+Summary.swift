extension Coverage {
    /// One line for reports: `tcp=full udp=full ipv4=full ipv6=full owners=full states=all
    /// ports=all users=all netns=host-only`.
    public var summary: String {
        let levels = "tcp=\(tcp.rawValue) udp=\(udp.rawValue) ipv4=\(ipv4.rawValue) ipv6=\(ipv6.rawValue) owners=\(owners.rawValue)"
        let ports = ports.map { $0.isEmpty ? "none" : $0.map(String.init).joined(separator: ",") } ?? "all"
        let users = users.map { $0.isEmpty ? "none" : $0.joined(separator: ",") } ?? "all"
        return levels + " states=\(states.rawValue) ports=\(ports) users=\(users) netns=\(netns.rawValue)"
    }

    /// ``summary`` followed by what was assumed, for a report's coverage line.
    public var line: String {
        assumed.isEmpty ? summary : summary + " (" + assumed.joined(separator: "; ") + ")"
    }
}
