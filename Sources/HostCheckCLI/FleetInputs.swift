import HostCheckCore
import HostCheckProbes

/// `--fleet DIR`: one host per entry of DIR (docs/cli.md, "Fleet entries").
///
/// Dotfiles and `README*` are ignored. A sub-directory is a bundle, a regular `*.json` file a
/// snapshot; any other entry (a loose capture, `h1.JSON`, a FIFO, a symbolic link loop) is a
/// host that is `error`, named after the entry. A host's name is its entry's name (the
/// directory name, or the file name without `.json`), known without reading it, so each host
/// is read once, while reporting; a different name the host reports about itself is kept as
/// ``HostInfo/reportedName`` with a warning. Two entries whose names differ only in case are
/// both `error`. A directory with no entry but ignored ones is a usage error.
struct FleetInputs {
    var directory: String
    /// Where the capture formats come from.
    var registry: Registry

    /// The message of the usage error for a fleet directory with no host in it.
    static func emptyMessage(_ directory: String) -> String {
        "\(directory): no host in the fleet directory (a host is a bundle sub-directory or a *.json snapshot; "
            + "dotfiles and README* are ignored)"
    }

    func jobs() async throws -> [HostJob] {
        guard try FileAccess.type(of: directory) == .directory else {
            throw CLIError(.usage, "\(directory): --fleet takes a directory")
        }
        guard let descriptor = registry.fileProbe else { throw CLIError(.usage, "this build reads no captures") }
        // One listing; its entry types spare a `stat` of each bundle directory.
        let entries = try FileAccess.typedEntries(of: directory).filter { !IgnoredEntries.contains($0.name) }
        guard !entries.isEmpty else { throw EmptyFleet(message: FleetInputs.emptyMessage(directory)) }
        let shared = SharedProbe(descriptor: descriptor, formats: registry.captureFormats)
        var jobs: [(name: String, job: HostJob)] = []
        jobs.reserveCapacity(entries.count)
        for (entry, listed) in entries {
            let path = FileAccess.join(directory, entry)
            let name = entry.hasSuffix(".json") ? String(entry.dropLast(".json".count)) : entry
            jobs.append((name, try job(entry: entry, listed: listed, name: name, path: path, shared: shared)))
        }
        var counts: [String: Int] = [:]
        for (name, _) in jobs { counts[name.lowercased(), default: 0] += 1 }
        return jobs.map { name, job in
            guard counts[name.lowercased(), default: 0] > 1 else { return job }
            let origin = job.origin
            return HostJob(origin: origin) {
                HostInputs.failedSnapshot(
                    name: name, at: origin, "two fleet entries are named '\(name)' (compared case-insensitively); both are errors")
            }
        }
    }

    /// The job of one entry: a bundle, a snapshot, or a host that is `error` because the entry
    /// is neither. What the listing says the entry is (`listed`) spares its `stat` when it is a
    /// directory or a regular file.
    private func job(
        entry: String, listed: FileSystem.ListedType, name: String, path: String, shared: SharedProbe
    ) throws -> HostJob {
        let type: InputFile.EntryType
        switch listed {
        case .directory:
            type = .directory
        case .regular:
            type = .regular
        case .unknown:
            do {
                type = try InputFile.type(of: path)
            } catch {
                // A dangling link or a symbolic link loop: a host that is `error`, never skipped.
                let message = error.message
                return HostJob(origin: path) { HostInputs.failedSnapshot(name: name, at: path, message) }
            }
        }
        switch type {
        case .directory:
            // The probe is made when the host is read: a job holds only its names (memory per
            // host small; Benchmarks/README.md, "Fleet").
            return HostJob(origin: path) {
                let probe: any Probe
                do {
                    probe = try HostInputs.make(shared.descriptor, ProbeRequest(paths: [path], captureFormats: shared.formats))
                } catch {
                    return HostInputs.failedSnapshot(name: name, at: path, (error as? CLIError)?.message ?? "\(error)")
                }
                return FleetInputs.named(await HostInputs.collect(probe, origin: path, name: name), name: name, at: path)
            }
        case .regular where entry.hasSuffix(".json"):
            return HostJob(origin: path) { FleetInputs.named(FleetInputs.loadSnapshot(path, name: name), name: name, at: path) }
        case .regular:
            let message = entry.lowercased().hasSuffix(".json")
                ? "not a fleet entry: a snapshot must be named *.json (lower case)"
                : "not a fleet entry: a loose file (each host is a bundle sub-directory or a *.json snapshot)"
            return HostJob(origin: path) { HostInputs.failedSnapshot(name: name, at: path, message) }
        case .other(let what):
            // A FIFO, device or socket is never opened: its host is `error`.
            let message = "not a regular file (\(what))"
            return HostJob(origin: path) { HostInputs.failedSnapshot(name: name, at: path, message) }
        }
    }

    /// The snapshot named after its fleet entry; the name it reported, when different (any
    /// case aside), is kept as ``HostInfo/reportedName`` with a warning.
    static func named(_ snapshot: Snapshot, name: String, at path: String) -> Snapshot {
        var snapshot = snapshot
        let reported = snapshot.host.name
        snapshot.host.name = name
        if reported.lowercased() != name.lowercased(), reported != "unknown" {
            snapshot.host.reportedName = reported
            snapshot.diagnostics.append(Diagnostic(
                .warning, "the host reports its name as '\(reported)'; the fleet entry's name '\(name)' is used",
                at: SourceLocation(file: path)))
        }
        return snapshot
    }

    /// Reads one snapshot file of a fleet; anything wrong with it is an error for that host only.
    static func loadSnapshot(_ path: String, name: String) -> Snapshot {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path, kind: .snapshot, origin: .listed)
        } catch {
            return HostInputs.failedSnapshot(name: name, at: path, error.message)
        }
        do {
            return try Snapshot(jsonBytes: bytes, file: path)
        } catch {
            return HostInputs.failedSnapshot(name: name, error.diagnostic)
        }
    }
}

/// The capture probe's descriptor and formats, shared by every job of a fleet.
private final class SharedProbe: Sendable {
    let descriptor: ProbeDescriptor
    let formats: [CaptureFormatDescriptor]

    init(descriptor: ProbeDescriptor, formats: [CaptureFormatDescriptor]) {
        self.descriptor = descriptor
        self.formats = formats
    }
}

/// A `--fleet` directory with no host in it: a usage error (exit 64; `HOSTCHECK UNKNOWN`, exit
/// 3, under `--format nagios`).
struct EmptyFleet: Error {
    var message: String
}
