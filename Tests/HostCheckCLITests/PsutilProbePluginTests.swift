import Foundation
import Testing

/// The psutil probe plugin in `contrib/probe-psutil` (docs/architecture.md, "Contracts": a probe
/// plugin writes a snapshot-2 document), through its own tests (`test_probe_psutil.py`) run with
/// this build's `hostcheck`: its decisions and failures, its document against the schema, and,
/// on Linux, its agreement with the native probe on sockets the tests open (dual-stack, UDP, a
/// listener shared by a parent and child, a listener of the user `nobody`).
@Suite struct PsutilProbePluginTests {
    static let directory = HostCheckRunner.packageRoot.appendingPathComponent("contrib/probe-psutil")

    /// Whether `python3` can import psutil (`.ci/run` installs it).
    static let pythonHasPsutil: Bool = {
        guard let run = try? HostCheckRunner.run(
            ["python3", "-c", "import psutil"], executable: URL(fileURLWithPath: "/usr/bin/env"))
        else { return false }
        return run.status == 0
    }()

    @Test(.enabled(if: pythonHasPsutil, "python3 cannot import psutil: pip install psutil (.ci/run installs it)"))
    func pluginTestsPassAndAgreeWithTheNativeProbe() throws {
        var environment = ["HOSTCHECK_BIN": try HostCheckRunner.binary().path]
        #if os(Linux)
        // As root on Linux every live test must run: a missing prerequisite fails, not skips.
        let strict = getuid() == 0
        #else
        let strict = false
        #endif
        if strict { environment["HOSTCHECK_PSUTIL_STRICT"] = "1" }
        let run = try HostCheckRunner.run(
            ["python3", "-m", "unittest", "-v", "test_probe_psutil"], in: Self.directory,
            environment: environment, executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(run.status == 0, "test_probe_psutil.py failed:\n\(run.stderr)")
        #expect(run.stderr.contains("\nOK"), "\(run.stderr)")
        if strict {
            #expect(!run.stderr.contains("skipped"), "\(run.stderr)")
            #expect(run.stderr.contains("agrees with"), "the agreement test did not compare: \(run.stderr)")
        }
    }
}
