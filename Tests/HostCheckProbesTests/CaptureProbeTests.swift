import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite("capture probe over fixtures")
struct CaptureProbeTests {
    /// What a set of fixture files must yield.
    struct Expectation: Sendable, CustomStringConvertible {
        var files: [String]
        var sockets: Int
        var listening: Int
        var processes: [Int: String]
        var coverage: Coverage
        var encodings: [String]
        var formats: [String]
        /// Lines (file name, line) of the warnings and errors.
        var problems: [String]
        var port3691: (line: Int, ownership: Ownership, pids: [Int])?
        var description: String { files.joined(separator: " + ") }
    }

    static let fullNoUDP = Coverage(tcp: .full, udp: .none, ipv4: .full, ipv6: .none, owners: .full)
    static let noOwners = Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .none)
    /// Everything in the namespace the capture ran in.
    static let complete = Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .full)

    static let expectations: [Expectation] = [
        Expectation(
            files: ["netstat-ano-3691.txt", "tasklist-nc64.csv"], sockets: 12, listening: 10,
            processes: [0: "System Idle Process", 4: "System", 988: "svchost.exe", 2216: "svchost.exe",
                        3312: "TeamViewer_Service.exe", 6120: "nc64.exe"],
            coverage: complete, encodings: ["utf-8", "utf-8"], formats: ["windows-netstat", "windows-tasklist-csv"],
            problems: [], port3691: (7, .owned, [6120])),
        Expectation(
            files: ["netstat-ano-3691.txt", "tasklist-magaya.csv"], sockets: 12, listening: 10,
            processes: [0: "System Idle Process", 4: "System", 988: "svchost.exe", 2216: "svchost.exe",
                        3312: "TeamViewer_Service.exe", 6120: "MagayaNetworkService.exe"],
            coverage: complete, encodings: ["utf-8", "utf-8"], formats: ["windows-netstat", "windows-tasklist-csv"],
            problems: [], port3691: (7, .owned, [6120])),
        Expectation(
            files: ["netstat-ano-3691.utf16le.txt", "tasklist-nc64.utf16le.csv"], sockets: 12, listening: 10,
            processes: [0: "System Idle Process", 4: "System", 988: "svchost.exe", 2216: "svchost.exe",
                        3312: "TeamViewer_Service.exe", 6120: "nc64.exe"],
            coverage: complete, encodings: ["utf-16le-bom", "utf-16le-bom"],
            formats: ["windows-netstat", "windows-tasklist-csv"], problems: [], port3691: (7, .owned, [6120])),
        Expectation(
            files: ["netstat-ano-3691.txt"], sockets: 12, listening: 10, processes: [4: "System"],
            coverage: complete, encodings: ["utf-8"], formats: ["windows-netstat"], problems: [],
            port3691: (7, .owned, [6120])),
        Expectation(
            files: ["netstat-an-3691.txt", "tasklist-nc64.csv"], sockets: 12, listening: 10,
            processes: [0: "System Idle Process", 4: "System", 988: "svchost.exe", 2216: "svchost.exe",
                        3312: "TeamViewer_Service.exe", 6120: "nc64.exe"],
            coverage: noOwners, encodings: ["utf-8", "utf-8"], formats: ["windows-netstat", "windows-tasklist-csv"],
            problems: [], port3691: (7, .unknown, [])),
        Expectation(
            files: ["netstat-ano-p-tcp.txt"], sockets: 6, listening: 4, processes: [4: "System"],
            coverage: fullNoUDP, encodings: ["utf-8"], formats: ["windows-netstat"], problems: [],
            port3691: (7, .owned, [6120])),
        Expectation(
            files: ["netstat-ano-unlisted-language.txt"], sockets: 4, listening: 3, processes: [4: "System"],
            // Line 9, a TCP IPv4 row with port 99999, cannot be read: TCP and IPv4 are partial.
            coverage: Coverage(tcp: .partial, udp: .full, ipv4: .partial, ipv6: .full, owners: .full), encodings: ["utf-8"], formats: ["windows-netstat"],
            problems: ["netstat-ano-unlisted-language.txt:8", "netstat-ano-unlisted-language.txt:9"],
            port3691: (6, .owned, [6120])),
        Expectation(
            files: ["unrecognised.txt"], sockets: 0, listening: 0, processes: [:], coverage: .none,
            encodings: ["utf-8"], formats: ["unknown"], problems: ["unrecognised.txt"], port3691: nil),
        Expectation(
            files: ["powershell/format-table.txt", "tasklist-nc64-nh.csv"], sockets: 0, listening: 0,
            processes: [0: "System Idle Process", 4: "System", 988: "svchost.exe", 2216: "svchost.exe",
                        3312: "TeamViewer_Service.exe", 6120: "nc64.exe"],
            coverage: .none, encodings: ["utf-8", "utf-8"], formats: ["powershell-table", "windows-tasklist-csv"],
            problems: ["format-table.txt"],
            port3691: nil),
    ]

    @Test(arguments: expectations)
    func fixtureYieldsExactFacts(_ expected: Expectation) throws {
        let snapshot = try CaptureFixtures.snapshot(expected.files)
        #expect(snapshot.sockets.count == expected.sockets)
        #expect(snapshot.sockets.filter { $0.state == .listening }.count == expected.listening)
        #expect(Dictionary(uniqueKeysWithValues: snapshot.processes.map { ($0.pid, $0.name ?? "") }) == expected.processes)
        // The levels and filters; the `assumed` lines and the full capture are tested in
        // WindowsCoverageTests.
        #expect(snapshot.host.coverage.summary == expected.coverage.summary)
        #expect(snapshot.host.sources.map(\.encoding) == expected.encodings)
        #expect(snapshot.host.sources.map(\.format) == expected.formats)
        #expect(snapshot.host.platform == (expected.formats.contains { $0.hasPrefix("windows-") || $0.hasPrefix("powershell-") } ? .windows : .unknown))
        #expect(snapshot.host.name == "unknown")
        let problems = snapshot.problems.map { diagnostic in
            let location = diagnostic.location
            let name = location.map { URL(fileURLWithPath: $0.file).lastPathComponent } ?? "-"
            return location?.line.map { "\(name):\($0)" } ?? name
        }
        #expect(problems == expected.problems)
        let listener = snapshot.sockets.first { $0.localPort == 3691 && $0.protocol == .tcp && $0.state == .listening }
        if let port3691 = expected.port3691 {
            let socket = try #require(listener)
            #expect(socket.source.line == port3691.line)
            #expect(socket.ownership == port3691.ownership)
            #expect(socket.pids == port3691.pids)
            #expect(socket.localAddress == "0.0.0.0")
            #expect(socket.remoteAddress == nil)
            #expect(socket.remotePort == nil)
        } else {
            #expect(listener == nil)
        }
    }

    @Test func pid4IsTheKernelAndPid0IsUnowned() throws {
        let snapshot = try CaptureFixtures.snapshot(["netstat-ano-3691.txt"])
        let system = try #require(snapshot.processesByPID()[4])
        #expect(system.kernel)
        #expect(system.name == "System")
        #expect(system.source.line == 6)
        let timeWait = try #require(snapshot.sockets.first { $0.state == .timeWait })
        #expect(timeWait.ownership == .unowned)
        #expect(timeWait.ownershipReason == .windowsPidZero)
    }

    @Test func utf16AndUTF8GiveTheSameFacts() throws {
        let utf8 = try CaptureFixtures.snapshot(["netstat-ano-3691.txt", "tasklist-nc64.csv"])
        let utf16 = try CaptureFixtures.snapshot(["netstat-ano-3691.utf16le.txt", "tasklist-nc64.utf16le.csv"])
        let strip = { (socket: SocketFact) -> SocketFact in
            var copy = socket
            copy.source.file = ""
            return copy
        }
        #expect(utf8.sockets.map(strip) == utf16.sockets.map(strip))
        #expect(utf8.processes.map(\.name) == utf16.processes.map(\.name))
    }

    @Test func bundleDirectoryNamesTheHostAndIgnoresFileNames() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hostcheck-capture-\(UUID().uuidString)/wh-berlin-02")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        for (fixture, name) in [("netstat-ano-3691.txt", "a.log"), ("tasklist-nc64.csv", "b")] {
            try FileManager.default.copyItem(
                atPath: CaptureFixtures.windows(fixture), toPath: directory.appendingPathComponent(name).path)
        }
        let snapshot = try CaptureProbe(paths: [directory.path], hostName: nil).snapshot()
        #expect(snapshot.host.name == "wh-berlin-02")
        #expect(snapshot.host.sources.map(\.format) == ["windows-netstat", "windows-tasklist-csv"])
        #expect(snapshot.host.sources.first?.file == directory.path + "/a.log")
        #expect(snapshot.processesByPID()[6120]?.name == "nc64.exe")
        let named = try CaptureProbe(paths: [directory.path], hostName: "explicit").snapshot()
        #expect(named.host.name == "explicit")
    }

    @Test func missingPathThrows() {
        #expect(throws: CaptureError.self) {
            try CaptureProbe(paths: ["/nonexistent/netstat.txt"], hostName: nil).snapshot()
        }
    }

    @Test func collectIsTheProbeEntryPoint() async throws {
        let probe = CaptureProbe(paths: [CaptureFixtures.windows("netstat-ano-3691.txt")], hostName: "h")
        let snapshot = try await probe.collect()
        #expect(snapshot.host.name == "h")
        #expect(CaptureProbe.descriptor.id == "capture")
    }

    @Test func bundleHostJSONNamesTheHostAndTheCaptureTime() throws {
        let bundle = CaptureFixtures.windows("bundle-wh-berlin-02")
        let snapshot = try CaptureProbe(paths: [bundle], hostName: nil).snapshot()
        #expect(snapshot.diagnostics.isEmpty)
        #expect(snapshot.host.name == "WH-BERLIN-02")
        #expect(snapshot.host.capturedAt == "2026-11-27T10:00:00Z")
        #expect(snapshot.host.labels == ["env": "prod", "site": "berlin"])
        #expect(snapshot.host.sources.map(\.format) == ["hostcheck-bundle-info", "windows-netstat", "windows-tasklist-csv"])
        #expect(snapshot.processesByPID()[6120]?.name == "MagayaNetworkService.exe")
        let explicit = try CaptureProbe(paths: [bundle], hostName: "cli-name").snapshot()
        #expect(explicit.host.name == "cli-name")
    }

    @Test(arguments: [
        ("{\"hostcheck_bundle\": 3, \"host\": \"x\"}", "bundle version 3 is not one this hostcheck reads (1-2)"),
        ("{\"hostcheck_bundle\": 0}", "bundle version 0 is not one this hostcheck reads (1-2)"),
        ("{\"hostcheck_bundle\": \"one\"}", "'hostcheck_bundle' must be a version number"),
        ("{\"hostcheck_bundle\": 1,", "host.json is not a json object: unexpected end of input, expected a string key"),
    ])
    func badHostJSONIsAnError(_ text: String, _ message: String) {
        let parsed = CaptureFixtures.parse(text, name: "host.json")
        #expect(parsed.diagnostics.map(\.message) == [message])
        #expect(parsed.diagnostics.map(\.severity) == [.error])
    }

    @Test func truncatedTasklistNameIsCompletedByNetstatB() throws {
        let snapshot = try CaptureFixtures.snapshot(["tasklist-table.txt", "netstat-anob-7004.txt"])
        let magaya = try #require(snapshot.processesByPID()[7004])
        #expect(magaya.name == "MagayaNetworkServiceHost.exe")
        #expect(magaya.nameTruncated == false)
        #expect(snapshot.sockets.first?.ownership == .owned)
        let disputed = try #require(snapshot.sockets.first { $0.localPort == 5939 })
        #expect(disputed.ownership == .unknown)
        #expect(disputed.ownershipReason == .sourcesDisagree)
        #expect(snapshot.problems.map(\.location?.line) == [8])
        #expect(snapshot.problems.first?.message.contains("TeamViewer_Service.exe") == true)
    }
}

