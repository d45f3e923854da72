import HostCheckCore

/// One `address:port` token of a Windows `netstat` row (docs/captures.md, "How sockets are read").
///
/// The port is the text after the last `:`; one pair of brackets is stripped from the host and
/// a zone id after `%` is split off. A non-numeric port is a service name, not an error.
struct NetstatEndpoint: Sendable, Hashable {
    /// The host without brackets or zone (`0.0.0.0`, `fe80::1`, `*`, or a host name).
    var host: String
    var zone: String?
    /// The port number; nil for `*` or a service name.
    var port: Int?
    /// The service name printed instead of a number (`https`).
    var portName: String?
    /// True when the host was written in brackets (Windows brackets every IPv6 address).
    var bracketed: Bool

    /// Parses `addr:port`; nil when the token has no `:` or an empty part.
    init?(_ token: Substring) {
        guard let endpoint = ByteLine.withBytes(token, { NetstatEndpoint(bytes: $0, range: 0..<$0.count) }) else {
            return nil
        }
        self = endpoint
    }

    /// Parses the `addr:port` token at `range` of a line's bytes.
    init?(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        var cache = TextCache?.none
        self.init(bytes: bytes, range: range, cache: &cache)
    }

    /// Parses the `addr:port` token at `range`, taking the host and zone text from `cache`
    /// when one is given (repeated local addresses).
    init?(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, cache: inout TextCache?) {
        guard let span = NetstatEndpointSpan(bytes: bytes, range: range) else { return nil }
        self.init(span, bytes: bytes, cache: &cache)
    }

    /// The endpoint of a parsed token, its text made from the line's bytes.
    init(_ span: NetstatEndpointSpan, bytes: UnsafeBufferPointer<UInt8>, cache: inout TextCache?) {
        host = span.host(bytes, cache: &cache)
        zone = span.zone(bytes, cache: &cache)
        port = span.port
        portName = span.portName(bytes)
        bracketed = span.bracketed
        hostHasColon = span.hostHasColon
    }

    /// The address family: bracketed or IPv6-shaped hosts are IPv6, everything else IPv4.
    var family: AddressFamily {
        bracketed || hostHasColon ? .ipv6 : .ipv4
    }

    /// True when the host holds a `:` (an IPv6 address written without brackets), found while
    /// the token's bytes are read.
    private(set) var hostHasColon = false

    /// True for a remote endpoint that names no peer: `*:*`, `0.0.0.0:0`, `[::]:0`, `host:0`.
    var isUnconnected: Bool {
        if port == 0 { return true }
        return port == nil && portName == nil && (host == "*" || host == "0.0.0.0" || host == "::")
    }
}

/// An `address:port` token read as byte ranges of its line, before any text is made (the
/// parser's hot path makes each string once, for the fact that keeps it).
///
/// Offsets are kept in 32 bits, so that a row's span is small to copy (recognition hands it to
/// the parser, ``KnownRows``): a token further than 2 GiB into its line is not read (a line
/// read is at most ``CaptureText/maximumLineBytes``).
struct NetstatEndpointSpan: Equatable {
    private var hostStart: Int32
    private var hostEnd: Int32
    /// -1 for none.
    private var zoneStart: Int32
    private var zoneEnd: Int32
    private var portNameStart: Int32
    private var portNameEnd: Int32
    /// -1 for none.
    private var portNumber: Int32
    var bracketed: Bool
    var hostHasColon: Bool

    /// The host, without brackets and zone.
    var host: Range<Int> { Int(hostStart)..<Int(hostEnd) }
    /// The zone after `%`, when there is one.
    var zone: Range<Int>? { zoneStart < 0 ? nil : Int(zoneStart)..<Int(zoneEnd) }
    /// The port number; nil for `*` or a service name.
    var port: Int? { portNumber < 0 ? nil : Int(portNumber) }
    /// The service name printed instead of a port number.
    var portName: Range<Int>? { portNameStart < 0 ? nil : Int(portNameStart)..<Int(portNameEnd) }

    /// Parses the `addr:port` token at `range`; nil when it has no `:` or an empty part.
    init?(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        guard range.upperBound <= Int(Int32.max),
              let colon = ByteLine.lastIndex(of: 0x3A, in: bytes, range) else { return nil }
        var hostRange = range.lowerBound..<colon
        let portRange = (colon + 1)..<range.upperBound
        guard !hostRange.isEmpty, !portRange.isEmpty else { return nil }
        var bracketed = false
        if bytes[hostRange.lowerBound] == 0x5B {
            guard hostRange.count >= 2, bytes[hostRange.upperBound - 1] == 0x5D else { return nil }
            hostRange = (hostRange.lowerBound + 1)..<(hostRange.upperBound - 1)
            bracketed = true
        }
        // One pass over the host: brackets (refused unless around it), the first `%` (a zone
        // follows) and a `:` before it (an IPv6 address without brackets).
        var percent: Int?
        var colonBeforePercent = false
        for index in hostRange {
            switch bytes[index] {
            case 0x5B, 0x5D:
                if !bracketed { return nil }
            case 0x25:
                if percent == nil { percent = index }
            case 0x3A:
                if percent == nil { colonBeforePercent = true }
            default:
                break
            }
        }
        var zone: Range<Int>?
        if let percent {
            let zoneRange = (percent + 1)..<hostRange.upperBound
            zone = zoneRange.isEmpty ? nil : zoneRange
            hostRange = hostRange.lowerBound..<percent
        }
        guard !hostRange.isEmpty else { return nil }
        var port: Int?
        var portName: Range<Int>?
        if ByteLine.equals(bytes, portRange, "*") {
            port = nil
        } else if let number = ByteLine.number(bytes, portRange, maxDigits: 5) {
            guard number <= 65535 else { return nil }
            port = number
        } else {
            guard portRange.contains(where: { bytes[$0] < 0x30 || bytes[$0] > 0x39 }) else { return nil }
            portName = portRange
        }
        // Every offset is at most `range.upperBound`, and a port at most 65535: all fit.
        hostStart = Int32(truncatingIfNeeded: hostRange.lowerBound)
        hostEnd = Int32(truncatingIfNeeded: hostRange.upperBound)
        zoneStart = zone.map { Int32(truncatingIfNeeded: $0.lowerBound) } ?? -1
        zoneEnd = zone.map { Int32(truncatingIfNeeded: $0.upperBound) } ?? -1
        portNameStart = portName.map { Int32(truncatingIfNeeded: $0.lowerBound) } ?? -1
        portNameEnd = portName.map { Int32(truncatingIfNeeded: $0.upperBound) } ?? -1
        portNumber = port.map { Int32(truncatingIfNeeded: $0) } ?? -1
        self.bracketed = bracketed
        hostHasColon = bracketed || colonBeforePercent
    }

    /// The address family: bracketed or IPv6-shaped hosts are IPv6, everything else IPv4.
    var family: AddressFamily {
        bracketed || hostHasColon ? .ipv6 : .ipv4
    }

    /// True for an endpoint that names no peer (``NetstatEndpoint/isUnconnected``).
    func isUnconnected(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if port == 0 { return true }
        return port == nil && portName == nil
            && (ByteLine.equals(bytes, host, "*") || ByteLine.equals(bytes, host, "0.0.0.0")
                || ByteLine.equals(bytes, host, "::"))
    }

    /// True when the host is `*` (a wildcard, not an address).
    func hostIsWildcard(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteLine.equals(bytes, host, "*")
    }

    func host(_ bytes: UnsafeBufferPointer<UInt8>, cache: inout TextCache?) -> String {
        Self.text(bytes, host, cache: &cache)
    }

    func zone(_ bytes: UnsafeBufferPointer<UInt8>, cache: inout TextCache?) -> String? {
        zone.map { Self.text(bytes, $0, cache: &cache) }
    }

    func portName(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        portName.map { ByteLine.string(bytes, $0) }
    }

    /// The text of a host or zone: a literal for the wildcards, else from the cache if any.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, cache: inout TextCache?) -> String {
        if ByteLine.equals(bytes, range, "0.0.0.0") { return "0.0.0.0" }
        if ByteLine.equals(bytes, range, "::") { return "::" }
        if ByteLine.equals(bytes, range, "*") { return "*" }
        if ByteLine.equals(bytes, range, "127.0.0.1") { return "127.0.0.1" }
        if cache != nil, let text = cache?.string(bytes, range) { return text }
        return ByteLine.string(bytes, range)
    }
}
