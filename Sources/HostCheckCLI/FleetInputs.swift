import HostCheckCore
import HostCheckProbes

/// `--fleet DIR`: one host per bundle sub-directory or per `*.json` snapshot.
///
/// Names are read in a first pass so that two hosts of the same name (compared
/// case-insensitively) are both `error`; the second pass loads each host again while
/// reporting, so memory does not grow with the fleet.
struct FleetInputs {
    var directory: String
    /// Where the capture formats come from.
    var registry: Registry

    func jobs() async throws -> [HostJob] {
        guard try FileAccess.type(of: directory) == .directory else {
            throw CLIError(.usage, "\(directory): --fleet takes a directory")
        }
        guard let descriptor = registry.fileProbe else { throw CLIError(.usage, "this build reads no captures") }
        let formats = registry.captureFormats
        var jobs: [(name: String, job: HostJob)] = []
        for entry in try FileAccess.entries(of: directory) {
            let path = FileAccess.join(directory, entry)
            let hostName = entry.hasSuffix(".json") ? String(entry.dropLast(".json".count)) : entry
            let type: InputFile.EntryType
            do {
                type = try InputFile.type(of: path)
            } catch {
                // A dangling link or a symbolic link loop: a host that is `error`, never skipped.
                let message = error.message
                jobs.append((hostName, HostJob(origin: path) { HostInputs.failedSnapshot(name: hostName, at: path, message) }))
                continue
            }
            switch type {
            case .directory:
                let probe = try HostInputs.make(descriptor, ProbeRequest(paths: [path], captureFormats: formats))
                let job = HostJob(origin: path) { await HostInputs.collect(probe, origin: path, name: entry) }
                jobs.append((await job.load().host.name, job))
            case .regular where entry.hasSuffix(".json"):
                let job = HostJob(origin: path) { FleetInputs.loadSnapshot(path) }
                jobs.append((await job.load().host.name, job))
            case .regular:
                continue
            case .other(let what):
                // A FIFO, device or socket is never opened: its host is `error`.
                let message = "not a regular file (\(what))"
                jobs.append((hostName, HostJob(origin: path) { HostInputs.failedSnapshot(name: hostName, at: path, message) }))
            }
        }
        var counts: [String: Int] = [:]
        for (name, _) in jobs { counts[name.lowercased(), default: 0] += 1 }
        return jobs.map { name, job in
            guard counts[name.lowercased(), default: 0] > 1 else { return job }
            let origin = job.origin
            return HostJob(origin: origin) {
                HostInputs.failedSnapshot(name: name, at: origin, "two hosts named '\(name)' in the fleet; both are errors")
            }
        }
    }

    /// Reads one snapshot file of a fleet; anything wrong with it is an error for that host only.
    static func loadSnapshot(_ path: String) -> Snapshot {
        let fallbackName = String(FileAccess.baseName(path).dropLast(".json".count))
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path, kind: .snapshot, origin: .listed)
        } catch {
            return HostInputs.failedSnapshot(name: fallbackName, at: path, error.message)
        }
        do {
            return try Snapshot(jsonBytes: bytes, file: path)
        } catch {
            return HostInputs.failedSnapshot(name: fallbackName, error.diagnostic)
        }
    }
}
