/// The text fields of a socket that are nearly always nil, kept out of line so that a
/// ``SocketFact`` does not carry sixty-four bytes of empty optionals. Immutable: a fact that
/// changes one of them gets a new box. Equal boxes are equal by value.
@usableFromInline
final class SocketRareText: Sendable, Hashable {
    @usableFromInline let localPortName: String?
    @usableFromInline let localZone: String?
    @usableFromInline let remotePortName: String?
    @usableFromInline let rawState: String?

    @usableFromInline
    init(localPortName: String?, localZone: String?, remotePortName: String?, rawState: String?) {
        self.localPortName = localPortName
        self.localZone = localZone
        self.remotePortName = remotePortName
        self.rawState = rawState
    }

    /// A box holding the values, nil when all are nil.
    @inlinable
    static func make(localPortName: String?, localZone: String?, remotePortName: String?, rawState: String?) -> SocketRareText? {
        if localPortName == nil, localZone == nil, remotePortName == nil, rawState == nil { return nil }
        return SocketRareText(localPortName: localPortName, localZone: localZone, remotePortName: remotePortName, rawState: rawState)
    }

    @usableFromInline
    static func == (lhs: SocketRareText, rhs: SocketRareText) -> Bool {
        lhs === rhs || (lhs.localPortName, lhs.localZone, lhs.remotePortName, lhs.rawState)
            == (rhs.localPortName, rhs.localZone, rhs.remotePortName, rhs.rawState)
    }

    @usableFromInline
    func hash(into hasher: inout Hasher) {
        hasher.combine(localPortName)
        hasher.combine(localZone)
        hasher.combine(remotePortName)
        hasher.combine(rawState)
    }
}
