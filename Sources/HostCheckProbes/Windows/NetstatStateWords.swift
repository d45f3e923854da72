import HostCheckCore

/// State words Windows `netstat` prints, mapped to the normalised ``SocketState``.
///
/// Words only refine a state: whether a TCP row listens is decided by its remote endpoint
/// (docs/captures.md, "How sockets are read"), so an unknown or localized word never hides a listener.
enum NetstatStateWords {
    /// English words, upper case.
    static let english: [String: SocketState] = [
        "LISTENING": .listening, "LISTEN": .listening,
        "ESTABLISHED": .established,
        "TIME_WAIT": .timeWait,
        "CLOSE_WAIT": .closeWait,
        "SYN_SENT": .synSent,
        "SYN_RECEIVED": .synReceived, "SYN_RCVD": .synReceived,
        "FIN_WAIT_1": .finWait1, "FIN_WAIT1": .finWait1,
        "FIN_WAIT_2": .finWait2, "FIN_WAIT2": .finWait2,
        "LAST_ACK": .lastAck,
        "CLOSING": .closing,
        "CLOSED": .closed,
        "BOUND": .bound,
    ]

    /// The state a word names, or nil when the word is not known.
    static func state(for word: String) -> SocketState? {
        commonEnglish(word) ?? english[word] ?? WindowsLanguages.states[word] ?? english[word.uppercased()]
            ?? WindowsLanguages.states[word.uppercased()]
    }

    /// Whether the word is one Windows prints untranslated (so `rawState` need not keep it).
    static func isEnglish(_ word: String) -> Bool {
        commonEnglish(word) != nil || english[word] != nil
    }

    /// The word at `range` and its state when it is one of the English words of nearly every
    /// row, as a literal (no `String` is built for it, none is compared), else nil.
    static func commonWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (word: String, state: SocketState)? {
        if ByteLine.equals(bytes, range, "ESTABLISHED") { return ("ESTABLISHED", .established) }
        if ByteLine.equals(bytes, range, "LISTENING") { return ("LISTENING", .listening) }
        if ByteLine.equals(bytes, range, "TIME_WAIT") { return ("TIME_WAIT", .timeWait) }
        if ByteLine.equals(bytes, range, "CLOSE_WAIT") { return ("CLOSE_WAIT", .closeWait) }
        return nil
    }

    /// The words of nearly every row, compared without hashing.
    static func commonEnglish(_ word: String) -> SocketState? {
        switch word {
        case "LISTENING": .listening
        case "ESTABLISHED": .established
        case "TIME_WAIT": .timeWait
        case "CLOSE_WAIT": .closeWait
        default: nil
        }
    }
}
