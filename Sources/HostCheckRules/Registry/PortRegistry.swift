import HostCheckCore

/// What a port registry says about one (port, protocol): `/etc/services` or IANA's
/// service-names-port-numbers CSV.
package struct PortAssignment: Sendable, Hashable {
    package var service: String
    package var port: Int
    package var `protocol`: String
    package var description: String?
    /// `YYYY-MM` or `YYYY-MM-DD` (IANA's registration date), when known.
    package var registered: String?
    package var source: SourceLocation

    package init(service: String, port: Int, protocol: String, description: String?, registered: String?, source: SourceLocation) {
        self.service = service
        self.port = port
        self.protocol = `protocol`
        self.description = description
        self.registered = registered
        self.source = source
    }
}

/// A port registry read from text; lines it cannot read are diagnostics, never lost.
package struct PortRegistry: Sendable {
    package private(set) var assignments: [PortAssignment] = []
    package private(set) var diagnostics: [Diagnostic] = []
    /// The registry's file, for messages.
    package let file: String

    /// Reads `text`, recognising the IANA CSV by its header and otherwise reading the
    /// `/etc/services` format.
    package init(text: String, file: String) {
        self.file = file
        if text.hasPrefix("Service Name,Port Number,Transport Protocol") {
            readIANA(text)
        } else {
            readServices(text)
        }
    }

    /// The assignments of `port`, optionally of one protocol.
    package func lookup(port: Int, protocol proto: String? = nil) -> [PortAssignment] {
        assignments.filter { $0.port == port && (proto == nil || $0.protocol == proto) }
    }

    private mutating func readServices(_ text: String) {
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard !fields.isEmpty else { continue }
            let location = SourceLocation(file: file, line: lineNumber)
            let portProto = fields.count > 1 ? fields[1].split(separator: "/") : []
            guard portProto.count == 2, let port = Int(portProto[0]), (0...65535).contains(port) else {
                diagnostics.append(Diagnostic(.warning, "not a services line (expected 'name port/protocol')", at: location))
                continue
            }
            let aliases = fields.dropFirst(2).map(String.init)
            assignments.append(PortAssignment(
                service: String(fields[0]), port: port, protocol: String(portProto[1]).lowercased(),
                description: aliases.isEmpty ? nil : "aliases: " + aliases.joined(separator: " "),
                registered: nil, source: location))
        }
    }

    private mutating func readIANA(_ text: String) {
        var reader = CSVRecordReader(text: text)
        var isHeader = true
        while let (record, line) = reader.next() {
            if isHeader { isHeader = false; continue }
            if record.allSatisfy({ $0.isEmpty }) { continue }
            let location = SourceLocation(file: file, line: line)
            guard record.count >= 4 else {
                diagnostics.append(Diagnostic(.warning, "IANA registry row with \(record.count) fields (expected 12)", at: location))
                continue
            }
            let name = record[0]
            let proto = record[2].lowercased()
            guard !record[1].isEmpty, !proto.isEmpty else { continue }
            let bounds = record[1].split(separator: "-").compactMap { Int($0) }
            guard let low = bounds.first, let high = bounds.last, low <= high, high <= 65535 else {
                diagnostics.append(Diagnostic(.warning, "IANA registry row with port '\(record[1].prefix(20))'", at: location))
                continue
            }
            let registered = record.count > 6 && !record[6].isEmpty ? record[6] : nil
            let description = record[3].isEmpty ? nil : record[3]
            // Ranges (e.g. 6000-6063 x11) are kept as their bounds only, to keep lookups cheap.
            for port in Set([low, high]) {
                assignments.append(PortAssignment(
                    service: name.isEmpty ? "(unassigned)" : name, port: port, protocol: proto,
                    description: description, registered: registered, source: location))
            }
        }
    }
}
