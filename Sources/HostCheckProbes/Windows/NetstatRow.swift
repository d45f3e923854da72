import HostCheckCore

/// One socket row of Windows `netstat`, identified by structure alone (docs/captures.md, "Formats read"):
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
        guard let span = NetstatRowSpan(bytes: bytes, tokens: &tokens) else { return nil }
        var noCache = TextCache?.none
        proto = span.proto
        local = NetstatEndpoint(span.local, bytes: bytes, cache: &localHosts)
        remote = NetstatEndpoint(span.remote, bytes: bytes, cache: &noCache)
        stateWord = span.stateWord(bytes, tokens: &tokens)
        pid = span.pid
    }

    /// The normalised state and the raw word to keep (docs/captures.md, "How sockets are read").
    func normalisedState() -> (state: SocketState, rawState: String?, contradiction: Bool) {
        Self.normalisedState(proto: proto, word: stateWord, remoteUnconnected: remote.isUnconnected)
    }

    /// The normalised state and the raw word to keep (docs/captures.md, "How sockets are read").
    ///
    /// A TCP row listens when its remote endpoint is unconnected, whatever the word says; the
    /// word only refines it to `bound` or `closed`. A UDP row is `listening` when unconnected and
    /// `established` when connected.
    static func normalisedState(
        proto: TransportProtocol, word: String?, remoteUnconnected: Bool
    ) -> (state: SocketState, rawState: String?, contradiction: Bool) {
        normalisedState(
            proto: proto, word: word, mapped: word.flatMap(NetstatStateWords.state(for:)),
            english: word.map(NetstatStateWords.isEnglish) ?? false, remoteUnconnected: remoteUnconnected)
    }

    /// ``normalisedState(proto:word:remoteUnconnected:)`` for a word already looked up:
    /// `mapped` is its state, `english` whether Windows prints it untranslated.
    static func normalisedState(
        proto: TransportProtocol, word: String?, mapped: SocketState?, english: Bool, remoteUnconnected: Bool
    ) -> (state: SocketState, rawState: String?, contradiction: Bool) {
        let keepRaw = english ? nil : word
        switch proto {
        case .udp:
            return (remoteUnconnected ? .listening : .established, word, false)
        case .tcp:
            if remoteUnconnected {
                if let mapped, mapped == .bound || mapped == .closed { return (mapped, keepRaw, false) }
                return (.listening, keepRaw, false)
            }
            guard let mapped else { return (.unknown, word, false) }
            if mapped == .listening { return (.unknown, word, true) }
            return (mapped, keepRaw, false)
        }
    }
}

/// A socket row read as byte ranges of its line (``NetstatRow`` before any text is made).
struct NetstatRowSpan: Equatable {
    /// Where the state word(s) are.
    enum State: Equatable {
        case none
        /// One word.
        case word(Range<Int>)
        /// Several words, from the first's start to the last's end.
        case words(Range<Int>)
    }

    var proto: TransportProtocol
    var local: NetstatEndpointSpan
    var remote: NetstatEndpointSpan
    /// True when the last token is all digits but no Windows PID (more than ten digits, or
    /// above 4294967295): the row is read, its owner is unknown (`owner-unreadable`).
    var pidUnreadable = false
    // The state and PID in 32-bit fields, so that a span is small to copy (a line of more
    // than 2 GiB is no row; a line read is at most `CaptureText.maximumLineBytes`).
    private var stateKind: UInt8 = 0
    private var stateStart: Int32 = 0
    private var stateEnd: Int32 = 0
    private var hasPID = false
    private var pidNumber: UInt32 = 0

    var state: State {
        get {
            let range = Int(stateStart)..<Int(stateEnd)
            switch stateKind {
            case 1: return .word(range)
            case 2: return .words(range)
            default: return .none
            }
        }
        set {
            let range: Range<Int>
            switch newValue {
            case .none:
                stateKind = 0
                range = 0..<0
            case .word(let word):
                stateKind = 1
                range = word
            case .words(let words):
                stateKind = 2
                range = words
            }
            stateStart = Int32(truncatingIfNeeded: range.lowerBound)
            stateEnd = Int32(truncatingIfNeeded: range.upperBound)
        }
    }

    /// The PID (at most 4294967295: a larger one is ``pidUnreadable``).
    var pid: Int? {
        get { hasPID ? Int(pidNumber) : nil }
        set {
            hasPID = newValue != nil
            pidNumber = UInt32(truncatingIfNeeded: newValue ?? 0)
        }
    }

    /// Parses the bytes of one line; nil when they do not form a row. `tokens` is scratch
    /// space for a row of more than five tokens.
    init?(bytes: UnsafeBufferPointer<UInt8>, tokens: inout [Range<Int>]) {
        var lead = 0
        while lead < bytes.count, bytes[lead] == 0x20 || bytes[lead] == 0x09 { lead += 1 }
        guard lead < bytes.count, bytes[lead] == 0x54 || bytes[lead] == 0x55 else { return nil }
        // Rows have three to five tokens: they are read one by one; a row with more (a state of
        // several words) is split whole.
        var cursor = lead
        guard let first = ByteLine.nextToken(bytes, &cursor), let localToken = ByteLine.nextToken(bytes, &cursor),
              let remoteToken = ByteLine.nextToken(bytes, &cursor) else { return nil }
        let fourth = ByteLine.nextToken(bytes, &cursor)
        let fifth = fourth == nil ? nil : ByteLine.nextToken(bytes, &cursor)
        if fifth != nil, ByteLine.nextToken(bytes, &cursor) != nil {
            self.init(bytes: bytes, first: first, local: localToken, remote: remoteToken, splitting: &tokens)
        } else {
            self.init(bytes: bytes, first: first, local: localToken, remote: remoteToken, fourth: fourth, fifth: fifth)
        }
    }

    /// The row whose only tokens are `first` (its protocol), `local`, `remote`, then `fourth`
    /// and `fifth` when present (`fifth` only after `fourth`); nil when they do not form a row.
    init?(
        bytes: UnsafeBufferPointer<UInt8>, first: Range<Int>, local localToken: Range<Int>, remote remoteToken: Range<Int>,
        fourth: Range<Int>?, fifth: Range<Int>?
    ) {
        guard let (proto, local, remote) = Self.head(bytes, first, localToken, remoteToken) else { return nil }
        self.proto = proto
        self.local = local
        self.remote = remote
        pid = nil
        state = .none
        if let lastToken = fifth ?? fourth, case let token = Self.pid(bytes, lastToken), token != .notPID {
            if case .pid(let value) = token { pid = value } else { pidUnreadable = true }
            if let fourth, fifth != nil { state = .word(fourth) }
        } else if let fourth, let fifth {
            state = .words(fourth.lowerBound..<fifth.upperBound)
        } else if let fourth {
            state = .word(fourth)
        }
    }

    /// The row of more than five tokens whose first three are `first`, `local` and `remote`:
    /// the line is split whole into `tokens`.
    private init?(
        bytes: UnsafeBufferPointer<UInt8>, first: Range<Int>, local localToken: Range<Int>, remote remoteToken: Range<Int>,
        splitting tokens: inout [Range<Int>]
    ) {
        guard let (proto, local, remote) = Self.head(bytes, first, localToken, remoteToken) else { return nil }
        self.proto = proto
        self.local = local
        self.remote = remote
        ByteLine.tokens(bytes, into: &tokens)
        var last = tokens.count
        pid = nil
        switch Self.pid(bytes, tokens[last - 1]) {
        case .notPID: break
        case .pid(let value):
            pid = value
            last -= 1
        case .unreadable:
            pidUnreadable = true
            last -= 1
        }
        state = .words(tokens[3].lowerBound..<tokens[last - 1].upperBound)
    }

    /// The protocol and the two endpoints of a row's first three tokens; nil when they are not.
    private static func head(
        _ bytes: UnsafeBufferPointer<UInt8>, _ first: Range<Int>, _ localToken: Range<Int>, _ remoteToken: Range<Int>
    ) -> (TransportProtocol, NetstatEndpointSpan, NetstatEndpointSpan)? {
        guard bytes.count <= Int(Int32.max) else { return nil }
        let proto: TransportProtocol
        if ByteLine.equals(bytes, first, "TCP") || ByteLine.equals(bytes, first, "TCPv6") {
            proto = .tcp
        } else if ByteLine.equals(bytes, first, "UDP") || ByteLine.equals(bytes, first, "UDPv6") {
            proto = .udp
        } else {
            return nil
        }
        guard let local = NetstatEndpointSpan(bytes: bytes, range: localToken),
              let remote = NetstatEndpointSpan(bytes: bytes, range: remoteToken) else { return nil }
        return (proto, local, remote)
    }

    /// The state word when it is one of the English words of nearly every row, with its state.
    func commonState(_ bytes: UnsafeBufferPointer<UInt8>) -> (word: String, state: SocketState)? {
        guard case .word(let range) = state else { return nil }
        return NetstatStateWords.commonWord(bytes, range)
    }

    /// The state word(s) as printed, words joined by one space; nil when absent.
    func stateWord(_ bytes: UnsafeBufferPointer<UInt8>, tokens: inout [Range<Int>]) -> String? {
        switch state {
        case .none:
            return nil
        case .word(let range):
            return NetstatStateWords.commonWord(bytes, range)?.word ?? ByteLine.string(bytes, range)
        case .words(let range):
            ByteLine.tokens(UnsafeBufferPointer(rebasing: bytes[range]), into: &tokens)
            let words = UnsafeBufferPointer(rebasing: bytes[range])
            return tokens.map { ByteLine.string(words, $0) }.joined(separator: " ")
        }
    }

    /// What a last token holds as a PID.
    enum PIDToken: Equatable {
        /// Not a run of digits: a state word.
        case notPID
        case pid(Int)
        /// Digits, but no Windows PID (a DWORD): more than ten digits, or above 4294967295.
        case unreadable
    }

    /// The PID a last token holds: ``PIDToken/notPID`` when it is not a run of digits,
    /// ``PIDToken/unreadable`` when the digits are no Windows PID.
    private static func pid(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Range<Int>) -> PIDToken {
        guard !token.isEmpty else { return .notPID }
        var value = 0
        for index in token {
            let digit = bytes[index] &- 0x30
            guard digit <= 9 else { return .notPID }
            // Wraps past 19 digits, but then the value is not used.
            value = value &* 10 &+ Int(digit)
        }
        guard token.count <= 10, value <= Int(UInt32.max) else { return .unreadable }
        return .pid(value)
    }
}
