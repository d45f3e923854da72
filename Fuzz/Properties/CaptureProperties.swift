import HostCheckCore
import HostCheckProbes

/// What must hold for any capture: every socket and process names the line it came from in
/// the file read, coverage is never full when no format was recognised, and the snapshot
/// round-trips through JSON.
package enum CaptureProperties {
    /// The violated property, or nil.
    static func check(_ bytes: [UInt8]) -> String? {
        guard let path = ScratchFiles.write(bytes, as: "capture.txt") else { return nil }
        let snapshot: Snapshot
        do {
            snapshot = try CaptureProbe(paths: [path], hostName: "fuzz", formats: CaptureFormatCatalog.builtin).snapshot()
        } catch {
            return nil
        }
        return check(snapshot, files: [path])
    }

    /// The properties of a snapshot read from `files`.
    static func check(_ snapshot: Snapshot, files: [String]) -> String? {
        for socket in snapshot.sockets {
            guard files.contains(socket.source.file), let line = socket.source.line, line >= 1 else {
                return "a socket without a source line: \(socket.source)"
            }
        }
        for process in snapshot.processes {
            guard files.contains(process.source.file) else {
                return "a process from no file read: pid \(process.pid) at \(process.source)"
            }
        }
        if let violation = coverage(snapshot) { return violation }
        return SnapshotProperties.roundTrip(snapshot)
    }

    /// Coverage claims nothing `full` about sockets when no socket format was recognised.
    package static func coverage(_ snapshot: Snapshot) -> String? {
        let coverage = snapshot.host.coverage
        let claims: [(String, CoverageLevel)] = [
            ("tcp", coverage.tcp), ("udp", coverage.udp), ("ipv4", coverage.ipv4), ("ipv6", coverage.ipv6),
            ("owners", coverage.owners),
        ]
        if snapshot.host.sources.isEmpty {
            for (dimension, level) in claims where level == .full {
                return "coverage claims full \(dimension) with no source recognised"
            }
            if coverage.processes == .full { return "coverage claims full processes with no source recognised" }
        }
        return nil
    }
}
