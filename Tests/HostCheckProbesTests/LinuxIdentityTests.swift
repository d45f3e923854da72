#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// The owner identity of the live probe: path verification, deletion, rename check, cgroup,
/// hashes (docs/rule-packs.md, "How strong is this identity?").
@Suite struct LinuxIdentityTests {
    static let running = FileStatus(id: FileID(device: 8, inode: 100), links: 1)
    static let deleted = FileStatus(id: FileID(device: 8, inode: 100), links: 0)
    static let other = FileStatus(id: FileID(device: 8, inode: 200), links: 1)

    /// link text, stat of /proc/PID/exe, stat of the path here -> path, deleted, verified, problem.
    @Test(arguments: [
        ("/usr/sbin/sshd", Result<FileStatus, SystemError>.success(running), Result<FileStatus, SystemError>.success(running),
         String?.some("/usr/sbin/sshd"), Bool?.some(false), Bool?.some(true), String?.none),
        ("/opt/magaya/bin/magaya-server", .success(running), .failure(SystemError(code: ENOENT)),
         "/opt/magaya/bin/magaya-server", false, false, "not-found"),
        ("/usr/bin/app", .success(running), .failure(SystemError(code: ENOTDIR)), "/usr/bin/app", false, false, "not-found"),
        ("/usr/bin/app", .success(running), .success(other), "/usr/bin/app", false, false, "other-file"),
        ("/usr/bin/app", .success(running), .failure(SystemError(code: EACCES)), "/usr/bin/app", false, false, "unreadable"),
        ("/tmp/app (deleted)", .success(deleted), .success(other), "/tmp/app", true, false, "deleted"),
        ("/tmp/app (deleted)", .success(running), .success(running), "/tmp/app (deleted)", false, true, nil),
        ("/tmp/app", .success(deleted), .success(running), "/tmp/app", true, false, "deleted"),
        ("/usr/bin/app", .failure(SystemError(code: EACCES)), .success(running), "/usr/bin/app", nil, false, "unreadable"),
    ])
    func verifiesThePathByDeviceAndInode(
        link: String, exe: Result<FileStatus, SystemError>, named: Result<FileStatus, SystemError>,
        path: String?, deleted: Bool?, verified: Bool?, problem: String?
    ) {
        let identity = ExecutableIdentity.decide(link: Array(link.utf8), exe: exe) { _ in named }
        #expect(identity.path == path)
        #expect(identity.deleted == deleted)
        #expect(identity.verified == verified)
        #expect(identity.problem == problem)
    }

    @Test func noLinkNoPath() {
        let identity = ExecutableIdentity.decide(link: nil, exe: .success(Self.running)) { _ in .success(Self.running) }
        #expect(identity == ExecutableIdentity())
    }

    static let hex = String(repeating: "0123456789abcdef", count: 4)

    /// file text -> cgroup, unit, container id.
    @Test(arguments: [
        ("0::/system.slice/sshd.service\n", String?.some("/system.slice/sshd.service"), String?.some("sshd.service"), String?.none),
        ("0::/user.slice/user-1000.slice/user@1000.service/app.slice/sshd.service\n",
         "/user.slice/user-1000.slice/user@1000.service/app.slice/sshd.service", "user@1000.service", nil),
        ("0::/user.slice/user-1000.slice/session-3.scope\n", "/user.slice/user-1000.slice/session-3.scope", "session-3.scope", nil),
        ("0::/system.slice/docker-\(hex).scope\n", "/system.slice/docker-\(hex).scope", "docker-\(hex).scope", hex),
        ("0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-podab.slice/cri-containerd-\(hex).scope\n",
         "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-podab.slice/cri-containerd-\(hex).scope",
         "cri-containerd-\(hex).scope", hex),
        ("12:pids:/docker/\(hex)\n1:name=systemd:/docker/\(hex)\n0::/\n", "/docker/\(hex)", nil, hex),
        ("0::/machine.slice/libpod-\(hex).scope/container\n", "/machine.slice/libpod-\(hex).scope/container", "libpod-\(hex).scope", hex),
        ("0::/system.slice/app-\(hex).service\n", "/system.slice/app-\(hex).service", "app-\(hex).service", nil),
        ("0::/\n", "/", nil, nil),
        ("garbage\n", nil, nil, nil),
    ])
    func parsesCgroups(text: String, cgroup: String?, unit: String?, container: String?) {
        let parsed = CgroupIdentity(parsing: Array(text.utf8))
        #expect(parsed == CgroupIdentity(cgroup: cgroup, unit: unit, containerID: container))
    }

    /// A fake root with `usr/bin/python3.11`, `usr/bin/python3 -> python3.11`, `bin/dash`,
    /// `bin/sh -> dash`, and a long-named binary.
    static func pathTree() throws -> String {
        let root = NSTemporaryDirectory() + "hostcheck-rename-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let manager = FileManager.default
        for directory in ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/local/sbin"] {
            try manager.createDirectory(atPath: root + directory, withIntermediateDirectories: true)
        }
        for file in ["/usr/bin/python3.11", "/bin/dash", "/usr/sbin/magaya-network-server", "/usr/bin/other"] {
            #expect(manager.createFile(atPath: root + file, contents: Data(file.utf8)))
        }
        try manager.createSymbolicLink(atPath: root + "/usr/bin/python3", withDestinationPath: "python3.11")
        try manager.createSymbolicLink(atPath: root + "/bin/sh", withDestinationPath: "dash")
        try manager.createSymbolicLink(atPath: root + "/usr/local/bin/magaya-network", withDestinationPath: "../../bin/other")
        return root
    }

    /// comm, executable (under the tree) -> mismatch.
    @Test(arguments: [
        ("python3.11", "/usr/bin/python3.11", false),
        ("python3", "/usr/bin/python3.11", false),
        ("sh", "/bin/dash", false),
        ("dash", "/bin/dash", false),
        ("magaya-network-", "/usr/sbin/magaya-network-server", false),
        ("magaya-server", "/usr/bin/python3.11", true),
        ("sh", "/usr/bin/python3.11", true),
        ("magaya-network-", "/usr/bin/other", true),
        ("magaya-network", "/usr/bin/other", false),
        ("", "/usr/bin/other", false),
    ])
    func detectsRenames(comm: String, exe: String, mismatch: Bool) throws {
        let root = try Self.pathTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = try FileStatus.of(root + exe).get()
        var check = RenameCheck(root: root)
        #expect(check.isMismatch(comm: Array(comm.utf8), exePath: exe, exe: file.id) == mismatch)
    }

    @Test func hashesWholeFilesOnlyAndCachesThem() throws {
        let directory = NSTemporaryDirectory() + "hostcheck-hash-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/exe"
        let content = [UInt8](repeating: UInt8(ascii: "a"), count: 3_000_000)
        #expect(FileManager.default.createFile(atPath: file, contents: Data(content)))
        var hasher = ExecutableHasher()
        #expect(hasher.hash(exeLink: file) == SHA256.hex(content))
        #expect(hasher.hash(exeLink: file) == SHA256.hex(content))
        var small = ExecutableHasher(sizeLimit: 1000)
        #expect(small.hash(exeLink: file) == nil)
        var hurried = ExecutableHasher(timeBudget: 0)
        #expect(hurried.hash(exeLink: file) == nil)
        #expect(hasher.hash(exeLink: directory + "/missing") == nil)
        #expect(hasher.hash(exeLink: directory) == nil)
    }
}

/// The identity of live processes: this test process, and a copied binary that is deleted.
@Suite(.serialized) struct LinuxLiveIdentityTests {
    @Test(.enabled(if: LinuxLive.procIsReadable)) func ownProcessIsVerified() throws {
        var reader = ProcessFactReader(procRoot: "/proc", users: UserNameLookup.numeric.makeResolver())
        let factRead = reader.read(pid: getpid())
        let fact = try #require(factRead)
        #expect(fact.identity.pathVerified == true)
        #expect(fact.identity.exeDeleted == false)
        #expect(fact.identity.pathProblem == nil)
        #expect(fact.identity.uid == Int(getuid()))
        #expect(fact.identity.sha256 == nil)
        #expect(fact.identity.mountNamespace != nil)
        #expect(fact.identity.parentName != nil)
        #expect(fact.identity.cgroup != nil)
    }

    /// A copy of `sleep` named `name`, started, then optionally deleted.
    static func copiedSleep(named name: String) throws -> (Process, String, String) {
        let directory = NSTemporaryDirectory() + "hostcheck-deleted-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let copy = directory + "/" + name
        try FileManager.default.copyItem(atPath: "/bin/sleep", toPath: copy)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: copy)
        process.arguments = ["30"]
        try process.run()
        return (process, directory, copy)
    }

    @Test(.enabled(if: LinuxLive.procIsReadable && access("/bin/sleep", X_OK) == 0))
    func deletedExecutableIsMarkedByLinkCount() throws {
        let (process, directory, copy) = try Self.copiedSleep(named: "sleeper")
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: directory)
        }
        var reader = ProcessFactReader(procRoot: "/proc", users: UserNameLookup.numeric.makeResolver())
        let beforeRead = reader.read(pid: process.processIdentifier, hash: true)
        let before = try #require(beforeRead)
        #expect(before.identity.sha256 == SHA256.hex(try [UInt8](Data(contentsOf: URL(fileURLWithPath: "/bin/sleep")))))
        #expect(before.path == copy)
        #expect(before.identity.pathVerified == true)
        #expect(before.identity.exeDeleted == false)
        #expect(before.identity.nameMismatch == false)
        try FileManager.default.removeItem(atPath: copy)
        let afterRead = reader.read(pid: process.processIdentifier)
        let after = try #require(afterRead)
        #expect(after.path == copy)
        #expect(after.identity.exeDeleted == true)
        #expect(after.identity.pathVerified == false)
        #expect(after.identity.pathProblem == "deleted")
        let hashedRead = reader.read(pid: process.processIdentifier, hash: true)
        #expect(hashedRead?.identity.sha256 == before.identity.sha256, "read through /proc/PID/exe, not the path")
    }

    /// A file may be named `x (deleted)`: the suffix is kept and the path verifies.
    @Test(.enabled(if: LinuxLive.procIsReadable && access("/bin/sleep", X_OK) == 0))
    func aSuffixInTheNameIsNotADeletion() throws {
        let (process, directory, copy) = try Self.copiedSleep(named: "sleeper (deleted)")
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: directory)
        }
        var reader = ProcessFactReader(procRoot: "/proc", users: UserNameLookup.numeric.makeResolver())
        let factRead = reader.read(pid: process.processIdentifier)
        let fact = try #require(factRead)
        #expect(fact.path == copy)
        #expect(fact.identity.exeDeleted == false)
        #expect(fact.identity.pathVerified == true)
    }
}

/// `ProcessFactReader` on a fake proc tree: every identity member from its file.
@Suite struct LinuxIdentityFixtureTests {
    @Test func readsEveryMemberFromAFakeProcTree() throws {
        let manager = FileManager.default
        let root = NSTemporaryDirectory() + "hostcheck-fakeproc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? manager.removeItem(atPath: root) }
        let binary = root + "/bin/python3.11"
        try manager.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        #expect(manager.createFile(atPath: binary, contents: Data("#!fake interpreter\n".utf8)))
        for (pid, comm, ppid, cgroup) in [
            (4242, "magaya-server", 77, "0::/system.slice/magaya.service\n"), (77, "bash", 1, "0::/user.slice/user-0.slice/session-1.scope\n"),
        ] {
            let directory = root + "/\(pid)"
            try manager.createDirectory(atPath: directory + "/ns", withIntermediateDirectories: true)
            #expect(manager.createFile(atPath: directory + "/comm", contents: Data((comm + "\n").utf8)))
            #expect(manager.createFile(atPath: directory + "/cmdline", contents: Data("magaya-server\0--port\03691\0".utf8)))
            #expect(manager.createFile(atPath: directory + "/status", contents: Data("PPid:\t\(ppid)\nUid:\t65534\t65534\t65534\t65534\n".utf8)))
            #expect(manager.createFile(atPath: directory + "/cgroup", contents: Data(cgroup.utf8)))
            #expect(manager.createFile(atPath: directory + "/ns/mnt", contents: Data()))
            try manager.createSymbolicLink(atPath: directory + "/exe", withDestinationPath: binary)
        }
        var reader = ProcessFactReader(procRoot: root, users: UserNameLookup.numeric.makeResolver())
        let read = reader.read(pid: 4242, hash: true)
        let fact = try #require(read)
        let namespace = try FileStatus.of(root + "/4242/ns/mnt").get().id.inode
        #expect(fact.name == "magaya-server")
        #expect(fact.path == binary)
        #expect(fact.identity == ProcessIdentity(
            uid: 65534, exeDeleted: false, pathVerified: true, sha256: SHA256.hex(Array("#!fake interpreter\n".utf8)),
            mountNamespace: namespace, unit: "magaya.service", cgroup: "/system.slice/magaya.service", parentName: "bash",
            parentPath: binary, nameMismatch: true))
        let unhashedRead = reader.read(pid: 77)
        let unhashed = try #require(unhashedRead)
        #expect(unhashed.identity.sha256 == nil)
        #expect(unhashed.identity.unit == "session-1.scope")
        #expect(unhashed.identity.parentName == nil, "no process 1 in the tree")
    }
}
