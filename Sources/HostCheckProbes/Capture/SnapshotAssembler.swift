import HostCheckCore

/// Joins the parsed files of one host into a ``Snapshot`` (docs/architecture.md, "Path of a capture file").
///
/// Sockets come from the socket listings (`netstat`, `ss`, ...), processes from the process
/// listings (`tasklist`, ...) and owner columns, joined by PID. On Windows, PID 4 is the kernel
/// process (``WindowsKernelProcess``).
enum SnapshotAssembler {
    /// - Parameter hostName: the explicit name (`--host`), which wins over a bundle's `host.json`;
    ///   `fallbackName` (the bundle directory's name, else `unknown`) is used when neither names one.
    static func assemble(
        _ files: [ParsedCapture], hostName: String?, fallbackName: String, notes: [Diagnostic] = []
    ) -> Snapshot {
        var sockets: [SocketFact] = []
        var processes: [ProcessFact] = []
        var ownerProcesses: [ProcessFact] = []
        var ownerRecords: [ProcessFact] = []
        var diagnostics = notes
        var sources: [CaptureSource] = []
        var platform = Platform.unknown
        var mixed = false
        for file in files {
            sources.append(file.source)
            if file.platform != .unknown {
                if platform == .unknown { platform = file.platform } else if platform != file.platform { mixed = true }
            }
            diagnostics += file.diagnostics
            if let netstat = file.sockets {
                if sockets.isEmpty { sockets = netstat.sockets } else { sockets += netstat.sockets }
                diagnostics += netstat.diagnostics
                ownerProcesses += netstat.ownerProcesses
            }
            if let tasklist = file.processes {
                if processes.isEmpty { processes = tasklist.processes } else { processes += tasklist.processes }
                if tasklist.describesSocketOwners { ownerRecords += tasklist.processes }
                diagnostics += tasklist.diagnostics
            }
        }
        if mixed {
            diagnostics.append(Diagnostic(.warning, "the files come from different platforms; platform is unknown"))
            platform = .unknown
        }
        let merge = SocketMerge.merged(sockets)
        if merge.merged > 0 {
            sockets = merge.sockets
            diagnostics.append(Diagnostic(
                .note, "\(merge.merged) socket\(merge.merged == 1 ? "" : "s") listed without an owner in one file and with one in another merged into one"))
        }
        if !ownerProcesses.isEmpty { processes += ownerProcesses }
        processes = deduplicated(processes, diagnostics: &diagnostics, sockets: &sockets)
        diagnostics += ownersWithoutSockets(ownerRecords, sockets: sockets)
        let info = files.compactMap(\.bundleInfo).first
        WindowsKernelProcess.complete(&processes, sockets: sockets, platform: info?.platform ?? platform)
        let host = HostInfo(
            name: hostName ?? info?.host ?? fallbackName, platform: info?.platform ?? platform, capturedAt: info?.capturedAt,
            sources: sources, coverage: coverage(files), labels: info?.labels ?? [:])
        return Snapshot(host: host, sockets: sockets, processes: processes, diagnostics: diagnostics)
    }

    /// One record per PID. A repeated PID that names the same image and, where both know them,
    /// the same path and file hash, completes the first record (services, user, parent, path,
    /// command line, hash, signature). Otherwise the sources disagree (PID reuse between the
    /// commands of a capture, or two rows for one PID): a warning names both lines and the
    /// sockets of that PID become `unknown`-owned (`sources-disagree`).
    static func deduplicated(
        _ processes: [ProcessFact], diagnostics: inout [Diagnostic], sockets: inout [SocketFact]
    ) -> [ProcessFact] {
        // Without a repeated PID every record is kept as it is: the list is returned, not copied.
        guard hasRepeatedPID(processes) else { return processes }
        var index: [Int: Int] = [:]
        var kept: [ProcessFact] = []
        kept.reserveCapacity(processes.count)
        var disputed: Set<Int> = []
        for process in processes {
            guard let position = index[process.pid] else {
                index[process.pid] = kept.count
                kept.append(process)
                continue
            }
            let first = kept[position]
            if let full = fullerName(first, process) {
                kept[position].name = full
                kept[position].nameTruncated = false
            }
            if let conflict = ProcessRecordMerge.conflict(first, process) {
                disputed.insert(process.pid)
                diagnostics.append(Diagnostic(
                    .warning,
                    "pid \(process.pid) is \(conflict.first) at \(first.source) but \(conflict.second) here; "
                        + "its sockets' owner is unknown",
                    at: process.source))
            } else {
                ProcessRecordMerge.complete(&kept[position], with: process)
            }
        }
        if !disputed.isEmpty {
            for position in sockets.indices where sockets[position].pids.contains(where: disputed.contains) {
                sockets[position].ownership = .unknown
                sockets[position].ownershipReason = .sourcesDisagree
            }
        }
        return kept
    }

    /// Whether two records have the same PID: compared pair by pair in a short list (a
    /// `tasklist` of a few processes), through a set in a longer one.
    static func hasRepeatedPID(_ processes: [ProcessFact]) -> Bool {
        if processes.count <= 32 {
            for later in processes.indices {
                for earlier in 0..<later where processes[earlier].pid == processes[later].pid { return true }
            }
            return false
        }
        var seen = Set<Int>(minimumCapacity: processes.count)
        return processes.contains { !seen.insert($0.pid).inserted }
    }

    /// A warning for each record of a socket owner (a signature export row) whose PID owns no
    /// socket of the captures: the commands saw different processes, and nothing is built on it.
    static func ownersWithoutSockets(_ records: [ProcessFact], sockets: [SocketFact]) -> [Diagnostic] {
        guard !records.isEmpty else { return [] }
        let owners = Set(sockets.lazy.flatMap(\.pids))
        return records.filter { !owners.contains($0.pid) }.map { record in
            Diagnostic(
                .warning, "pid \(record.pid) owns no socket in the captures; its signature row is not about a listener here",
                at: record.source)
        }
    }

    /// Whether two records name the same image: equal images (`svchost` and `svchost.exe`, any
    /// case, from the path when known), or a name cut at its column width that the other's
    /// image begins with (`tasklist` cuts at 25 characters).
    static func sameImage(_ first: ProcessFact, _ second: ProcessFact) -> Bool {
        ProcessImage.agree(first, second)
    }

    /// The full name when one record has a cut name the other completes, else nil.
    static func fullerName(_ first: ProcessFact, _ second: ProcessFact) -> String? {
        guard let a = first.name, let b = second.name else { return nil }
        if first.nameTruncated, !second.nameTruncated, b.lowercased().hasPrefix(a.lowercased()), b.count > a.count {
            return b
        }
        return nil
    }

    /// The coverage of the socket listings read together: each listing's own (its parser's,
    /// replaced where `host.json` states its command), joined; the host-level declaration
    /// (`host.json` `coverage`, `--coverage`) is applied by the caller.
    static func coverage(_ files: [ParsedCapture]) -> Coverage {
        var joined: Coverage?
        for file in files {
            guard let listing = file.sockets else { continue }
            var coverage = listing.coverage ?? inferredCoverage(listing)
            if let declared = file.declaredCoverage {
                coverage = declared.declaration.applied(to: coverage, origin: declared.origin)
            }
            joined = joined.map { $0.join(coverage) } ?? coverage
        }
        return joined ?? .none
    }

    /// The coverage of a listing whose parser did not decide it: protocols and families the
    /// rows show (partly when the capture elides rows with `...`); owners when it has a PID column.
    static func inferredCoverage(_ listing: SocketCapture) -> Coverage {
        var owners: CoverageLevel = listing.hasPIDs ? .full : .none
        if owners == .full, listing.ownersPartial { owners = .partial }
        let shown: CoverageLevel = listing.elided ? .partial : .full
        let protocols = listing.protocols
        let families = listing.families
        return Coverage(
            tcp: protocols.contains(.tcp) ? shown : .none,
            udp: protocols.contains(.udp) ? shown : .none,
            ipv4: families.contains(.ipv4) ? shown : .none,
            ipv6: families.contains(.ipv6) ? shown : .none,
            owners: owners)
    }
}
