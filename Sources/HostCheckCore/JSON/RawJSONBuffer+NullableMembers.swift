/// Members whose value may be nil: written with `null`, or left out when the buffer
/// ``RawJSONBuffer/omitsNulls`` (the sockets and processes of results-3 evidence).
///
/// Only a member after the first of its object may be left out: the first member of every fact
/// object (`protocol`, `pid`, `file`) always has a value, so each later member's separator is
/// right whichever members before it were left out.
extension RawJSONBuffer {
    /// Member `index` with a string value, or `null`, or nothing.
    @inline(__always)
    mutating func member(_ key: StaticString, _ compact: StaticString, index: Int, depth: Int, string value: borrowing String?) {
        switch value {
        case .some(let text):
            member(key, compact, index: index, depth: depth)
            string(text)
        case .none:
            nullMember(key, compact, index: index, depth: depth)
        }
    }

    /// Member `index` with an integer value, or `null`, or nothing.
    @inline(__always)
    mutating func member(_ key: StaticString, _ compact: StaticString, index: Int, depth: Int, int value: Int?) {
        guard let value else { return nullMember(key, compact, index: index, depth: depth) }
        member(key, compact, index: index, depth: depth)
        int(value)
    }

    /// Member `index` with an unsigned integer value, or `null`, or nothing.
    @inline(__always)
    mutating func member(_ key: StaticString, _ compact: StaticString, index: Int, depth: Int, uint value: UInt64?) {
        guard let value else { return nullMember(key, compact, index: index, depth: depth) }
        member(key, compact, index: index, depth: depth)
        uint(value)
    }

    /// Member `index` with a Boolean value, or `null`, or nothing.
    @inline(__always)
    mutating func member(_ key: StaticString, _ compact: StaticString, index: Int, depth: Int, bool value: Bool?) {
        guard let value else { return nullMember(key, compact, index: index, depth: depth) }
        member(key, compact, index: index, depth: depth)
        bool(value)
    }

    /// Member `index` with the value `null`; nothing when the buffer omits nulls.
    @inline(__always)
    mutating func nullMember(_ key: StaticString, _ compact: StaticString, index: Int, depth: Int) {
        guard !omitsNulls else { return }
        member(key, compact, index: index, depth: depth)
        null()
    }
}
