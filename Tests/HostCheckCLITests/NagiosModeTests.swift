import Foundation
import Testing

/// `--format nagios` alone on standard output: every error is one `HOSTCHECK UNKNOWN - reason`
/// line on standard output and exit 3; the same error without it keeps hostcheck's own code and
/// prints nothing on standard output (docs/cli.md, "Nagios mode").
@Suite struct NagiosModeTests {
    static let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")

    /// Files the error cases need, in a fresh directory.
    struct Scene {
        let directory: URL
        var path: (String) -> String { { directory.appendingPathComponent($0).path } }

        init() throws {
            directory = try HostCheckRunner.temporaryDirectory()
            try "hostcheck: 1\npack:\n  id: bad\n  version: 1.0.0\nrules:\n  - id: x\n    slect: {}\n"
                .write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
            try "hostcheck: 1\npack:\n  id: empty\n  version: 1.0.0\nrules: []\n"
                .write(to: directory.appendingPathComponent("empty.yaml"), atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("fleet"), withIntermediateDirectories: true)
            try "ignored\n".write(to: directory.appendingPathComponent("fleet/README.md"), atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("a-directory"), withIntermediateDirectories: true)
        }
    }

    /// One error: its arguments (without `--format`), hostcheck's own exit code, and words the
    /// reason must contain.
    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: @Sendable (Scene) -> [String]
        var status: Int32
        var reason: String
        var testDescription: String { name }
    }

    static let cases: [ErrorCase] = [
        ErrorCase(name: "bad option", arguments: { _ in ["check", "--bogus"] }, status: 64, reason: "Unknown option '--bogus'"),
        ErrorCase(name: "bad value", arguments: { _ in ["check", "--color", "purple"] }, status: 64, reason: "'purple' is invalid for '--color"),
        ErrorCase(name: "missing value", arguments: { _ in ["check", "--capture", netstat, "--timeout"] }, status: 64, reason: "Missing value for '--timeout"),
        ErrorCase(name: "unknown command", arguments: { _ in ["chek"] }, status: 64, reason: "unknown command 'chek' (did you mean 'check'?)"),
        ErrorCase(name: "bad --var", arguments: { _ in ["check", "--capture", netstat, "--var", "novalue"] }, status: 64, reason: "PACK.NAME=VALUE or NAME=VALUE"),
        ErrorCase(name: "filter selects nothing", arguments: { _ in ["check", "--capture", netstat, "--rule", "no-such-rule"] }, status: 64, reason: "--rule 'no-such-rule'"),
        ErrorCase(name: "no rule in the packs", arguments: { ["check", $0.path("empty.yaml"), "--capture", netstat] }, status: 64, reason: "hold no rule"),
        ErrorCase(name: "empty fleet", arguments: { ["check", "--fleet", $0.path("fleet")] }, status: 64, reason: "no host in the fleet directory"),
        ErrorCase(name: "missing pack", arguments: { ["check", $0.path("missing.yaml"), "--capture", netstat] }, status: 66, reason: "missing.yaml: error: no such file or directory"),
        ErrorCase(name: "missing capture", arguments: { ["check", "--capture", $0.path("missing.txt")] }, status: 66, reason: "missing.txt"),
        ErrorCase(name: "missing waiver file", arguments: { ["check", "--capture", netstat, "--waivers", $0.path("missing-waivers.yaml")] }, status: 66, reason: "missing-waivers.yaml"),
        ErrorCase(name: "invalid pack", arguments: { ["check", $0.path("bad.yaml"), "--capture", netstat] }, status: 65, reason: "3 errors in rule packs"),
        ErrorCase(name: "directory as snapshot", arguments: { ["check", "--snapshot", $0.path("a-directory")] }, status: 65, reason: "a-directory"),
        ErrorCase(name: "bad --jobs", arguments: { _ in ["check", "--capture", netstat, "--jobs", "0"] }, status: 64, reason: "--jobs"),
        ErrorCase(name: "report plugin not found", arguments: { _ in ["check", "--capture", netstat, "--format", "no-such-plugin:x.out"] }, status: 64, reason: "unknown format 'no-such-plugin'"),
    ]

    @Test(arguments: cases)
    func everyErrorIsOneUnknownLineAndExit3(_ error: ErrorCase) throws {
        let scene = try Scene()
        let arguments = error.arguments(scene)
        // The report plugin case names a second format: Nagios is then not alone, and hostcheck's codes stay.
        let nagiosAlone = !arguments.contains("--format")
        for format in ["--format=nagios", "--format nagios", "--format nagios:-"] {
            let run = try HostCheckRunner.run(arguments + format.split(separator: " ").map(String.init), in: scene.directory)
            guard nagiosAlone else {
                #expect(run.status == error.status)
                #expect(run.stdout.isEmpty)
                continue
            }
            #expect(run.status == 3, "\(format): \(run.stderr)")
            let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 2 && lines[1].isEmpty, "exactly one line: \(run.stdout)")
            #expect(run.stdout.hasPrefix("HOSTCHECK UNKNOWN - "), "\(run.stdout)")
            #expect(run.stdout.contains(error.reason), "\(run.stdout)")
            #expect(!run.stderr.isEmpty, "the details go to standard error")
        }
        let plain = try HostCheckRunner.run(arguments, in: scene.directory)
        #expect(plain.status == error.status, "\(plain.stderr)")
        #expect(plain.stdout.isEmpty)
        #expect(plain.stderr.contains(error.reason), "\(plain.stderr)")
    }

    @Test func anInvalidPackLineNamesItsFirstError() throws {
        let scene = try Scene()
        let run = try HostCheckRunner.run(["check", "bad.yaml", "--capture", Self.netstat, "--format", "nagios"], in: scene.directory)
        #expect(run.stdout == "HOSTCHECK UNKNOWN - 3 errors in rule packs: bad.yaml:6:5: error: a rule is missing required key 'select'\n")
    }

    @Test func nagiosWithAnotherFormatKeepsHostcheckCodes() throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let run = try HostCheckRunner.run(
            ["check", "--bogus", "--format", "nagios", "--format", "json:" + directory.appendingPathComponent("r.json").path])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
    }

    @Test func aFormatArgumentPassedToAProbePluginDoesNotSelectNagiosMode() throws {
        let run = try HostCheckRunner.run(["check", "--probe", "no-such-probe", "--probe-arg", "--format", "--probe-arg", "nagios"])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
    }

    @Test func anErrorLineCannotForgePerfdataOrASecondLine() throws {
        let run = try HostCheckRunner.run(["check", "--format", "nagios", "--capture", "/nonexistent/a|b\nHOSTCHECK OK - fine"])
        #expect(run.status == 3)
        #expect(run.stdout.split(separator: "\n").count == 1, "\(run.stdout)")
        #expect(!run.stdout.contains("|"), "\(run.stdout)")
    }

    @Test func anUnwritableStandardOutputIsExit3NotExit74() throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }
        for (format, status) in [(["--format", "nagios"], Int32(3)), ([], Int32(74))] {
            let process = Process()
            process.executableURL = try HostCheckRunner.binary()
            process.arguments = ["check", "rules/magaya-network.yaml", "--capture", Self.netstat] + format
            process.currentDirectoryURL = HostCheckRunner.packageRoot
            process.standardOutput = full
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == status, "\(format)")
        }
    }

    @Test func helpIsStillHelpInNagiosMode() throws {
        let run = try HostCheckRunner.run(["check", "--format", "nagios", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: hostcheck check"))
    }

    @Test func aSuccessfulRunIsTheReportItself() throws {
        let run = try HostCheckRunner.run(["check", "rules/magaya-network.yaml", "--capture", Self.netstat, "--format", "nagios"])
        #expect([0, 1, 2, 3].contains(run.status))
        #expect(run.stdout.hasPrefix("HOSTCHECK "))
        #expect(run.stdout.contains(" | fail="), "\(run.stdout)")
    }
}

/// `--timeout`: a run that outlives it ends at once, with Nagios's line and exit 3, or exit 75.
@Suite struct TimeoutTests {
    /// Runs hostcheck reading a capture from a pipe that gives one byte and then nothing, so
    /// the run waits on it until the timeout ends the process.
    static func runStuck(_ arguments: [String], in directory: URL) throws -> (run: HostCheckRun, seconds: Double) {
        let process = Process()
        process.executableURL = try HostCheckRunner.binary()
        process.arguments = ["check", "--capture", "-"] + arguments
        process.currentDirectoryURL = directory
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let started = Date()
        try process.run()
        input.fileHandleForWriting.write(Data("x".utf8))
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        try input.fileHandleForWriting.close()
        return (HostCheckRun(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                             stderr: String(decoding: err, as: UTF8.self)), seconds)
    }

    @Test func nagiosTimeoutIsOneUnknownLine() throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let (run, seconds) = try Self.runStuck(["--format", "nagios", "--timeout", "0.5"], in: directory)
        #expect(run.status == 3)
        #expect(run.stdout == "HOSTCHECK UNKNOWN - timed out after 0.5 s\n")
        #expect(seconds < 10)
    }

    @Test func timeoutWithoutNagiosIs75AndLeavesNoFile() throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let (run, _) = try Self.runStuck(["-t", "1", "--format", "json:out.json", "--format", "text:out.txt"], in: directory)
        #expect(run.status == 75)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("hostcheck: error: timed out after 1 s (--timeout)"))
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(left.isEmpty, "no report and no temporary: \(left)")
    }

    @Test(arguments: ["0", "-1", "86401", "nan", "soon"])
    func aTimeoutOutOfRangeIsAUsageError(_ value: String) throws {
        let run = try HostCheckRunner.run(["check", "--timeout", value])
        #expect(run.status == 64, "\(run.stderr)")
    }

    @Test func aRunWithinItsTimeoutIsUnchanged() throws {
        let run = try HostCheckRunner.run([
            "check", "rules/magaya-network.yaml", "--capture", NagiosModeTests.netstat, "--format", "nagios", "--timeout", "30",
        ])
        #expect(run.stdout.hasPrefix("HOSTCHECK "))
        #expect(!run.stdout.contains("timed out"))
    }
}
