import HostCheckCore

/// `--probe NAME`: an external probe plugin's snapshot (docs/plugins.md, "Probe plugins").
///
/// Its standard output is read like `--snapshot` from a pipe (snapshot-1 or -2, within the
/// snapshot stream limit, by `Snapshot(jsonBytes:file:)`). A plugin that cannot be started,
/// exits non-zero, is killed by a signal or at `--plugin-timeout`, writes more than the limit, or
/// writes a document the reader refuses (invalid, a newer version) gives a host that only
/// carries an error diagnostic with its standard error's tail: every rule on it is `error`,
/// never `pass` (docs/architecture.md, "Reliability and security").
struct ProbePlugin: Sendable {
    var plugin: PluginCandidate
    var arguments: [String]
    /// Seconds before its process group is killed.
    var timeout: Double

    /// The most bytes of snapshot read from a plugin: the snapshot limit for a stream.
    static var outputLimit: Int { InputKind.snapshot.streamLimit }

    /// The plugin as a host job.
    func job(hostName: String?) -> HostJob {
        let probe = self
        return HostJob(origin: plugin.path) { probe.snapshot(hostName: hostName) }
    }

    /// Runs the plugin and reads its snapshot; any failure is a host that is `error`.
    func snapshot(hostName: String?) -> Snapshot {
        let name = hostName ?? "unknown"
        let what = "probe plugin '\(plugin.name)'"
        let outcome: PluginProcess.Outcome
        do {
            outcome = try PluginProcess.run(
                plugin.path, arguments: arguments, input: nil, outputLimit: Self.outputLimit, timeout: timeout)
        } catch {
            return HostInputs.failedSnapshot(name: name, at: plugin.path, "\(what) \(error.reason)")
        }
        let stderr = outcome.stderrText
        let tail = stderr.isEmpty ? "; it wrote nothing to standard error" : "; its standard error ends: \(stderr)"
        if let failure = Self.failure(outcome.ending, timeout: timeout) {
            return HostInputs.failedSnapshot(name: name, at: plugin.path, "\(what) \(failure)\(tail)")
        }
        var snapshot: Snapshot
        do {
            snapshot = try Snapshot(jsonBytes: outcome.output, file: "\(plugin.path) (standard output)")
        } catch {
            var failed = HostInputs.failedSnapshot(name: name, error.diagnostic)
            failed.diagnostics.append(Diagnostic(
                .error, "\(what) wrote no snapshot this build reads\(tail)", at: SourceLocation(file: plugin.path)))
            return failed
        }
        if let hostName { snapshot.host.name = hostName }
        return snapshot
    }

    /// What went wrong, for an ending other than exit status 0.
    static func failure(_ ending: PluginProcess.Ending, timeout: Double) -> String? {
        switch ending {
        case .exited(0): nil
        case .exited(let status): "exited with status \(status)"
        case .signalled(let signal): "was killed by signal \(signal)"
        case .timedOut: "did not finish within \(timeout.formattedSeconds) s (--plugin-timeout); its process group was killed"
        case .overLimit: "wrote more than \(ByteCount.text(outputLimit)), the limit for a snapshot; its process group was killed"
        }
    }
}

extension Double {
    /// `2` for 2.0, `0.5` for 0.5.
    var formattedSeconds: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
