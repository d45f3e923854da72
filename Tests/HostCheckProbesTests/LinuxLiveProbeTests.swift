#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// Conditions for the tests that read this machine's `/proc`.
enum LinuxLive {
    static let procIsReadable: Bool = {
        #if os(Linux)
        return access("/proc/net/tcp", R_OK) == 0 && access("/proc/self/fd", R_OK) == 0
        #else
        return false
        #endif
    }()

    static let python3 = "/usr/bin/python3"
    static let canRunPython: Bool = procIsReadable && access(python3, X_OK) == 0

    static let unshare = "/usr/bin/unshare"
    /// `unshare --net` works here (root, or a user namespace allowed).
    static let canUnshareNet: Bool = {
        guard canRunPython, access(unshare, X_OK) == 0 else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: unshare)
        process.arguments = ["--net", "/bin/true"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
}

/// A `python3` child listening on an ephemeral loopback TCP port until its stdin closes.
struct PythonListener {
    let child: PythonChild
    let port: Int

    var process: Process { child.process }

    /// Runs python3 directly, or under `unshare --net` in a fresh network namespace.
    init(inNewNetworkNamespace: Bool = false) throws {
        child = try PythonChild(
            script: "import socket, sys\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\ns.listen(8)\n"
                + "print(s.getsockname()[1], flush=True)\nsys.stdin.read()\n",
            prefix: inNewNetworkNamespace ? [LinuxLive.unshare, "--net"] : [])
        port = child.numbers.first ?? 0
    }

    func stop() { child.stop() }
}

@Suite(.serialized) struct LinuxLiveProbeTests {
    @Test(.enabled(if: LinuxLive.canRunPython), arguments: [LinuxProbeOptions.SocketSource.procfs, .netlink])
    func reportsAPython3ListenerOwnedByItsPid(source: LinuxProbeOptions.SocketSource) async throws {
        let listener = try PythonListener()
        defer { listener.stop() }
        #expect(listener.port > 0)

        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #expect(client >= 0)
        defer { close(client) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(listener.port).bigEndian)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)

        let me = Int(getpid())
        let snapshot = try await probeUntil({ try await LinuxProcProbe(options: LinuxProbeOptions(socketSource: source)).collect() }) {
            $0.sockets.filter { $0.protocol == .tcp && $0.remotePort == listener.port }.allSatisfy { $0.pids == [me] }
        }
        let pid = Int(listener.process.processIdentifier)

        let listening = snapshot.sockets.filter { $0.protocol == .tcp && $0.localPort == listener.port && $0.state == .listening }
        #expect(listening.count == 1)
        let socket = try #require(listening.first)
        #expect(socket.localAddress == "127.0.0.1")
        #expect(socket.remoteAddress == nil && socket.remotePort == nil)
        #expect(socket.ownership == .owned)
        #expect(socket.pids == [pid])
        #expect(socket.source.file == (source == .procfs ? "/proc/net/tcp" : "NETLINK_SOCK_DIAG/tcp"))
        #expect(socket.netns != nil)

        let owner = try #require(snapshot.processes.first { $0.pid == pid })
        #expect(owner.name == "python3")
        #expect(owner.nameTruncated == false)
        #expect(owner.path?.hasPrefix("/usr/bin/python3") == true)
        #expect(owner.cmdline?.hasPrefix(LinuxLive.python3 + " -c import socket") == true)
        #expect(owner.ppid == Int(getpid()))
        #expect(owner.user == UserNameResolver.systemName(of: getuid()) ?? String(getuid()))

        // The client end is ours; the server end waits unaccepted in the backlog, with no file
        // and so inode 0.
        let ours = snapshot.sockets.filter { $0.protocol == .tcp && $0.remotePort == listener.port && $0.state == .established }
        #expect(ours.map(\.pids) == [[Int(getpid())]])
        let backlog = snapshot.sockets.filter { $0.protocol == .tcp && $0.localPort == listener.port && $0.state == .established }
        #expect(backlog.map(\.ownership) == [.unowned])
        #expect(backlog.map(\.ownershipReason) == [.inodeZero])
    }

    @Test(.enabled(if: LinuxLive.procIsReadable))
    func reportsAnUnconnectedUDPSocketOfThisProcessAsListening() async throws {
        let udp = socket(AF_INET6, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(udp >= 0)
        defer { close(udp) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(udp, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
        }
        try #require(bound == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(udp, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin6_port))

        let me = Int(getpid())
        let snapshot = try await probeUntil({ try await LinuxProcProbe(hostName: "live").collect() }) {
            $0.sockets.filter { $0.protocol == .udp && $0.localPort == port }.allSatisfy { $0.pids == [me] }
        }
        let matches = snapshot.sockets.filter { $0.protocol == .udp && $0.family == .ipv6 && $0.localPort == port }
        #expect(matches.map(\.localAddress) == ["::1"])
        #expect(matches.map(\.state) == [.listening])
        #expect(matches.map(\.pids) == [[Int(getpid())]])
        #expect(snapshot.host.name == "live")
        #expect(snapshot.host.coverage.tcp == .full)
    }

    @Test(.enabled(if: LinuxLive.canUnshareNet), arguments: [LinuxProbeOptions.SocketSource.procfs, .netlink])
    func findsAListenerInsideAnotherNetworkNamespace(source: LinuxProbeOptions.SocketSource) async throws {
        let listener = try PythonListener(inNewNetworkNamespace: true)
        defer { listener.stop() }
        let pid = Int(listener.process.processIdentifier)
        let namespace = try NetworkNamespaces.inode(procRoot: "/proc", of: String(pid)).get()
        let own = try NetworkNamespaces.inode(procRoot: "/proc", of: "self").get()
        #expect(namespace != own)

        func ours(_ snapshot: Snapshot) -> [SocketFact] {
            snapshot.sockets.filter { $0.localPort == listener.port && $0.state == .listening && $0.netns == namespace }
        }
        let ownOnly = try await LinuxProcProbe(options: LinuxProbeOptions(socketSource: source)).collect()
        #expect(ours(ownOnly).isEmpty)
        #expect(ownOnly.sockets.allSatisfy { $0.netns == own })
        // The namespace left unread is counted, and the coverage says so.
        #expect(ownOnly.host.coverage.netns == .hostOnly)
        #expect(ownOnly.diagnostics.contains {
            $0.severity == .warning && $0.message.contains("not read; use --all-namespaces")
        })

        let all = try await LinuxProcProbe(options: LinuxProbeOptions(socketSource: source, namespaces: .all)).collect()
        #expect(ours(all).map(\.pids) == [[pid]])
        #expect(ours(all).map(\.localAddress) == ["127.0.0.1"])
        #expect(all.processes.first { $0.pid == pid }?.name == "python3")
        #expect(all.sockets.contains { $0.netns == own })
        #expect(!all.diagnostics.contains { $0.message.contains("use --all-namespaces") })
        // Every namespace read: all, unless some process's namespace could not be (or processes are hidden).
        let missed = all.diagnostics.contains {
            $0.message.contains("could not read the network namespace") || $0.message.contains("are not visible")
        }
        #expect(all.host.coverage.netns == (missed ? .hostOnly : .all))

        let one = try await LinuxProcProbe(options: LinuxProbeOptions(socketSource: source, namespaces: .process(pid))).collect()
        #expect(ours(one).map(\.pids) == [[pid]])
        #expect(one.sockets.allSatisfy { $0.netns == namespace })
        #expect(one.host.coverage.netns == .hostOnly)
        if source == .procfs {
            #expect(ours(one).first?.source.file == "/proc/\(pid)/net/tcp")
        }
    }
}
