import Foundation
import HostCheckBuiltinPacks
import HostCheckCore
import HostCheckProbes
import Testing
@testable import HostCheckCLI

/// The Swift extension seam (docs/swift-extensions.md): a distribution's own built-in packs and
/// capture formats, given in a `Registry` value, are what its hostcheck uses, and fail closed.
@Suite struct SwiftExtensionSeamTests {
    /// A site's built-in pack: RDP listens on loopback only.
    static let sitePack = BuiltinPacks.File(name: "site-extra.yaml", bytes: Array("""
        hostcheck: 1
        pack: { id: site-extra, version: '1' }
        rules:
          - id: rdp-loopback
            severity: high
            select: { protocol: tcp, local_port: 3389, state: listening }
            expect: { exposure: loopback }
        """.utf8))

    /// A pack on disk that builds on `builtin:site-extra`.
    static func includingPack() throws -> String {
        let directory = try HostCheckRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("site.yaml").path
        try Data("""
            hostcheck: 1
            pack: { id: site, version: '1' }
            include: [builtin:site-extra]
            rules: []
            """.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// With the site's pack in the registry the include resolves and the rule runs (RDP on
    /// 0.0.0.0 fails, 1); the stock registry has no such pack: a located error, 65, never a run.
    @Test(arguments: [(true, Int32(1)), (false, Int32(65))])
    func registryPacksAreWhatBuiltinIncludesReach(withSitePack: Bool, status: Int32) async throws {
        var registry = Registry.builtin
        if withSitePack { registry.packs.append(Self.sitePack) }
        let report = try HostCheckRunner.temporaryDirectory().appendingPathComponent("r.json").path
        let arguments = [
            "check", try Self.includingPack(), "--capture", HostCheckRunner.fixture("windows/netstat-ano-3691.txt"), "--format", "json:" + report,
        ]
        #expect(await HostCheckMain.run(arguments, registry: registry) == status)
    }

    /// Two built-in packs with one file name: the binary refuses to start (70).
    @Test func aPackNameGivenTwiceRefusesToStart() async {
        var registry = Registry.builtin
        registry.packs.append(Self.sitePack)
        registry.packs.append(Self.sitePack)
        #expect(registry.duplicateIDs == ["built-in pack site-extra.yaml"])
        #expect(await HostCheckMain.run(["lint"], registry: registry) == 70)
    }

    /// A capture format added through the public initialiser: `SITE-PORTS` then `tcp ADDRESS
    /// PORT PID` rows. A row it cannot read is a located diagnostic; a file whose parser lists
    /// no sockets is a process listing and never says the host has none.
    static let sitePorts = CaptureFormatDescriptor(
        id: "site-ports", summary: "a site's port list", platform: .windows,
        coverage: .sockets(states: .listening, owners: .all, processes: false),
        recognise: { lines in lines.first == "SITE-PORTS" || lines.first == "SITE-NOTHING" ? .certain : nil },
        parse: { file, lines in
            if lines.first == "SITE-NOTHING" { return ExtensionCaptureFacts() }
            var facts = ExtensionCaptureFacts(sockets: [])
            for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
                let cells = line.split(separator: " ")
                guard cells.count == 4, let port = Int(cells[2]), let pid = Int(cells[3]) else {
                    facts.diagnostics.append(Diagnostic(.warning, "not a port row", at: SourceLocation(file: file, line: index + 1)))
                    continue
                }
                facts.sockets?.append(SocketFact(
                    protocol: .tcp, family: cells[1].contains(":") ? .ipv6 : .ipv4, localAddress: String(cells[1]), localPort: port, state: .listening,
                    ownership: .owned, pids: [pid], source: SourceLocation(file: file, line: index + 1)))
            }
            return facts
        })

    static let extensionCases: [(text: String, status: Int32)] = [
        ("SITE-PORTS\ntcp 127.0.0.1 3389 1104\ntcp ::1 3389 1104\n", 0),
        ("SITE-PORTS\ntcp 127.0.0.1 3389 1104\n", 2),
        ("SITE-PORTS\ntcp 0.0.0.0 3389 1104\n", 1),
        ("SITE-NOTHING\n", 2),
    ]

    /// Loopback RDP on both families passes and RDP on every address fails; a file with no
    /// IPv6 row cannot show that RDP is not on IPv6, and a file that lists no sockets cannot show
    /// anything: both leave the rule unknown (2), not a pass.
    @Test(arguments: extensionCases)
    func anExtensionCaptureFormatIsReadAndFailsClosed(text: String, status: Int32) async throws {
        var registry = Registry.builtin
        registry.captureFormats.insert(Self.sitePorts, at: 0)
        let directory = try HostCheckRunner.temporaryDirectory()
        let capture = directory.appendingPathComponent("ports.txt").path
        let pack = directory.appendingPathComponent("pack.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: capture))
        try Data(Self.sitePack.bytes).write(to: URL(fileURLWithPath: pack))
        let arguments = ["check", pack, "--capture", capture, "--format", "json:" + directory.appendingPathComponent("r.json").path]
        #expect(await HostCheckMain.run(arguments, registry: registry) == status)
    }

    /// A live probe a distribution registers ahead of the built-in one: `check` reads its snapshot.
    struct StaticProbe: Probe {
        let snapshot: Snapshot?

        func collect() async throws -> Snapshot {
            guard let snapshot else { throw ProbeSetupError("the site's agent did not answer") }
            return snapshot
        }
    }

    static func siteProbe(_ snapshot: Snapshot?) -> ProbeDescriptor {
        ProbeDescriptor(id: "site-agent", summary: "a site's agent", platforms: [.linux, .macos, .windows, .unknown], source: .live) { _ in
            StaticProbe(snapshot: snapshot)
        }
    }

    static func rdp(_ address: String, _ family: AddressFamily, coverage: Coverage) -> Snapshot {
        let socket = SocketFact(
            protocol: .tcp, family: family, localAddress: address, localPort: 3389, state: .listening,
            ownership: .owned, pids: [1104], source: SourceLocation(file: "site-agent"))
        return Snapshot(host: HostInfo(name: "web01", platform: .windows, coverage: coverage), sockets: [socket])
    }

    static let probeCases: [(snapshot: Snapshot?, status: Int32)] = [
        (rdp("127.0.0.1", .ipv4, coverage: .full), 0),
        (rdp("0.0.0.0", .ipv4, coverage: .full), 1),
        (rdp("127.0.0.1", .ipv4, coverage: .none), 2),
        (nil, 2),
    ]

    /// The registered probe's facts decide the rule: loopback RDP with full coverage passes, RDP
    /// on every address fails; a snapshot that covers nothing, or a probe that fails, is never a pass.
    @Test(arguments: probeCases)
    func aRegisteredLiveProbeIsUsedAndFailsClosed(snapshot: Snapshot?, status: Int32) async throws {
        var registry = Registry.builtin
        registry.probes.insert(Self.siteProbe(snapshot), at: 0)
        let directory = try HostCheckRunner.temporaryDirectory()
        let pack = directory.appendingPathComponent("pack.yaml").path
        try Data(Self.sitePack.bytes).write(to: URL(fileURLWithPath: pack))
        let arguments = ["check", pack, "--format", "json:" + directory.appendingPathComponent("r.json").path]
        #expect(await HostCheckMain.run(arguments, registry: registry) == status)
    }
}
