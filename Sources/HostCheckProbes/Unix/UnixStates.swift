import HostCheckCore

/// State words of `ss` (hyphens) and net-tools `netstat` (underscores), C locale, plus the
/// localized net-tools words seen in real captures (docs/captures.md, "Linux and macOS captures").
enum UnixStates {
    static let words: [String: SocketState] = [
        "LISTEN": .listening, "ESTAB": .established, "ESTABLISHED": .established,
        "SYN-SENT": .synSent, "SYN_SENT": .synSent, "SYN-RECV": .synReceived, "SYN_RECV": .synReceived,
        "FIN-WAIT-1": .finWait1, "FIN_WAIT1": .finWait1, "FIN-WAIT-2": .finWait2, "FIN_WAIT2": .finWait2,
        "TIME-WAIT": .timeWait, "TIME_WAIT": .timeWait, "CLOSE-WAIT": .closeWait, "CLOSE_WAIT": .closeWait,
        "LAST-ACK": .lastAck, "LAST_ACK": .lastAck, "CLOSING": .closing, "CLOSE": .closed, "UNCONN": .closed,
        "ESCUCHAR": .listening, "ESTABLECIDO": .established,
    ]
}

extension OwnershipReason {
    /// A capture with an owner column shows none for this socket (`-` in net-tools `netstat -p`
    /// run without root, or no `users:(...)` in `ss -p`).
    static let captureRowHasNoOwner = OwnershipReason(rawValue: "capture-row-has-no-owner")
}
