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

    /// Parses one line; nil when it is not a row.
    init?(line: Substring) {
        guard let row = ByteLine.withBytes(line, NetstatRow.init(bytes:)) else { return nil }
        self = row
    }

    /// Parses the bytes of one line; nil when they do not form a row.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        var tokens: [Range<Int>] = []
        self.init(bytes: bytes, tokens: &tokens)
    }

    /// Parses the bytes of one line, using `tokens` as scratch space.
    init?(bytes: UnsafeBufferPointer<UInt8>, tokens: inout [Range<Int>]) {
        var cache = TextCache?.none
        self.init(bytes: bytes, tokens: &tokens, localHosts: &cache)
    }

    /// Parses the bytes of one line, using `tokens` as scratch space and `localHosts` for the
    /// text of local hosts and zones, which repeat from row to row.
    init?(bytes: UnsafeBufferPointer<UInt8>, tokens: inout [Range<Int>], localHosts: inout TextCache?) {
        var lead = 0
        while lead < bytes.count, bytes[lead] == 0x20 || bytes[lead] == 0x09 { lead += 1 }
        guard lead < bytes.count, bytes[lead] == 0x54 || bytes[lead] == 0x55 else { return nil }
        ByteLine.tokens(bytes, into: &tokens)
        guard tokens.count >= 3 else { return nil }
        let first = tokens[0]
        if ByteLine.equals(bytes, first, "TCP") || ByteLine.equals(bytes, first, "TCPv6") {
            proto = .tcp
        } else if ByteLine.equals(bytes, first, "UDP") || ByteLine.equals(bytes, first, "UDPv6") {
            proto = .udp
        } else {
            return nil
        }
        guard let local = NetstatEndpoint(bytes: bytes, range: tokens[1], cache: &localHosts),
              let remote = NetstatEndpoint(bytes: bytes, range: tokens[2]) else { return nil }
        self.local = local
        self.remote = remote
        var last = tokens.count
        pid = nil
        if last > 3, bytes[tokens[last - 1].lowerBound] >= 0x30, bytes[tokens[last - 1].lowerBound] <= 0x39,
           ByteLine.number(bytes, tokens[last - 1], maxDigits: 20) != nil {
            guard let value = ByteLine.number(bytes, tokens[last - 1], maxDigits: 10) else { return nil }
            pid = value
            last -= 1
        }
        switch last {
        case 3:
            stateWord = nil
        case 4:
            stateWord = NetstatStateWords.commonWord(bytes, tokens[3]) ?? ByteLine.string(bytes, tokens[3])
        default:
            stateWord = tokens[3..<last].map { ByteLine.string(bytes, $0) }.joined(separator: " ")
        }
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
