/// The fields of `/proc/[pid]/status` the probe uses (`Key:\tvalue` lines).
struct ProcStatus: Sendable, Hashable {
    var ppid: Int?
    /// The real uid (first number of `Uid:`).
    var realUID: UInt32?

    init(ppid: Int? = nil, realUID: UInt32? = nil) {
        self.ppid = ppid
        self.realUID = realUID
    }

    /// Parses `status`; unknown or malformed lines are ignored (the file has dozens of keys).
    /// `Name:` escapes newlines, so a name cannot forge a `Uid:` line.
    init(parsing bytes: [UInt8]) {
        self.init()
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            if line.starts(with: Self.ppidKey) {
                ppid = Self.firstNumber(line.dropFirst(Self.ppidKey.count)).map(Int.init)
            } else if line.starts(with: Self.uidKey) {
                realUID = Self.firstNumber(line.dropFirst(Self.uidKey.count)).flatMap { UInt32(exactly: $0) }
            }
            if ppid != nil, realUID != nil { break }
        }
    }

    private static let ppidKey = Array("PPid:".utf8)
    private static let uidKey = Array("Uid:".utf8)

    /// The first run of decimal digits after leading whitespace.
    static func firstNumber(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        let rest = bytes.drop { $0 == 0x20 || $0 == 0x09 }
        let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        return digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) }
    }
}
