import HostCheckCore

/// One of the four socket tables under `net/`.
struct ProcNetTable: Sendable, Hashable, CaseIterable {
    var `protocol`: TransportProtocol
    var family: AddressFamily

    static let allCases: [ProcNetTable] = [
        ProcNetTable(protocol: .tcp, family: .ipv4), ProcNetTable(protocol: .tcp, family: .ipv6),
        ProcNetTable(protocol: .udp, family: .ipv4), ProcNetTable(protocol: .udp, family: .ipv6),
    ]

    /// `tcp`, `tcp6`, `udp`, `udp6`.
    var fileName: String { `protocol`.rawValue + (family == .ipv6 ? "6" : "") }
}

/// What reading the socket tables gave: sockets in file order, which tables were readable,
/// and a diagnostic for every table or row not read.
struct SocketTableReading: Sendable {
    var sockets: [KernelSocket] = []
    var readTables: Set<ProcNetTable> = []
    var diagnostics: [Diagnostic] = []
    /// Every process in the namespace exited before it could be read: its sockets closed with
    /// them, so it neither lowers coverage nor counts as an unreadable table.
    var namespaceVanished = false

    /// Coverage of protocols and families: a missing table lowers its family (IPv6 may be
    /// disabled); a protocol is lowered only when none of its tables could be read.
    func coverage(owners: CoverageLevel) -> Coverage {
        func level(_ tables: [ProcNetTable]) -> CoverageLevel {
            let present = tables.filter { readTables.contains($0) }.count
            return present == tables.count ? .full : present == 0 ? .none : .partial
        }
        let all = ProcNetTable.allCases
        let tcpAny = all.contains { $0.protocol == .tcp && readTables.contains($0) }
        let udpAny = all.contains { $0.protocol == .udp && readTables.contains($0) }
        return Coverage(
            tcp: tcpAny ? .full : .none,
            udp: udpAny ? .full : .none,
            ipv4: level(all.filter { $0.family == .ipv4 }),
            ipv6: level(all.filter { $0.family == .ipv6 }),
            owners: owners
        )
    }
}

/// Reads `<netDirectory>/{tcp,tcp6,udp,udp6}` (docs/architecture.md, "Path of a live run").
enum ProcNetReader {
    /// Reads every table under `netDirectory` (`/proc/net` or `/proc/<pid>/net`).
    static func read(netDirectory: String, netns: UInt64? = nil) -> SocketTableReading {
        var reading = SocketTableReading()
        for table in ProcNetTable.allCases {
            read(table, netDirectory: netDirectory, netns: netns, into: &reading)
        }
        return reading
    }

    /// Reads one table, adding its sockets, or a diagnostic when it cannot be read.
    static func read(_ table: ProcNetTable, netDirectory: String, netns: UInt64?, into reading: inout SocketTableReading) {
        let path = netDirectory + "/" + table.fileName
        switch SystemIO.readFile(path, sizeHint: 64 * 1024) {
        case .failure(let error):
            let hint = table.family == .ipv6 && error.isGone ? " (ipv6 disabled?)" : ""
            let severity: DiagnosticSeverity = error.isGone ? .note : .warning
            reading.diagnostics.append(Diagnostic(
                severity, "cannot read socket table: \(error)\(hint)", at: SourceLocation(file: path)))
        case .success(let bytes):
            reading.readTables.insert(table)
            parse(bytes, table: table, path: path, netns: netns, into: &reading)
        }
    }

    /// Parses the text of one table; the first line is the header.
    static func parse(_ bytes: [UInt8], table: ProcNetTable, path: String, netns: UInt64?, into reading: inout SocketTableReading) {
        let parser = ProcNetRowParser(protocol: table.protocol, family: table.family)
        bytes.withUnsafeBufferPointer { all in
            var lineNumber = 0
            var start = 0
            while start < all.count {
                var end = start
                while end < all.count, all[end] != 0x0A { end += 1 }
                lineNumber += 1
                let line = UnsafeBufferPointer(rebasing: all[start..<end])
                start = end + 1
                if isBlank(line) { continue }
                if lineNumber == 1, isHeader(line) { continue }
                let location = SourceLocation(file: path, line: lineNumber)
                switch parser.parse(line) {
                case .success(var socket):
                    socket.source = location
                    socket.netns = netns
                    reading.sockets.append(socket)
                case .failure(let error):
                    reading.diagnostics.append(Diagnostic(.warning, error.message, at: location))
                }
            }
        }
    }

    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// The header starts with `sl` after leading spaces.
    static func isHeader(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var cursor = ProcNetRowParser.Cursor(bytes: line)
        guard let first = cursor.nextField(), first.count == 2 else { return false }
        return line[first.lowerBound] == UInt8(ascii: "s") && line[first.lowerBound + 1] == UInt8(ascii: "l")
    }
}
