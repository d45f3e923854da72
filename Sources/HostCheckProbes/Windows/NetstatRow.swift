import HostCheckCore

/// One socket row of Windows `netstat`, identified by structure alone (capture-format spec §2.2):
/// a protocol token, two endpoint tokens, then an optional state word (TCP only) and an
/// optional PID (`-o`).
struct NetstatRow: Sendable, Hashable {
    var proto: TransportProtocol
    var local: NetstatEndpoint
    var remote: NetstatEndpoint
    /// The state word(s) as printed, nil when absent (UDP rows, a blanked column).
    var stateWord: String?
    var pid: Int?

    /// The protocol a first token names (`TCP`, `UDP`, `TCPv6`, `UDPv6`), else nil.
    static func protocolToken(_ token: Substring) -> TransportProtocol? {
        switch token {
        case "TCP", "TCPv6": .tcp
        case "UDP", "UDPv6": .udp
        default: nil
        }
    }

    /// True when the line starts like a socket row (protocol token then an endpoint-shaped token),
    /// whether or not the rest parses.
    static func startsLikeRow(_ tokens: [Substring]) -> Bool {
        tokens.count >= 2 && protocolToken(tokens[0]) != nil && tokens[1].contains(":")
    }

    /// Parses the tokens of one line; nil when they do not form a row.
    init?(tokens: [Substring]) {
        guard tokens.count >= 3, let proto = NetstatRow.protocolToken(tokens[0]),
              let local = NetstatEndpoint(tokens[1]), let remote = NetstatEndpoint(tokens[2]) else { return nil }
        var rest = tokens[3...]
        var pid: Int?
        if let last = rest.last, Tokens.isDigits(last) {
            guard last.count <= 10, let value = Int(last) else { return nil }
            pid = value
            rest = rest.dropLast()
        }
        self.proto = proto
        self.local = local
        self.remote = remote
        self.stateWord = rest.isEmpty ? nil : rest.joined(separator: " ")
        self.pid = pid
    }

    /// The normalised state and the raw word to keep (capture-format spec §2.6).
    ///
    /// A TCP row listens when its remote endpoint is unconnected, whatever the word says; the
    /// word only refines it to `bound` or `closed`. A UDP row is `listening` when unconnected and
    /// `established` when connected.
    func normalisedState() -> (state: SocketState, rawState: String?, contradiction: Bool) {
        let word = stateWord
        let mapped = word.flatMap(NetstatStateWords.state(for:))
        let keepRaw = word.flatMap { NetstatStateWords.isEnglish($0) ? nil : $0 }
        switch proto {
        case .udp:
            return (remote.isUnconnected ? .listening : .established, word, false)
        case .tcp:
            if remote.isUnconnected {
                if let mapped, mapped == .bound || mapped == .closed { return (mapped, keepRaw, false) }
                return (.listening, keepRaw, false)
            }
            guard let mapped else { return (.unknown, word, false) }
            if mapped == .listening { return (.unknown, word, true) }
            return (mapped, keepRaw, false)
        }
    }
}
