import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite("windows netstat rows")
struct WindowsNetstatTests {
    struct Row: Sendable, CustomStringConvertible {
        var line: String
        var proto: TransportProtocol
        var family: AddressFamily
        var local: String
        var port: Int?
        var portName: String? = nil
        var zone: String? = nil
        var remote: String? = nil
        var remotePort: Int? = nil
        var state: SocketState
        var rawState: String? = nil
        var ownership: Ownership
        var pids: [Int] = []
        var description: String { line }
    }

    static let rows: [Row] = [
        Row(line: "  TCP    0.0.0.0:3691           0.0.0.0:0              LISTENING       6120",
            proto: .tcp, family: .ipv4, local: "0.0.0.0", port: 3691, state: .listening, ownership: .owned, pids: [6120]),
        Row(line: "  TCP    [::]:3691              [::]:0                 LISTENING       6120",
            proto: .tcp, family: .ipv6, local: "::", port: 3691, state: .listening, ownership: .owned, pids: [6120]),
        Row(line: "  TCP    0.0.0.0:3691           0.0.0.0:0              ABHÖREN         6120",
            proto: .tcp, family: .ipv4, local: "0.0.0.0", port: 3691, state: .listening, rawState: "ABHÖREN",
            ownership: .owned, pids: [6120]),
        Row(line: "  TCP    0.0.0.0:3691           0.0.0.0:0                              6120",
            proto: .tcp, family: .ipv4, local: "0.0.0.0", port: 3691, state: .listening, ownership: .owned, pids: [6120]),
        Row(line: "  TCP    0.0.0.0:3691           0.0.0.0:0              LISTENING",
            proto: .tcp, family: .ipv4, local: "0.0.0.0", port: 3691, state: .listening, ownership: .unknown),
        Row(line: "  TCP    10.0.0.5:52011         93.184.216.34:443      TIME_WAIT       0",
            proto: .tcp, family: .ipv4, local: "10.0.0.5", port: 52011, remote: "93.184.216.34", remotePort: 443,
            state: .timeWait, ownership: .unowned),
        Row(line: "  TCP    10.0.0.5:52011         10.0.0.9:445           HERGESTELLT     77",
            proto: .tcp, family: .ipv4, local: "10.0.0.5", port: 52011, remote: "10.0.0.9", remotePort: 445,
            state: .established, rawState: "HERGESTELLT", ownership: .owned, pids: [77]),
        Row(line: "  TCP    10.0.0.5:52012         10.0.0.9:445           VERBUNDENISH    77",
            proto: .tcp, family: .ipv4, local: "10.0.0.5", port: 52012, remote: "10.0.0.9", remotePort: 445,
            state: .unknown, rawState: "VERBUNDENISH", ownership: .owned, pids: [77]),
        Row(line: "  TCP    0.0.0.0:3691           0.0.0.0:0              ABH™REN         6120",
            proto: .tcp, family: .ipv4, local: "0.0.0.0", port: 3691, state: .listening, rawState: "ABH™REN",
            ownership: .owned, pids: [6120]),
        Row(line: "  TCP    10.0.0.5:80            0.0.0.0:0              IN ASCOLTO      12",
            proto: .tcp, family: .ipv4, local: "10.0.0.5", port: 80, state: .listening, rawState: "IN ASCOLTO",
            ownership: .owned, pids: [12]),
        Row(line: "  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4",
            proto: .tcp, family: .ipv4, local: "0.0.0.0", port: 445, state: .listening, ownership: .owned, pids: [4]),
        Row(line: "  TCP    0.0.0.0:2869           0.0.0.0:0              BOUND           4",
            proto: .tcp, family: .ipv4, local: "0.0.0.0", port: 2869, state: .bound, ownership: .owned, pids: [4]),
        Row(line: "  UDP    [fe80::244e:2f1e:2096:62b2%9]:1900  *:*                                    8844",
            proto: .udp, family: .ipv6, local: "fe80::244e:2f1e:2096:62b2", port: 1900, zone: "9",
            state: .listening, ownership: .owned, pids: [8844]),
        Row(line: "  UDP    0.0.0.0:50127          0.0.0.94:443",
            proto: .udp, family: .ipv4, local: "0.0.0.0", port: 50127, remote: "0.0.0.94", remotePort: 443,
            state: .established, ownership: .unknown),
        Row(line: "  TCP    orion:https            LAPTOP-6LNI85PH:0      LISTENING       4",
            proto: .tcp, family: .ipv4, local: "orion", port: nil, portName: "https", state: .listening,
            ownership: .owned, pids: [4]),
        Row(line: "  UDP    [fe80::asda:4124:2096:62b2%9]:1900  *:*                    ",
            proto: .udp, family: .ipv6, local: "fe80::asda:4124:2096:62b2", port: 1900, zone: "9",
            state: .listening, ownership: .unknown),
    ]

    @Test(arguments: rows)
    func readsRow(_ expected: Row) throws {
        let parsed = CaptureFixtures.parse("\r\nActive Connections\r\n\r\n\(expected.line)\r\n")
        let netstat = try #require(parsed.sockets)
        #expect(netstat.diagnostics.isEmpty)
        let socket = try #require(netstat.sockets.first)
        #expect(netstat.sockets.count == 1)
        #expect(socket.protocol == expected.proto)
        #expect(socket.family == expected.family)
        #expect(socket.localAddress == expected.local)
        #expect(socket.localPort == expected.port)
        #expect(socket.localPortName == expected.portName)
        #expect(socket.localZone == expected.zone)
        #expect(socket.remoteAddress == expected.remote)
        #expect(socket.remotePort == expected.remotePort)
        #expect(socket.state == expected.state)
        #expect(socket.rawState == expected.rawState)
        #expect(socket.ownership == expected.ownership)
        #expect(socket.pids == expected.pids)
        #expect(socket.source == SourceLocation(file: "capture.txt", line: 4))
    }

    @Test func ownershipReasonsFollowThePIDColumn() throws {
        let text = "  TCP    1.2.3.4:5    6.7.8.9:10    TIME_WAIT    0\n  TCP    1.2.3.4:6    0.0.0.0:0    LISTENING\n"
        let sockets = try #require(CaptureFixtures.parse(text).sockets?.sockets)
        // The second row has no PID although the capture has a PID column: its owner field is
        // unreadable (junk or cut), not a capture without owners.
        #expect(sockets.map(\.ownershipReason) == [.windowsPidZero, .ownerUnreadable])
        let withoutColumn = try #require(CaptureFixtures.parse("  TCP    1.2.3.4:6    0.0.0.0:0    LISTENING\n").sockets?.sockets)
        #expect(withoutColumn.map(\.ownershipReason) == [.captureHasNoOwners])
    }

    @Test func blankedStateColumnGivesTheSameListeners() throws {
        let with = try CaptureFixtures.snapshot(["netstat-ano-3691.txt"])
        let path = CaptureFixtures.windows("netstat-ano-3691.txt")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var blanked = text
        for word in ["LISTENING", "ESTABLISHED", "TIME_WAIT"] {
            blanked = blanked.replacingOccurrences(of: word, with: String(repeating: " ", count: word.count))
        }
        let without = try #require(CaptureFixtures.parse(blanked).sockets)
        let listeners = { (sockets: [SocketFact]) in
            sockets.filter { $0.state == .listening }.map(\.localEndpointDescription)
        }
        #expect(listeners(without.sockets) == listeners(with.sockets))
        #expect(!listeners(with.sockets).isEmpty)
    }

    @Test func listeningWordOnAConnectedRowIsAWarning() throws {
        let text = "  TCP    10.0.0.5:80    10.0.0.9:5000    LISTENING    12\n"
        let netstat = try #require(CaptureFixtures.parse(text).sockets)
        #expect(netstat.sockets.first?.state == .unknown)
        #expect(netstat.diagnostics.map(\.location?.line) == [1])
    }

    @Test func netstatBWithoutElevationIsAnError() {
        let parsed = CaptureFixtures.parse("C:\\Users\\ops>netstat -anob\r\nThe requested operation requires elevation.\r\n")
        #expect(parsed.source.format == "windows-netstat")
        #expect(parsed.sockets?.diagnostics.map(\.severity) == [.error])
        #expect(parsed.sockets?.diagnostics.first?.location?.line == 2)
    }

    @Test func netstatBWithoutPIDsSaysOwnersStayUnknown() throws {
        let text = "  TCP    0.0.0.0:135    orion:0    LISTENING\r\n  RpcSs\r\n [svchost.exe]\r\n"
            + "  TCP    0.0.0.0:445    orion:0    LISTENING\r\n Can not obtain ownership information\r\n"
        let netstat = try #require(CaptureFixtures.parse(text).sockets)
        #expect(netstat.sockets.map(\.ownershipReason) == [.captureHasNoOwners, .ownerNotObtainable])
        #expect(netstat.diagnostics.map(\.severity) == [.note])
        #expect(netstat.ownerProcesses.isEmpty)
    }
}

