/// The text fields of a socket that are nearly always nil, kept out of line so that a
/// ``SocketFact`` does not carry sixty-four bytes of empty optionals. Immutable: a fact that
/// changes one of them gets a new box. Equal boxes are equal by value.
@usableFromInline
final class SocketRareText: Sendable, Hashable {
    /// The fields themselves.
    @usableFromInline
    struct Fields: Sendable, Hashable {
        @usableFromInline var localPortName: String?
        @usableFromInline var localZone: String?
        @usableFromInline var remotePortName: String?
        @usableFromInline var rawState: String?

        @inlinable
        init(localPortName: String? = nil, localZone: String? = nil, remotePortName: String? = nil, rawState: String? = nil) {
            self.localPortName = localPortName
            self.localZone = localZone
            self.remotePortName = remotePortName
            self.rawState = rawState
        }

        @inlinable
        var isEmpty: Bool { localPortName == nil && localZone == nil && remotePortName == nil && rawState == nil }
    }

    @usableFromInline let fields: Fields

    @usableFromInline
    init(_ fields: Fields) {
        self.fields = fields
    }

    /// A box holding the fields, nil when all are nil.
    @inlinable
    static func make(_ fields: Fields) -> SocketRareText? {
        fields.isEmpty ? nil : SocketRareText(fields)
    }

    @usableFromInline
    static func == (lhs: SocketRareText, rhs: SocketRareText) -> Bool {
        lhs === rhs || lhs.fields == rhs.fields
    }

    @usableFromInline
    func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
    }
}
