import Foundation
import Testing
@testable import HostCheckCLI

/// Where a report may be written (docs/cli.md, "Reports"): streams, devices and FIFOs in place,
/// regular files replaced atomically, everything else refused; no report over another or over
/// an input. Tests that make devices or change owners run as root only.
@Suite struct ReportOutputTests {
    static let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")
    static let tasklist = HostCheckRunner.fixture("windows/tasklist-nc64.csv")
    /// A run that fails one rule (exit 1) and writes its reports where `--format` says.
    static let check = ["check", "rules/magaya-network.yaml", "--capture", netstat, "--capture", tasklist]
    static let isRoot = geteuid() == 0

    static func kind(_ path: String) -> ReportTargetKind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .missing }
        return ReportTargetKind(mode: status.st_mode)
    }

    static func contents(_ path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: Classification

    @Test(arguments: [
        ("-", Int32(1)), ("/dev/stdout", 1), ("/dev/stderr", 2), ("/dev/fd/1", 1), ("/dev/fd/7", 7),
        ("/dev/fd/", nil), ("/dev/fd/x", nil), ("/dev/fd/-1", nil), ("dev/stdout", nil),
        ("/dev/stdout/", nil), ("./-", nil), ("/dev/fd/1234567890", nil), ("out.json", nil),
    ] as [(String, Int32?)])
    func streamNames(path: String, descriptor: Int32?) {
        #expect(ReportPath.streamDescriptor(path) == descriptor)
    }

    @Test(arguments: [
        ("r.json", ".", "r.json"), ("out/r.json", "out", "r.json"), ("/r.json", "/", "r.json"),
        ("/a/b/r.json", "/a/b", "r.json"),
    ])
    func splitNamesTheFinalComponent(path: String, directory: String, name: String) throws {
        let parts = try #require(ReportPath.split(path))
        #expect(parts.directory == directory)
        #expect(parts.name == name)
    }

    @Test(arguments: ["", "out/", ".", "..", "a/.", "a/..", "/"])
    func splitRefusesADirectorySpelling(path: String) {
        #expect(ReportPath.split(path) == nil)
    }

    @Test func kindsAndRefusals() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let file = directory + "/file", fifo = directory + "/fifo", link = directory + "/link"
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(symlink(file, link) == 0)
        let table: [(String, ReportTargetKind, Bool)] = [
            (file, .regularFile, false), (fifo, .fifo, false), (link, .symbolicLink, true),
            (directory, .directory, true), ("/dev/null", .characterDevice, false), (directory + "/new", .missing, false),
        ]
        for (path, kind, refused) in table {
            #expect(Self.kind(path) == kind, "\(path)")
            #expect((kind.refusal != nil) == refused, "\(path)")
        }
        for kind in [ReportTargetKind.blockDevice, .socket, .other] { #expect(kind.refusal != nil) }
    }

    @Test func temporaryNamesAreHiddenAndRandom() {
        let names = Set((0..<50).map { _ in ReplacementFile.temporaryName(for: "r.json") })
        #expect(names.count == 50)
        #expect(names.allSatisfy { $0.hasPrefix(".r.json.tmp-") && $0.count == ".r.json.tmp-".count + 12 })
        #expect(ReplacementFile.temporaryName(for: String(repeating: "x", count: 250)).hasPrefix(".hostcheck.tmp-"))
    }

    @Test func spellingsOfOneNewFileAreOneIdentity() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let a = OutputConflicts.outputIdentity(directory + "/r.json", followSymlinks: false)
        let b = OutputConflicts.outputIdentity(directory + "/./sub/../r.json", followSymlinks: false)
        let c = OutputConflicts.outputIdentity(directory + "//r.json", followSymlinks: false)
        #expect(a == b && b == c)
        #expect(OutputConflicts.outputIdentity("/dev/stderr", followSymlinks: false) == .descriptor(2))
    }

    // MARK: Streams

    @Test(arguments: ["json:-", "json:/dev/stdout", "json:/dev/fd/1"])
    func streamNamesWriteToStandardOutput(format: String) throws {
        let run = try HostCheckRunner.run(Self.check + ["--format", format])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("{"))
    }

    @Test func devStderrWritesToStandardError() throws {
        let run = try HostCheckRunner.run(Self.check + ["--format", "json:/dev/stderr", "--format", "text"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("{"))
        #expect(run.stdout.contains("nc64.exe"))
    }

    @Test func twoReportsOnStandardOutputAreAUsageError() throws {
        let run = try HostCheckRunner.run(Self.check + ["--format", "json", "--format", "sarif:/dev/stdout"])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
    }

    // MARK: Regular files

    @Test func newFileIsWrittenWithNoTemporaryLeft() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let report = directory + "/r.json"
        let run = try HostCheckRunner.run(Self.check + ["--format", "json:\(report)"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(Self.contents(report)?.hasPrefix("{") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["r.json"])
        let mode = try #require(FileManager.default.attributesOfItem(atPath: report)[.posixPermissions] as? Int)
        let mask = umask(0o022)
        umask(mask)
        #expect(mode == 0o644 & ~Int(mask))
    }

    @Test(arguments: [0o600, 0o640, 0o604])
    func replacedFileKeepsItsMode(mode: Int) throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let report = directory + "/r.json"
        #expect(FileManager.default.createFile(atPath: report, contents: Data("old".utf8), attributes: [.posixPermissions: mode]))
        let run = try HostCheckRunner.run(Self.check + ["--format", "json:\(report)"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(Self.contents(report)?.hasPrefix("{") == true)
        #expect(try FileManager.default.attributesOfItem(atPath: report)[.posixPermissions] as? Int == mode)
    }

    @Test(.enabled(if: ReportOutputTests.isRoot, "chown needs root"))
    func replacedFileKeepsItsOwnerAsRoot() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let report = directory + "/r.json"
        #expect(FileManager.default.createFile(atPath: report, contents: Data("old".utf8), attributes: [.posixPermissions: 0o640]))
        #expect(chown(report, 4321, 8765) == 0)
        let run = try HostCheckRunner.run(Self.check + ["--format", "json:\(report)"])
        #expect(run.status == 1, "\(run.stderr)")
        var status = stat()
        #expect(stat(report, &status) == 0)
        #expect(status.st_uid == 4321 && status.st_gid == 8765 && status.st_mode & 0o777 == 0o640)
        #expect(Self.contents(report)?.hasPrefix("{") == true)
    }

    /// Symbolic links at every name an attacker could guess, in a world-writable directory,
    /// never redirect the write: the victim is untouched and the report lands at its path.
    @Test func symlinkFarmNeverRedirectsTheWrite() throws {
        let root = try HostCheckRunner.temporaryDirectory().path
        let shared = root + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        #expect(chmod(shared, 0o777) == 0)
        let victim = root + "/victim"
        #expect(FileManager.default.createFile(atPath: victim, contents: Data("precious\n".utf8), attributes: [.posixPermissions: 0o600]))
        let pid = getpid()
        var names = ["r.json.tmp", ".r.json.tmp", "r.json~", ".r.json.swp", "r.json.new", ".r.json.tmp-000000000000"]
        names += (1...300).map { "r.json.tmp-\(pid + Int32($0))" } + (1...300).map { ".r.json.tmp-\(pid + Int32($0))" }
        for name in names { #expect(symlink(victim, shared + "/" + name) == 0) }
        let report = shared + "/r.json"
        let run = try HostCheckRunner.run(Self.check + ["--format", "json:\(report)"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(Self.contents(victim) == "precious\n")
        #expect(Self.kind(report) == .regularFile)
        #expect(Self.contents(report)?.hasPrefix("{") == true)
        let left = try FileManager.default.contentsOfDirectory(atPath: shared)
        #expect(Set(left) == Set(names + ["r.json"]))
    }

    @Test func aFailingDestinationLeavesNoFileBehind() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let run = try HostCheckRunner.run(Self.check + [
            "--format", "json:\(directory)/r.json", "--format", "sarif:/proc/hostcheck-cannot-write/r.sarif",
        ])
        #expect(run.status == 74)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    // MARK: Devices, FIFOs, links and refusals

    @Test(.enabled(if: ReportOutputTests.isRoot, "mknod needs root"))
    func characterDeviceIsWrittenInPlace() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let device = directory + "/null"
        #expect(mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0)  // 1,3: like /dev/null
        let run = try HostCheckRunner.run(Self.check + ["--format", "json:\(device)"])
        #expect(run.status == 1, "\(run.stderr)")
        var status = stat()
        #expect(lstat(device, &status) == 0)
        #expect(ReportTargetKind(mode: status.st_mode) == .characterDevice && status.st_rdev == dev_t((1 << 8) | 3))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["null"])
    }

    @Test(.enabled(if: ReportOutputTests.isRoot, "mknod needs root"))
    func blockDeviceIsRefused() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let device = directory + "/loop"
        #expect(mknod(device, S_IFBLK | 0o600, dev_t((7 << 8) | 200)) == 0)
        let run = try HostCheckRunner.run(Self.check + ["--format", "json:\(device)"])
        #expect(run.status == 74)
        #expect(run.stderr.contains("\(device): cannot write: it is a block device"))
        #expect(Self.kind(device) == .blockDevice)
    }

    @Test func fifoWithAReaderReceivesTheReport() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let fifo = directory + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let process = Process()
        process.executableURL = try HostCheckRunner.binary()
        process.arguments = Self.check + ["--format", "json:\(fifo)"]
        process.currentDirectoryURL = HostCheckRunner.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let running = process.isRunning
            let count = read(reader, &buffer, buffer.count)
            if count > 0 {
                received += buffer[..<count]
            } else if !running {
                break
            } else {
                usleep(2_000)
            }
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(String(decoding: received, as: UTF8.self).hasPrefix("{\"hostcheck_results\""))
        #expect(Self.kind(fifo) == .fifo)
    }

    @Test func fifoWithoutAReaderIsAClearErrorWithinASecond() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let fifo = directory + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let started = Date()
        let run = try HostCheckRunner.run(Self.check + ["--format", "json:\(fifo)"])
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(run.status == 74)
        #expect(run.stderr.contains("\(fifo): cannot write: it is a FIFO that no process is reading"))
        #expect(Self.kind(fifo) == .fifo)
    }

    @Test func symlinkIsRefusedUnlessFollowed() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let target = directory + "/target.json", link = directory + "/link.json"
        #expect(FileManager.default.createFile(atPath: target, contents: Data("old".utf8), attributes: [.posixPermissions: 0o600]))
        #expect(symlink("target.json", link) == 0)
        let refused = try HostCheckRunner.run(Self.check + ["--format", "json:\(link)"])
        #expect(refused.status == 74)
        #expect(refused.stderr.contains("\(link): cannot write: it is a symbolic link"))
        #expect(Self.contents(target) == "old" && Self.kind(link) == .symbolicLink)

        let followed = try HostCheckRunner.run(Self.check + ["--format", "json:\(link)", "--follow-output-symlinks"])
        #expect(followed.status == 1, "\(followed.stderr)")
        #expect(Self.kind(link) == .symbolicLink)
        #expect(Self.contents(target)?.hasPrefix("{") == true)
        #expect(try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int == 0o600)
    }

    @Test func followedSymlinkToAFifoIsStillAFifo() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let fifo = directory + "/fifo", link = directory + "/link"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(symlink(fifo, link) == 0)
        let run = try HostCheckRunner.run(Self.check + ["--format", "json:\(link)", "--follow-output-symlinks"])
        #expect(run.status == 74)
        #expect(run.stderr.contains("no process is reading"))
        #expect(Self.kind(fifo) == .fifo)
    }

    @Test func directoryIsRefused() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        for path in [directory, directory + "/"] {
            let run = try HostCheckRunner.run(Self.check + ["--format", "json:\(path)"])
            #expect(run.status == 74)
            #expect(run.stderr.contains("it is a directory"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    // MARK: Conflicts

    @Test func duplicateOutputPathsAreAUsageError() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let run = try HostCheckRunner.run(Self.check + [
            "--format", "json:\(directory)/r.out", "--format", "sarif:\(directory)/./r.out",
        ])
        #expect(run.status == 64)
        #expect(run.stderr.contains("two reports would be written to the same file"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func hardLinkedOutputsAreAUsageError() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        #expect(FileManager.default.createFile(atPath: directory + "/a", contents: Data("a".utf8)))
        #expect(link(directory + "/a", directory + "/b") == 0)
        let run = try HostCheckRunner.run(Self.check + ["--format", "json:\(directory)/a", "--format", "sarif:\(directory)/b"])
        #expect(run.status == 64)
        #expect(Self.contents(directory + "/a") == "a")
    }

    @Test func outputOverACaptureIsAUsageError() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let capture = directory + "/netstat.txt"
        try FileManager.default.copyItem(atPath: Self.netstat, toPath: capture)
        let before = Self.contents(capture)
        for output in [capture, directory + "/../" + URL(fileURLWithPath: directory).lastPathComponent + "/netstat.txt"] {
            let run = try HostCheckRunner.run([
                "check", "rules/magaya-network.yaml", "--capture", capture, "--format", "json:\(output)",
            ])
            #expect(run.status == 64)
            #expect(run.stderr.contains("the report would overwrite an input (--capture"))
            #expect(Self.contents(capture) == before)
        }
    }

    @Test func outputOverAFileOfABundleOrPackDirectoryIsAUsageError() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let bundle = directory + "/bundle", packs = directory + "/packs"
        try FileManager.default.createDirectory(atPath: bundle, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: packs, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: Self.netstat, toPath: bundle + "/netstat.txt")
        try FileManager.default.copyItem(atPath: Self.tasklist, toPath: bundle + "/tasklist.csv")
        let pack = packs + "/magaya.yaml"
        try FileManager.default.copyItem(
            atPath: HostCheckRunner.packageRoot.appendingPathComponent("rules/magaya-network.yaml").path, toPath: pack)
        let packBefore = Self.contents(pack)
        let overPack = try HostCheckRunner.run(["check", packs, "--capture", bundle, "--format", "json:\(pack)"])
        #expect(overPack.status == 64)
        #expect(overPack.stderr.contains("a rule pack"))
        #expect(Self.contents(pack) == packBefore)
        let overCapture = try HostCheckRunner.run(["check", packs, "--capture", bundle, "--format", "json:\(bundle)/tasklist.csv"])
        #expect(overCapture.status == 64)
        let honest = try HostCheckRunner.run(["check", packs, "--capture", bundle, "--format", "json:\(directory)/r.json"])
        #expect(honest.status == 1, "\(honest.stderr)")
    }

    @Test func outputOverWaiversOrVarsIsAUsageError() throws {
        let directory = try HostCheckRunner.temporaryDirectory().path
        let waivers = directory + "/waivers.yaml", vars = directory + "/vars.yaml"
        #expect(FileManager.default.createFile(atPath: waivers, contents: Data("waivers: []\n".utf8)))
        #expect(FileManager.default.createFile(atPath: vars, contents: Data("{}\n".utf8)))
        for (option, file) in [("--waivers", waivers), ("--vars", vars)] {
            let run = try HostCheckRunner.run(Self.check + [option, file, "--format", "json:\(file)"])
            #expect(run.status == 64, "\(option)")
            #expect(run.stderr.contains("(\(option)"))
        }
    }

    // MARK: registry import

    /// `registry import` writes its copy the same way: a symbolic link there is refused and its
    /// target untouched; an existing copy is replaced keeping its mode.
    @Test func registryImportUsesTheSameWriter() throws {
        let data = try HostCheckRunner.temporaryDirectory().path
        let csv = data + "/iana.csv"
        let row = "magaya-network,3691,tcp,Magaya Network Port,[Someone],[Someone],2003-02,,,,,\n"
        let header = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,"
            + "Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\n"
        #expect(FileManager.default.createFile(atPath: csv, contents: Data((header + row).utf8)))
        try FileManager.default.createDirectory(atPath: data + "/hostcheck", withIntermediateDirectories: false)
        let copy = data + "/hostcheck/port-registry.csv", victim = data + "/victim"
        #expect(FileManager.default.createFile(atPath: victim, contents: Data("precious".utf8)))
        #expect(symlink(victim, copy) == 0)
        let refused = try HostCheckRunner.run(["registry", "import", csv], environment: ["XDG_DATA_HOME": data])
        #expect(refused.status == 74)
        #expect(refused.stderr.contains("it is a symbolic link"))
        #expect(Self.contents(victim) == "precious")

        #expect(unlink(copy) == 0)
        #expect(FileManager.default.createFile(atPath: copy, contents: Data("old".utf8), attributes: [.posixPermissions: 0o600]))
        let imported = try HostCheckRunner.run(["registry", "import", csv], environment: ["XDG_DATA_HOME": data])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(Self.contents(copy) == header + row)
        #expect(try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int == 0o600)
    }
}
