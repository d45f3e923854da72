import HostCheckCore

/// A socket address as the kernel reports it: 16 network-order bytes packed into two
/// integers (an IPv4 address is the low 32 bits of `low`). No allocation, and fast canonical
/// text identical to ``IPAddress``'s `description`.
struct KernelAddress: Sendable, Hashable {
    var high: UInt64
    var low: UInt64

    static func v4(_ value: UInt32) -> KernelAddress { KernelAddress(high: 0, low: UInt64(value)) }

    /// From 16 network-order bytes.
    static func v6(_ bytes: UnsafeRawBufferPointer) -> KernelAddress {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
        for index in 8..<16 { low = low << 8 | UInt64(bytes[index]) }
        return KernelAddress(high: high, low: low)
    }

    /// From four 32-bit words in network order.
    static func v6(words: (UInt32, UInt32, UInt32, UInt32)) -> KernelAddress {
        KernelAddress(high: UInt64(words.0) << 32 | UInt64(words.1), low: UInt64(words.2) << 32 | UInt64(words.3))
    }

    /// `0.0.0.0`, `::` or `::ffff:0.0.0.0` (as ``IPAddress/isUnspecified``).
    var isUnspecified: Bool { high == 0 && (low == 0 || low == 0x0000_FFFF_0000_0000) }

    /// The Core address value.
    func ipAddress(family: AddressFamily) -> IPAddress {
        if family == .ipv4 { return .v4(UInt32(truncatingIfNeeded: low)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
        return .v6(bytes)
    }

    /// Canonical text: dotted quad, or RFC 5952 IPv6 with `::ffff:a.b.c.d` for mapped addresses.
    func text(family: AddressFamily) -> String {
        String(unsafeUninitializedCapacity: 48) { buffer in
            var writer = AddressTextWriter(buffer: buffer)
            if family == .ipv4 {
                writer.dotted(UInt32(truncatingIfNeeded: low))
            } else if high == 0, low >> 32 == 0x0000_FFFF {
                writer.ascii("::ffff:")
                writer.dotted(UInt32(truncatingIfNeeded: low))
            } else {
                writer.ipv6(words: words)
            }
            return writer.count
        }
    }

    /// The eight 16-bit groups.
    var words: [UInt16] {
        [48, 32, 16, 0].map { UInt16(truncatingIfNeeded: high >> UInt64($0)) }
            + [48, 32, 16, 0].map { UInt16(truncatingIfNeeded: low >> UInt64($0)) }
    }
}

/// Appends address text to a fixed buffer (48 bytes hold any IPv6 text).
struct AddressTextWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    init(buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    mutating func byte(_ value: UInt8) {
        buffer[count] = value
        count += 1
    }

    mutating func ascii(_ text: StaticString) {
        text.withUTF8Buffer { for value in $0 { byte(value) } }
    }

    mutating func decimal(_ value: UInt32) {
        if value >= 100 { byte(UInt8(ascii: "0") + UInt8(value / 100)) }
        if value >= 10 { byte(UInt8(ascii: "0") + UInt8(value / 10 % 10)) }
        byte(UInt8(ascii: "0") + UInt8(value % 10))
    }

    mutating func dotted(_ value: UInt32) {
        decimal(value >> 24)
        byte(UInt8(ascii: "."))
        decimal(value >> 16 & 0xFF)
        byte(UInt8(ascii: "."))
        decimal(value >> 8 & 0xFF)
        byte(UInt8(ascii: "."))
        decimal(value & 0xFF)
    }

    mutating func hex(_ value: UInt16) {
        let digits: StaticString = "0123456789abcdef"
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = Int(value >> UInt16(shift) & 0xF)
            if nibble != 0 || started || shift == 0 {
                started = true
                byte(digits.utf8Start[nibble])
            }
        }
    }

    /// RFC 5952: lowercase, no leading zeros, the first longest run of two or more zero
    /// groups as `::`.
    mutating func ipv6(words: [UInt16]) {
        let run = IPAddress.longestZeroRun(words)
        let bestStart = run?.lowerBound ?? -1
        let bestLength = run?.count ?? 0
        for index in 0..<8 {
            if index == bestStart {
                byte(UInt8(ascii: ":"))
                if index == 0 { byte(UInt8(ascii: ":")) }
                continue
            }
            if bestStart >= 0, index > bestStart, index < bestStart + bestLength { continue }
            hex(words[index])
            if index < 7 { byte(UInt8(ascii: ":")) }
        }
    }
}
