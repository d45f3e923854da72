#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// A python3 child that prints one line of integers and waits for its stdin to close.
struct PythonChild {
    let process: Process
    let input: Pipe
    let numbers: [Int]

    init(script: String, prefix: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: prefix.first ?? LinuxLive.python3)
        process.arguments = Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [LinuxLive.python3]) + ["-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        self.process = process
        self.input = input
        self.numbers = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// One socket as `ss -tuanpH` prints it, reduced to what both tools report.
struct SSRow: Hashable, CustomStringConvertible {
    var proto: String
    var local: String
    var localPort: Int
    var remote: String?
    var remotePort: Int?
    var state: String
    var pids: [Int]

    var description: String {
        "\(proto) \(local):\(localPort) -> \(remote ?? "*"):\(remotePort.map(String.init) ?? "*") \(state) \(pids)"
    }

    /// The same reduction of a probe fact (ss prints a dual-stack `::` socket as `*`).
    init(_ socket: SocketFact) {
        proto = socket.protocol.rawValue
        local = socket.localAddress
        localPort = socket.localPort ?? -1
        remote = socket.remoteAddress
        remotePort = socket.remotePort
        state = socket.state.rawValue
        pids = socket.pids
    }

    init(proto: String, local: String, localPort: Int, remote: String?, remotePort: Int?, state: String, pids: [Int]) {
        self.proto = proto
        self.local = local
        self.localPort = localPort
        self.remote = remote
        self.remotePort = remotePort
        self.state = state
        self.pids = pids
    }

    static let states: [String: String] = [
        "LISTEN": "listening", "UNCONN": "listening", "ESTAB": "established", "TIME-WAIT": "time_wait",
        "SYN-SENT": "syn_sent", "SYN-RECV": "syn_received", "FIN-WAIT-1": "fin_wait_1", "FIN-WAIT-2": "fin_wait_2",
        "CLOSE-WAIT": "close_wait", "LAST-ACK": "last_ack", "CLOSING": "closing",
    ]

    /// `127.0.0.1:80`, `[::1]:80`, `*:80`, `0.0.0.0:*`, `[::ffff:1.2.3.4]%lo:80` → host and port.
    static func endpoint(_ text: Substring) -> (host: String, port: Int?)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = text[..<colon]
        let port = text[text.index(after: colon)...]
        if let percent = host.lastIndex(of: "%") { host = host[..<percent] }
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        if host == "*" { host = "::" }
        return (String(host), port == "*" ? nil : Int(port))
    }

    /// Parses one line of `ss -tuanpH`; nil for anything else.
    static func parse(_ line: Substring) -> SSRow? {
        let fields = line.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: true)
        guard fields.count >= 6, let state = states[String(fields[1])],
              let local = endpoint(fields[4]), let localPort = local.port, let remote = endpoint(fields[5]) else { return nil }
        var pids: [Int] = []
        if fields.count == 7 {
            for part in fields[6].split(separator: ",") where part.hasPrefix("pid=") {
                if let pid = Int(part.dropFirst(4)) { pids.append(pid) }
            }
        }
        let wildcardPeer = remote.port == nil && (remote.host == "0.0.0.0" || remote.host == "::")
        return SSRow(
            proto: String(fields[0]), local: local.host, localPort: localPort,
            remote: wildcardPeer ? nil : remote.host, remotePort: wildcardPeer ? nil : remote.port,
            state: state, pids: Array(Set(pids)).sorted())
    }
}

@Suite(.serialized) struct LinuxSSAgreementTests {
    static let ss = "/usr/bin/ss"
    static let setpriv = "/usr/bin/setpriv"
    static let available = LinuxLive.canRunPython && access(ss, X_OK) == 0 && access(setpriv, X_OK) == 0 && getuid() == 0

    static func runSS() throws -> [SSRow] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ss)
        process.arguments = ["-tuanpH"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap(SSRow.parse)
    }

    @Test func parsesSSRows() {
        let rows = [
            "tcp LISTEN 1      128                     *:35881                  *:*     users:((\"python3\",pid=30949,fd=3),(\"python3\",pid=30950,fd=3))",
            "udp ESTAB  0      0                   [::1]:36350              [::1]:9     users:((\"python3\",pid=30949,fd=5))",
            "tcp ESTAB  0      0      [::ffff:127.0.0.1]:35881 [::ffff:127.0.0.1]:45492",
            "udp UNCONN 0      0          127.0.0.53%lo:53             0.0.0.0:*    users:((\"systemd-resolve\",pid=5,fd=13))",
            "nonsense",
        ].map { SSRow.parse(Substring($0)) }
        #expect(rows.map { $0?.description } == [
            "tcp :::35881 -> *:* listening [30949, 30950]",
            "udp ::1:36350 -> ::1:9 established [30949]",
            "tcp ::ffff:127.0.0.1:35881 -> ::ffff:127.0.0.1:45492 established []",
            "udp 127.0.0.53:53 -> *:* listening [5]",
            nil,
        ])
    }

    /// TCP and UDP over IPv4 and IPv6, a dual-stack listener, accepted pairs, a forked server
    /// sharing one listening socket, and a process of another user: hostcheck and ss must
    /// report the same (protocol, local, remote, state, pids) for exactly those sockets.
    @Test(.enabled(if: available))
    func agreesWithSS() async throws {
        let sockets = LiveSockets()
        defer { sockets.closeAll() }
        #expect(sockets.failures.isEmpty)
        let forked = try PythonChild(script: """
            import os, socket, sys
            s = socket.socket(socket.AF_INET6)
            s.bind(('::1', 0))
            s.listen(8)
            pid = os.fork()
            if pid == 0:
                sys.stdin.read()
                os._exit(0)
            print(s.getsockname()[1], pid, flush=True)
            sys.stdin.read()
            os.waitpid(pid, 0)
            """)
        defer { forked.stop() }
        let other = try PythonChild(
            script: """
                import socket, sys
                s = socket.socket()
                s.bind(('127.0.0.1', 0))
                s.listen(8)
                u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
                u.bind(('::1', 0))
                print(s.getsockname()[1], u.getsockname()[1], flush=True)
                sys.stdin.read()
                """,
            prefix: [Self.setpriv, "--reuid", "nobody", "--regid", "nogroup", "--clear-groups"])
        defer { other.stop() }
        try #require(forked.numbers.count == 2 && other.numbers.count == 2)
        let tcpPorts = sockets.tcpPorts.union([forked.numbers[0], other.numbers[0]])
        let udpPorts = sockets.udpPorts.union([other.numbers[1]])
        // Ours: one of our ports of the row's protocol; TIME_WAIT rows of other work may reuse a port.
        func ours(_ row: SSRow) -> Bool {
            let ports = row.proto == "tcp" ? tcpPorts : udpPorts
            guard row.state != "time_wait" else { return false }
            return ports.contains(row.localPort) || row.remotePort.map(ports.contains) == true
        }

        // Both tools must see the same moment: a child spawned by another test in this process
        // holds copies of our descriptors between fork and exec, so compare up to three times.
        var snapshot = try await LinuxProcProbe().collect()
        var viaSS = try Set(Self.runSS().filter(ours))
        var viaProbe = Set(snapshot.sockets.map(SSRow.init).filter(ours))
        for _ in 1..<3 where viaProbe != viaSS {
            snapshot = try await LinuxProcProbe().collect()
            viaSS = try Set(Self.runSS().filter(ours))
            viaProbe = Set(snapshot.sockets.map(SSRow.init).filter(ours))
        }

        #expect(viaProbe.count >= 15)
        #expect(viaProbe.subtracting(viaSS).map(\.description).sorted() == [])
        #expect(viaSS.subtracting(viaProbe).map(\.description).sorted() == [])
        let forkedRow = viaProbe.first { $0.localPort == forked.numbers[0] && $0.state == "listening" }
        #expect(forkedRow?.pids == [Int(forked.process.processIdentifier), forked.numbers[1]].sorted())
        let otherUser = snapshot.processes.first { $0.pid == Int(other.process.processIdentifier) }
        #expect(otherUser?.user == "nobody")
    }
}
