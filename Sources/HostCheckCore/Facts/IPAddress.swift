/// An IPv4 or IPv6 address, parsed from text without Foundation or libc.
///
/// Comparison is by value: `::ffff:127.0.0.1` is an IPv6 address whose ``mappedIPv4`` is
/// `127.0.0.1`, so CIDR and loopback checks treat it as that IPv4 address.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4(UInt32)
    case v6([UInt8])

    /// Parses `1.2.3.4`, `::1`, `fe80::1%eth0` (zone dropped), `[::1]`, `::ffff:1.2.3.4`.
    public init?(_ text: some StringProtocol) {
        var body = Substring(text)
        if body.hasPrefix("["), body.hasSuffix("]") { body = body.dropFirst().dropLast() }
        if let percent = body.firstIndex(of: "%") { body = body[..<percent] }
        if body.contains(":") {
            guard let bytes = IPAddress.parseV6(body) else { return nil }
            self = .v6(bytes)
        } else {
            guard let value = IPAddress.parseV4(body) else { return nil }
            self = .v4(value)
        }
    }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), else nil.
    public var mappedIPv4: UInt32? {
        guard case .v6(let bytes) = self, bytes.count == 16 else { return nil }
        guard bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else { return nil }
        return UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15])
    }

    /// The address as IPv4 when it is IPv4 or IPv4-mapped IPv6.
    public var asIPv4: UInt32? {
        if case .v4(let value) = self { return value }
        return mappedIPv4
    }

    /// `0.0.0.0` or `::` (also `::ffff:0.0.0.0`).
    public var isUnspecified: Bool {
        if let v4 = asIPv4 { return v4 == 0 }
        if case .v6(let bytes) = self { return bytes.allSatisfy { $0 == 0 } }
        return false
    }

    /// `127.0.0.0/8`, `::1`, or an IPv4-mapped loopback address.
    public var isLoopback: Bool {
        if let v4 = asIPv4 { return v4 >> 24 == 127 }
        if case .v6(let bytes) = self { return bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1 }
        return false
    }

    /// Canonical text: dotted quad, or RFC 5952 IPv6 (`::ffff:1.2.3.4` for mapped addresses).
    public var description: String {
        switch self {
        case .v4(let value):
            return IPAddress.dotted(value)
        case .v6(let bytes):
            if let v4 = mappedIPv4 { return "::ffff:" + IPAddress.dotted(v4) }
            return IPAddress.formatV6(bytes)
        }
    }

    static func dotted(_ value: UInt32) -> String {
        "\(value >> 24).\((value >> 16) & 0xFF).\((value >> 8) & 0xFF).\(value & 0xFF)"
    }

    static func parseV4(_ text: Substring) -> UInt32? {
        var result: UInt32 = 0
        var octets = 0
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let octet = UInt32(part), octet <= 255 else { return nil }
            result = result << 8 | octet
            octets += 1
        }
        return octets == 4 ? result : nil
    }

    static func parseV6(_ text: Substring) -> [UInt8]? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        sawGap = halves.count == 2
        func groups(_ part: String, allowV4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if allowV4Tail, index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseV4(piece) else { return nil }
                    out.append(UInt16(v4 >> 16))
                    out.append(UInt16(v4 & 0xFFFF))
                    continue
                }
                guard !piece.isEmpty, piece.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
                out.append(value)
            }
            return out
        }
        if sawGap {
            guard let h = groups(halves[0], allowV4Tail: false), let t = groups(halves[1], allowV4Tail: true) else { return nil }
            head = h
            tail = t
            guard head.count + tail.count <= 7 else { return nil }
        } else {
            guard let h = groups(halves[0], allowV4Tail: true), h.count == 8 else { return nil }
            head = h
        }
        let words = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for word in words {
            bytes.append(UInt8(word >> 8))
            bytes.append(UInt8(word & 0xFF))
        }
        return bytes
    }

    static func formatV6(_ bytes: [UInt8]) -> String {
        var words: [UInt16] = []
        for index in stride(from: 0, to: 16, by: 2) {
            words.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
        }
        let run = IPAddress.longestZeroRun(words)
        func hex(_ range: Range<Int>) -> String {
            range.map { String(words[$0], radix: 16) }.joined(separator: ":")
        }
        guard let run else { return hex(0..<8) }
        return hex(0..<run.lowerBound) + "::" + hex(run.upperBound..<8)
    }

    /// The groups RFC 5952 writes as `::`: the first longest run of two or more zero groups
    /// of the eight 16-bit groups of an IPv6 address, or nil when there is none.
    public static func longestZeroRun(_ words: [UInt16]) -> Range<Int>? {
        var best: Range<Int>?
        var index = 0
        while index < words.count {
            guard words[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < words.count, words[end] == 0 { end += 1 }
            if end - index >= 2, end - index > (best?.count ?? 0) { best = index..<end }
            index = end
        }
        return best
    }
}

/// A network prefix (`10.0.0.0/8`, `fe80::/10`).
///
/// An IPv4 prefix also contains IPv4-mapped IPv6 addresses (`::ffff:10.1.2.3` is in `10.0.0.0/8`).
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    /// The address as written before the `/`; bits past the prefix are kept but ignored by ``contains(_:)``.
    public let network: IPAddress
    /// How many leading bits must match: 0–32 for IPv4, 0–128 for IPv6.
    public let prefixLength: Int

    /// Parses `a.b.c.d/n` or `v6/n`; a bare address is a host prefix (/32 or /128).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(parts[0]) else { return nil }
        let maxLength: Int
        if case .v4 = address { maxLength = 32 } else { maxLength = 128 }
        var length = maxLength
        if parts.count == 2 {
            guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(parts[1]),
                  value >= 0, value <= maxLength else { return nil }
            length = value
        }
        network = address
        prefixLength = length
    }

    public var description: String { "\(network)/\(prefixLength)" }

    /// Whether `address` lies in this prefix.
    public func contains(_ address: IPAddress) -> Bool {
        switch network {
        case .v4(let net):
            guard let value = address.asIPv4 else { return false }
            if prefixLength == 0 { return true }
            let mask: UInt32 = prefixLength == 32 ? .max : ~(UInt32.max >> UInt32(prefixLength))
            return value & mask == net & mask
        case .v6(let net):
            guard case .v6(let bytes) = address else { return false }
            var remaining = prefixLength
            for index in 0..<16 where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if bytes[index] & mask != net[index] & mask { return false }
                remaining -= bits
            }
            return true
        }
    }
}
