import HostCheckCore

/// Builds one host's ``Snapshot`` from captured text files in the formats it is given
/// (``CaptureFormatDescriptor``): Windows `netstat`, `tasklist` and PowerShell exports; Linux
/// `ss`, net-tools `netstat`, `lsof` and `/proc/net`; BSD `netstat`; ...
///
/// Each path is a file or a directory (a bundle of files with any names, and an optional
/// `host.json`; or one snapshot and a `host.json`); every file's format and encoding is
/// recognised from its content. Sockets are
/// joined to processes by PID. See `docs/captures.md`.
package struct CaptureProbe: Probe {

    /// The files and directories to read, as given.
    package var paths: [String]
    /// The host name to use; nil takes the `host` of a bundle's `host.json`, else the bundle
    /// directory's name, else `unknown`.
    package var hostName: String?
    /// The formats files are recognised among (the registry's).
    package var formats: [CaptureFormatDescriptor]

    package init(paths: [String], hostName: String?, formats: [CaptureFormatDescriptor]) {
        self.paths = paths
        self.hostName = hostName
        self.formats = formats
    }

    /// Reads, recognises and joins every file.
    /// - Throws: ``CaptureError`` only when a path does not exist or cannot be read; anything a
    ///   file holds that is not understood is a diagnostic in the snapshot.
    /// A large Windows `netstat` capture is read in chunks on several tasks (one per core, at
    /// most 4), with the facts of ``snapshot()``.
    package func collect() async throws -> Snapshot {
        let list = try CaptureFiles.files(paths: paths)
        let tasks = CaptureProbe.tasks
        var parsed: [ParsedCapture] = []
        var snapshots: [(file: String, read: Result<Snapshot, JSONReadError>)] = []
        for (file, listedRegular) in zip(list.files, list.listedRegular) {
            // One file at a time, so that its bytes are released before the next is read.
            let bytes = try CaptureFiles.readFile(file, origin: origin(of: file), listedRegular: listedRegular)
            if BundledSnapshot.isSnapshot(bytes) {
                snapshots.append((file, BundledSnapshot.read(bytes, file: file)))
                continue
            }
            parsed.append(await ParsedCapture.parse(CaptureInput(file: file, bytes: bytes), formats: formats, tasks: tasks))
        }
        return assemble(parsed, snapshots: snapshots, list: list)
    }

    /// How many tasks read a large capture: one per core, at most 4. Read once per process
    /// (it is a read of `/sys`), not once per host of a fleet.
    static let tasks = min(4, SystemIO.onlineProcessors())

    /// The synchronous form of ``collect()``.
    /// - Throws: ``CaptureError`` when a path does not exist or cannot be read.
    package func snapshot() throws(CaptureError) -> Snapshot {
        let list = try CaptureFiles.files(paths: paths)
        var parsed: [ParsedCapture] = []
        var snapshots: [(file: String, read: Result<Snapshot, JSONReadError>)] = []
        for (file, listedRegular) in zip(list.files, list.listedRegular) {
            // One file at a time, so that its bytes are released before the next is read.
            let bytes = try CaptureFiles.readFile(file, origin: origin(of: file), listedRegular: listedRegular)
            if BundledSnapshot.isSnapshot(bytes) {
                snapshots.append((file, BundledSnapshot.read(bytes, file: file)))
                continue
            }
            parsed.append(ParsedCapture.parse(CaptureInput(file: file, bytes: bytes), formats: formats))
        }
        return assemble(parsed, snapshots: snapshots, list: list)
    }

    /// A file given as a path is named; one found in a bundle is listed.
    private func origin(of file: String) -> InputFile.Origin {
        paths.contains(file) ? .named : .listed
    }

    /// The host: a bundled snapshot with its `host.json`, or the captures joined, with what
    /// `host.json` declares applied and its platform claim checked.
    private func assemble(
        _ parsed: [ParsedCapture], snapshots: [(file: String, read: Result<Snapshot, JSONReadError>)], list: CaptureFileList
    ) -> Snapshot {
        let notes = list.notes
        let fallback = CaptureFiles.bundleName(paths: paths, directories: list.directories) ?? "unknown"
        if let first = snapshots.first {
            switch first.read {
            case .success(let snapshot):
                return BundledSnapshot.assemble(
                    snapshot, file: first.file, others: parsed, extraSnapshots: snapshots.dropFirst().map(\.file),
                    hostName: hostName, notes: notes)
            case .failure(let error):
                let host = HostInfo(name: hostName ?? fallback, platform: .unknown, coverage: .none)
                return Snapshot(host: host, diagnostics: notes + [error.diagnostic])
            }
        }
        var parsed = parsed
        let claims = BundleDeclarations.platformClaims(parsed)
        var allNotes = notes + BundleDeclarations.declareSources(&parsed) + claims
        if list.files.isEmpty {
            allNotes.append(Diagnostic(.error, "no capture file found", at: paths.first.map { SourceLocation(file: $0) }))
        }
        var snapshot = SnapshotAssembler.assemble(parsed, hostName: hostName, fallbackName: fallback, notes: allNotes)
        if let (info, _) = BundleDeclarations.bundleInfo(parsed) {
            BundleDeclarations.applyCoverage(info, to: &snapshot.host)
        }
        // A platform claimed against the captures is neither: no rule is skipped for it.
        if !claims.isEmpty { snapshot.host.platform = .unknown }
        return snapshot
    }
}

extension CaptureProbe {
    /// Reads captured text files and bundle directories in the registry's capture formats.
    package static let descriptor = ProbeDescriptor(
        id: "capture",
        summary: "facts from captured output: windows netstat, tasklist, powershell; linux ss, netstat, lsof, /proc/net; bsd netstat",
        platforms: [.windows, .linux, .macos], source: .files,
        make: { request in CaptureProbe(paths: request.paths, hostName: request.hostName, formats: request.captureFormats) })
}
