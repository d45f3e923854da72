import HostCheckCore

/// Parses one row of `/proc/net/{tcp,tcp6,udp,udp6}` (docs/architecture.md, "Path of a live run") from bytes, without
/// allocating per field.
///
/// A row is `sl: local rem st tx:rx tr:when retrnsmt uid timeout inode ...`, split on spaces;
/// the first ten fields are required, the rest vary by protocol and state.
struct ProcNetRowParser {
    var `protocol`: TransportProtocol
    var family: AddressFamily

    /// Why a row was not understood (the diagnostic message, lowercase).
    enum RowError: Error, Equatable {
        case tooFewFields
        case badSlot
        case badAddress(String)
        case badState
        case badInode

        var message: String {
            switch self {
            case .tooFewFields: "socket row has fewer than 10 fields"
            case .badSlot: "socket row does not start with an entry number and ':'"
            case .badAddress(let which): "socket row has a malformed \(which) address"
            case .badState: "socket row has a malformed state"
            case .badInode: "socket row has a malformed inode"
            }
        }
    }

    /// Parses the row in `line` (no newline). Returns the socket without its source location.
    func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<KernelSocket, RowError> {
        var cursor = Cursor(bytes: line)
        guard let slot = cursor.nextField() else { return .failure(.tooFewFields) }
        guard slot.count >= 2, line[slot.upperBound - 1] == UInt8(ascii: ":"),
              ProcHex.allDecimal(line, slot.lowerBound..<(slot.upperBound - 1)) else { return .failure(.badSlot) }
        guard let localField = cursor.nextField(), let remoteField = cursor.nextField(),
              let stateField = cursor.nextField() else { return .failure(.tooFewFields) }
        for _ in 0..<5 {
            guard cursor.nextField() != nil else { return .failure(.tooFewFields) }
        }
        guard let inodeField = cursor.nextField() else { return .failure(.tooFewFields) }

        guard let local = ProcHex.endpoint(line, localField, family: family) else { return .failure(.badAddress("local")) }
        guard let remote = ProcHex.endpoint(line, remoteField, family: family) else { return .failure(.badAddress("remote")) }
        guard stateField.count == 2, let state = ProcHex.value(line, stateField) else { return .failure(.badState) }
        guard let inode = ProcHex.decimal(line, inodeField) else { return .failure(.badInode) }
        return .success(KernelSocket(
            protocol: `protocol`, family: family,
            localAddress: local.address, localPort: local.port,
            remoteAddress: remote.address, remotePort: remote.port,
            stateCode: UInt8(truncatingIfNeeded: state), inode: inode,
            source: SourceLocation(file: "")
        ))
    }

    /// Splits a line on ASCII spaces and tabs.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func nextField() -> Range<Int>? {
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            guard position < bytes.count else { return nil }
            let start = position
            while position < bytes.count, bytes[position] != 0x20, bytes[position] != 0x09 { position += 1 }
            return start..<position
        }
    }
}

/// Hexadecimal and decimal decoding of `/proc/net/*` fields (little-endian hex, as the kernel prints them).
enum ProcHex {
    static func digit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// A hex number of at most 16 digits.
    static func value(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        guard !range.isEmpty, range.count <= 16 else { return nil }
        var result: UInt64 = 0
        for index in range {
            guard let nibble = digit(bytes[index]) else { return nil }
            result = result << 4 | UInt64(nibble)
        }
        return result
    }

    static func allDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        !range.isEmpty && range.allSatisfy { bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9") }
    }

    /// A decimal number that fits in 64 bits.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        guard !range.isEmpty, range.count <= 20 else { return nil }
        var result: UInt64 = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            result = sum
        }
        return result
    }

    /// `ADDR:PORT` with an 8-digit (IPv4) or 32-digit (IPv6) address and a 4-digit port.
    static func endpoint(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, family: AddressFamily
    ) -> (address: KernelAddress, port: Int)? {
        let addressDigits = family == .ipv4 ? 8 : 32
        guard range.count == addressDigits + 5, bytes[range.lowerBound + addressDigits] == UInt8(ascii: ":") else { return nil }
        let start = range.lowerBound
        guard let port = value(bytes, (start + addressDigits + 1)..<range.upperBound) else { return nil }
        func word(_ index: Int) -> UInt32? {
            value(bytes, (start + 8 * index)..<(start + 8 * index + 8)).map { networkOrder(UInt32(truncatingIfNeeded: $0)) }
        }
        if family == .ipv4 {
            guard let address = word(0) else { return nil }
            return (.v4(address), Int(port))
        }
        guard let first = word(0), let second = word(1), let third = word(2), let fourth = word(3) else { return nil }
        return (.v6(words: (first, second, third, fourth)), Int(port))
    }

    /// A `__be32` the kernel printed as a host-order integer, back in network order: on a
    /// little-endian host the bytes are reversed (IPv6 word by word, never all 16 bytes).
    static func networkOrder(_ printed: UInt32) -> UInt32 {
        // On a little-endian host `bigEndian` swaps the bytes; on a big-endian host it is the value.
        printed.bigEndian
    }
}
