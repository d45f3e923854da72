import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite struct LinuxProcNetParsingTests {
    /// Kernel-printed endpoints and their decoding (see `ProcHex`), written by hand.
    @Test(arguments: [
        ("0100007F:0016", AddressFamily.ipv4, "127.0.0.1", 22),
        ("3500007F:0035", .ipv4, "127.0.0.53", 53),
        ("00000000:0E6B", .ipv4, "0.0.0.0", 3691),
        ("AF778609:0044", .ipv4, "9.134.119.175", 68),
        ("FFFFFFFF:FFFF", .ipv4, "255.255.255.255", 65535),
        ("00000000000000000000000001000000:0277", .ipv6, "::1", 631),
        ("00000000000000000000000000000000:0000", .ipv6, "::", 0),
        ("0000000000000000FFFF00000100007F:1F90", .ipv6, "::ffff:127.0.0.1", 8080),
        ("000080FE00000000FFADE15609667CFE:0222", .ipv6, "fe80::56e1:adff:fe7c:6609", 546),
        ("4606012600F1019E000000004C3A0000:E700", .ipv6, "2601:646:9e01:f100::3a4c", 59136),
        ("B80D0120000000000000000001000000:01bb", .ipv6, "2001:db8::1", 443),
    ])
    func decodesEndpoints(text: String, family: AddressFamily, address: String, port: Int) throws {
        let bytes = Array(text.utf8)
        let decoded = bytes.withUnsafeBufferPointer { ProcHex.endpoint($0, 0..<$0.count, family: family) }
        let endpoint = try #require(decoded)
        #expect(endpoint.address.text(family: family) == address)
        #expect(endpoint.address.ipAddress(family: family).description == address)
        #expect(endpoint.port == port)
    }

    @Test(arguments: [
        ("0100007F:16", AddressFamily.ipv4),
        ("0100007F0016", .ipv4),
        ("0100007G:0016", .ipv4),
        ("0100007F:0016", .ipv6),
        ("00000000000000000000000001000000:0277", .ipv4),
        ("", .ipv4),
    ])
    func rejectsMalformedEndpoints(text: String, family: AddressFamily) {
        let bytes = Array(text.utf8)
        let decoded = bytes.withUnsafeBufferPointer { ProcHex.endpoint($0, 0..<$0.count, family: family) }
        #expect(decoded == nil)
    }

    @Test(arguments: [
        (UInt8(0x01), TransportProtocol.tcp, SocketState.established, String?.none),
        (0x02, .tcp, .synSent, nil), (0x03, .tcp, .synReceived, nil), (0x04, .tcp, .finWait1, nil),
        (0x05, .tcp, .finWait2, nil), (0x06, .tcp, .timeWait, nil), (0x07, .tcp, .closed, nil),
        (0x08, .tcp, .closeWait, nil), (0x09, .tcp, .lastAck, nil), (0x0A, .tcp, .listening, nil),
        (0x0B, .tcp, .closing, nil), (0x00, .tcp, .unknown, "00"), (0x0D, .tcp, .unknown, "0D"),
        (0x07, .udp, .listening, nil), (0x01, .udp, .established, nil), (0x0A, .udp, .unknown, "0A"),
    ])
    func mapsStates(code: UInt8, proto: TransportProtocol, state: SocketState, raw: String?) {
        let mapped = KernelSocketState.map(code, protocol: proto)
        #expect(mapped.state == state)
        #expect(mapped.raw == raw)
    }

    @Test func parsesAFullRowAndATimeWaitRow() throws {
        let parser = ProcNetRowParser(protocol: .tcp, family: .ipv4)
        let full = "   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 59 1 "
            + "000000002a1d1480 100 0 0 10 0                        "
        let timeWait = "   1: 020200C0:B0DC 507100CB:0050 06 00000000:00000000 03:0000088C 00000000     0        0 0 3 "
            + "00000000a05cb582"
        let listener = try Array(full.utf8).withUnsafeBufferPointer { parser.parse($0) }.get()
        #expect(listener.localAddress.text(family: .ipv4) == "0.0.0.0")
        #expect(listener.localPort == 2024)
        #expect(listener.stateCode == 0x0A)
        #expect(listener.inode == 59)
        #expect(listener.remoteIsWildcard)
        let closing = try Array(timeWait.utf8).withUnsafeBufferPointer { parser.parse($0) }.get()
        #expect(closing.localAddress.text(family: .ipv4) == "192.0.2.2")
        #expect(closing.remoteAddress.text(family: .ipv4) == "203.0.113.80")
        #expect(closing.remotePort == 80)
        #expect(closing.inode == 0)
        #expect(!closing.remoteIsWildcard)
    }

    @Test(arguments: [
        ("socket:[12345]", UInt64?.some(12345)),
        ("socket:[0]", 0),
        ("socket:[]", nil),
        ("socket:[12a]", nil),
        ("socket:[99999999999999999999999]", nil),
        ("pipe:[12345]", nil),
        ("/dev/null", nil),
        ("anon_inode:[eventpoll]", nil),
    ])
    func recognisesSocketLinks(link: String, inode: UInt64?) {
        let bytes = link.utf8.map { CChar(bitPattern: $0) }
        #expect(SystemFDDirectoryReader.socketInode(bytes, count: bytes.count) == inode)
    }
}
