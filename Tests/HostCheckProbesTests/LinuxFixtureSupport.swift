import HostCheckCore
@testable import HostCheckProbes

/// Paths and one-line renderings shared by the Linux probe tests.
enum LinuxFixtures {
    /// `Tests/HostCheckProbesTests/Fixtures/proc`.
    static let root: String = {
        let file = "\(#filePath)"
        let directory = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return directory + "/Fixtures/proc"
    }()

    static func procRoot(_ name: String) -> String { root + "/" + name }

    static let passwd = root + "/passwd"

    /// A path with the fixture tree's root replaced by `<root>`.
    static func relative(_ path: String, procRoot: String) -> String {
        path.hasPrefix(procRoot) ? "<root>" + path.dropFirst(procRoot.count) : path
    }

    /// `tcp/ipv4 0.0.0.0:22 -> *:* listening owned [100] @<root>/net/tcp:2`.
    static func line(_ socket: SocketFact, procRoot: String) -> String {
        let local = socket.family == .ipv6 ? "[\(socket.localAddress)]" : socket.localAddress
        let remoteHost = socket.remoteAddress.map { socket.family == .ipv6 ? "[\($0)]" : $0 } ?? "*"
        let remotePort = socket.remotePort.map(String.init) ?? "*"
        let state = socket.state.rawValue + (socket.rawState.map { "(\($0))" } ?? "")
        let ownership = socket.ownership.rawValue + (socket.ownershipReason.map { "/\($0)" } ?? "")
        let pids = "[" + socket.pids.map(String.init).joined(separator: ",") + "]"
        let port = socket.localPort.map(String.init) ?? "?"
        let netns = socket.netns.map { " netns=\($0)" } ?? ""
        return "\(socket.protocol.rawValue)/\(socket.family.rawValue) \(local):\(port) -> \(remoteHost):\(remotePort) "
            + "\(state) \(ownership) \(pids)\(netns) @\(relative(socket.source.description, procRoot: procRoot))"
    }

    /// `100 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/100`.
    static func line(_ process: ProcessFact, procRoot: String) -> String {
        func show(_ value: (some CustomStringConvertible)?) -> String { value.map { "\($0)" } ?? "nil" }
        return "\(process.pid) ppid=\(show(process.ppid)) name=\(show(process.name))"
            + (process.nameTruncated ? " (truncated)" : "")
            + " path=\(show(process.path)) cmd=\(show(process.cmdline)) user=\(show(process.user))"
            + " @\(relative(process.source.description, procRoot: procRoot))"
    }

    static func line(_ diagnostic: Diagnostic, procRoot: String) -> String {
        relative(diagnostic.description, procRoot: procRoot)
    }

    /// The probe over a fixture tree with the fixture passwd file, optionally with fault injection.
    static func probe(
        _ name: String, faults: [Int32: FDDirectoryOutcome] = [:], options: LinuxProbeOptions = LinuxProbeOptions(),
        mountPoint: String? = nil
    ) -> LinuxProcProbe {
        let procRoot = procRoot(name)
        var probe = LinuxProcProbe(
            procRoot: procRoot, hostName: "fixture-\(name)", userNames: .passwdFile(passwd), options: options,
            fdReader: FaultInjectingFDReader(base: SystemFDDirectoryReader(procRoot: procRoot), faults: faults))
        probe.procMountPoint = mountPoint
        return probe
    }
}

/// Wraps a reader and answers chosen PIDs with a fixed outcome (`EACCES`, vanished), which
/// chmod cannot simulate when the tests run as root.
struct FaultInjectingFDReader: FDDirectoryReader {
    var base: SystemFDDirectoryReader
    var faults: [Int32: FDDirectoryOutcome]

    func processIDs() -> Result<[Int32], SystemError> { base.processIDs() }

    func forEachSocketInode(pid: Int32, _ body: (UInt64) -> Void) -> FDDirectoryOutcome {
        if let fault = faults[pid] { return fault }
        return base.forEachSocketInode(pid: pid, body)
    }
}
