import HostCheckCore
import Testing
@testable import HostCheckProbes

/// A saved `/proc/net/tcp` whose port is no `%04X` port (a fuzz finding: `65536` read as hex is
/// 415030) makes its row unreadable, with a located warning, never a socket whose snapshot
/// cannot be read back.
@Suite struct ProcNetCapturePortTests {
    static let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"

    static func row(local: String, remote: String, inode: String = "12345") -> String {
        "   0: \(local) \(remote) 01 00000000:00000000 00:00000000 00000000     0        0 \(inode) 1 0000000000000000 100 0 0 10 0\n"
    }

    @Test(arguments: [
        ("0100007F:0016", "0100007F:65536"),
        ("0100007F:0016", "0100007F:-001"),
        ("0100007F:0016", "0100007F:+016"),
        ("0100007F:10000", "0100007F:0016"),
        ("0100007F:0016", "0100007F:"),
        ("0100007F:0016", "0100007F:00G1"),
    ])
    func portOutsideFourHexDigitsMakesTheRowUnreadable(local: String, remote: String) throws {
        let listing = try #require(CaptureFixtures.parse(Self.header + Self.row(local: local, remote: remote)).sockets)
        #expect(listing.sockets.isEmpty)
        #expect(listing.coverage?.tcp != .full)
        #expect(listing.diagnostics.contains { $0.severity == .warning && $0.location?.line == 2 })
    }

    /// A signed inode is no inode: `-0` must not read as inode 0 (a socket of no process).
    @Test(arguments: ["-0", "+0", "-5"])
    func signedInodeMakesTheRowUnreadable(inode: String) throws {
        let text = Self.header + Self.row(local: "0100007F:0016", remote: "0100007F:0016", inode: inode)
        let listing = try #require(CaptureFixtures.parse(text).sockets)
        #expect(listing.sockets.isEmpty)
        #expect(listing.diagnostics.contains { $0.severity == .warning && $0.location?.line == 2 })
    }

    @Test(arguments: [("0016", 22), ("FFFF", 65535), ("ffff", 65535), ("0", 0), ("E6B", 3691)])
    func fourHexDigitPortsAreRead(port: String, value: Int) throws {
        let text = Self.header + Self.row(local: "0100007F:0016", remote: "0100007F:" + port)
        let listing = try #require(CaptureFixtures.parse(text).sockets)
        let socket = try #require(listing.sockets.first)
        #expect(socket.remotePort == value)
        #expect(listing.coverage?.tcp == .full)
        #expect(listing.diagnostics.filter { $0.severity >= .warning }.isEmpty)
    }
}
