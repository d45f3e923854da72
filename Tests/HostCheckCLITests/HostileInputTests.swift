import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every input position × every hostile file (docs/cli.md, "Limits"): a located error naming
/// the file, never exit 0, within a few seconds and 100 MB, never a hang or an abort.
@Suite(.serialized) struct HostileInputTests {
    /// What stands where an input is expected.
    enum Hazard: String, CaseIterable, CustomTestStringConvertible {
        case zero, urandom, fifoWithoutWriter, fifoWithEndlessWriter, symlinkLoop
        var testDescription: String { rawValue }
    }

    /// Where the input is read.
    enum Position: String, CaseIterable, CustomTestStringConvertible {
        case capture, bundleEntry, packFile, packDirectoryEntry, include, snapshot, waivers, variables
        case portRegistry, registryImport, fleetEntry
        var testDescription: String { rawValue }

        /// The file name the hazard gets, inside the position's directory.
        var hazardPath: String {
            switch self {
            case .capture: "capture.txt"
            case .bundleEntry: "bundle/netstat.txt"
            case .packFile: "pack.yaml"
            case .packDirectoryEntry: "packs/bad.yaml"
            case .include: "inc/bad.yaml"
            case .snapshot: "snapshot.json"
            case .waivers: "waivers.yaml"
            case .variables: "vars.yaml"
            case .portRegistry, .registryImport: "registry.csv"
            case .fleetEntry: "fleet/bad.json"
            }
        }
    }

    static let pack = HostCheckRunner.packageRoot.appendingPathComponent("rules/magaya-network.yaml").path
    static let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")
    static let tasklist = HostCheckRunner.fixture("windows/tasklist-magaya.csv")

    /// A snapshot of a host that passes `pack`.
    static func passingSnapshot() throws -> Data {
        let facts = try HostCheckRunner.run(["facts", "--capture", netstat, "--capture", tasklist, "--format", "json"])
        #expect(facts.status == 0, "\(facts.stderr)")
        return Data(facts.stdout.utf8)
    }

    /// Lays out the files around the hazard and gives the arguments and environment.
    static func prepare(_ position: Position, in directory: String) throws -> (arguments: [String], environment: [String: String]) {
        let manager = FileManager.default
        for sub in ["bundle", "packs", "inc", "fleet", "data"] {
            try manager.createDirectory(atPath: directory + "/" + sub, withIntermediateDirectories: true)
        }
        let good = directory + "/good.json"
        try passingSnapshot().write(to: URL(fileURLWithPath: good))
        let hazard = directory + "/" + position.hazardPath
        switch position {
        case .capture: return (["check", pack, "--capture", hazard], [:])
        case .bundleEntry:
            try manager.copyItem(atPath: tasklist, toPath: directory + "/bundle/tasklist.csv")
            return (["check", pack, "--capture", directory + "/bundle"], [:])
        case .packFile: return (["check", hazard, "--snapshot", good], [:])
        case .packDirectoryEntry:
            try manager.copyItem(atPath: pack, toPath: directory + "/packs/good.yaml")
            return (["check", directory + "/packs", "--snapshot", good], [:])
        case .include:
            let main = "hostcheck: 1\npack: { id: main, version: '1' }\ninclude: [bad.yaml]\nrules: []\n"
            try Data(main.utf8).write(to: URL(fileURLWithPath: directory + "/inc/main.yaml"))
            return (["check", directory + "/inc/main.yaml", "--snapshot", good], [:])
        case .snapshot: return (["check", pack, "--snapshot", hazard], [:])
        case .waivers: return (["check", pack, "--snapshot", good, "--waivers", hazard], [:])
        case .variables: return (["check", pack, "--snapshot", good, "--vars", hazard], [:])
        case .portRegistry: return (["explain", "3691", pack, "--port-registry", hazard], [:])
        case .registryImport: return (["registry", "import", hazard], ["XDG_DATA_HOME": directory + "/data"])
        case .fleetEntry:
            try manager.copyItem(atPath: good, toPath: directory + "/fleet/good.json")
            return (["check", pack, "--fleet", directory + "/fleet"], [:])
        }
    }

    /// Puts `hazard` at `path`; returns the pid of a writer to stop afterwards.
    static func place(_ hazard: Hazard, at path: String) throws -> pid_t? {
        switch hazard {
        case .zero: #expect(symlink("/dev/zero", path) == 0)
        case .urandom: #expect(symlink("/dev/urandom", path) == 0)
        case .symlinkLoop: #expect(symlink(path, path) == 0)
        case .fifoWithoutWriter: #expect(mkfifo(path, 0o600) == 0)
        case .fifoWithEndlessWriter:
            #expect(mkfifo(path, 0o600) == 0)
            let writer = try BoundedRunner.background("exec cat /dev/urandom > \"$0\"", argument: path)
            usleep(50_000)
            return writer
        }
        return nil
    }

    @Test(arguments: Position.allCases, Hazard.allCases)
    func aHostileInputIsOneLocatedErrorQuickly(position: Position, hazard: Hazard) throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (arguments, environment) = try Self.prepare(position, in: directory)
        let writer = try Self.place(hazard, at: directory + "/" + position.hazardPath)
        defer { if let writer { BoundedRunner.stop(writer) } }
        let run = try BoundedRunner.run(arguments, environment: environment, timeout: 20)
        let name = (position.hazardPath as NSString).lastPathComponent
        #expect(!run.timedOut, "hung: \(run.output)")
        #expect(run.status != 0 && run.status < 128, "status \(run.status): \(run.output)")
        // An include is refused at its `include:` line, by the confinement walk or the reader.
        let located = position == .include ? "main.yaml:3:11: error: include" : "\(name): error: "
        #expect(run.output.contains(located), "\(run.output)")
        #expect(!run.output.contains("error: \(directory)"), "an error that repeats itself: \(run.output)")
        #expect(run.seconds < 6, "took \(run.seconds) s")
        #expect(run.maxRSSKiB < 100 * 1024, "peak RSS \(run.maxRSSKiB) KiB")
        if hazard == .symlinkLoop && position != .include {
            #expect(run.output.contains("too many levels of symbolic links"), "\(run.output)")
        }
    }

    /// Fleets and bundles make the host `error` (exit 2); packs are invalid data (65).
    @Test(arguments: [Position.bundleEntry, .fleetEntry, .packDirectoryEntry, .include])
    func aFIFOInADirectoryIsNeverOpened(position: Position) throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (arguments, environment) = try Self.prepare(position, in: directory)
        let path = directory + "/" + position.hazardPath
        _ = try Self.place(.fifoWithoutWriter, at: path)
        // A writer that would block until a reader opens the FIFO: it must still be waiting.
        let writer = try BoundedRunner.background("exec echo opened > \"$0\"", argument: path)
        defer { BoundedRunner.stop(writer) }
        let run = try BoundedRunner.run(arguments, environment: environment, timeout: 20)
        #expect(run.status == (position == .bundleEntry || position == .fleetEntry ? 2 : 65), "\(run.output)")
        #expect(run.output.contains(position == .include ? "is not a regular file" : "not a regular file (a FIFO)"), "\(run.output)")
        var status: Int32 = 0
        #expect(waitpid(writer, &status, WNOHANG) == 0, "the FIFO was opened for reading")
    }

    @Test func aPipeCarryingAValidSnapshotIsRead() throws {
        let snapshot = try Self.passingSnapshot()
        for name in ["/dev/stdin", "-"] {
            let run = try BoundedRunner.run(["check", Self.pack, "--snapshot", name], input: snapshot)
            #expect(run.status == 0, "\(name): \(run.output)")
        }
        let pipedCapture = try BoundedRunner.run(
            ["check", Self.pack, "--capture", "/dev/stdin", "--capture", Self.tasklist],
            input: try Data(contentsOf: URL(fileURLWithPath: Self.netstat)))
        #expect(pipedCapture.status == 0, "\(pipedCapture.output)")
    }

    @Test func aLargeRegularSnapshotIsRefusedBeforeItIsRead() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/big.json"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 1 << 30) == 0)
        let run = try BoundedRunner.run(["check", Self.pack, "--snapshot", path])
        #expect(run.status == 65, "\(run.output)")
        #expect(run.output.contains("big.json: error: 1073741824 bytes, over the 256 MiB limit for a snapshot"), "\(run.output)")
        #expect(run.maxRSSKiB < 50 * 1024)
    }

    @Test func aDevicePutInABundleAsRootMakesTheHostError() throws {
        guard geteuid() == 0 else { return }
        let directory = try HostCheckRunner.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/bundle", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.netstat, toPath: directory + "/bundle/netstat.txt")
        // A character device like /dev/zero (1, 5), made in the temporary directory.
        #expect(mknod(directory + "/bundle/zero.txt", S_IFCHR | 0o600, dev_t(1 << 8 | 5)) == 0)
        let run = try BoundedRunner.run(["check", Self.pack, "--capture", directory + "/bundle"])
        #expect(run.status == 2, "\(run.output)")
        #expect(run.output.contains("zero.txt: error: not a regular file (a character device)"), "\(run.output)")
    }
}
