import Testing
@testable import HostCheckCore

@Suite struct IPAddressTests {
    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1"),
        ("0.0.0.0", "0.0.0.0"),
        ("::", "::"),
        ("::1", "::1"),
        ("[::1]", "::1"),
        ("fe80::d586:c72e:e178:1147%11", "fe80::d586:c72e:e178:1147"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::ffff:127.0.0.1", "::ffff:127.0.0.1"),
        ("1:0:0:1:0:0:0:1", "1:0:0:1::1"),
        ("2601:646:9e01:f100::3a4c", "2601:646:9e01:f100::3a4c"),
    ])
    func parsesAndPrintsCanonically(input: String, canonical: String) {
        #expect(IPAddress(input)?.description == canonical)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.256", "1.2.3.4.5", ":::", "1::2::3", "g::1", "12345::", "LAPTOP-6LNI85PH", "*"])
    func rejectsNonAddresses(input: String) {
        #expect(IPAddress(input) == nil)
    }

    @Test func classifiesLoopbackAndWildcard() throws {
        #expect(try #require(IPAddress("127.5.6.7")).isLoopback)
        #expect(try #require(IPAddress("::ffff:127.0.0.1")).isLoopback)
        #expect(try #require(IPAddress("::1")).isLoopback)
        #expect(try #require(IPAddress("::")).isUnspecified)
        #expect(try #require(IPAddress("0.0.0.0")).isUnspecified)
        #expect(try !#require(IPAddress("10.0.0.1")).isLoopback)
    }

    @Test(arguments: [
        ("127.0.0.0/8", "::ffff:127.0.0.1", true),
        ("127.0.0.0/8", "127.255.0.1", true),
        ("10.0.0.0/8", "11.0.0.1", false),
        ("0.0.0.0/0", "8.8.8.8", true),
        ("fe80::/10", "fe80::1", true),
        ("fe80::/10", "fec0::1", false),
        ("192.168.1.7", "192.168.1.7", true),
        ("10.0.0.0/8", "::1", false),
    ])
    func cidrContainment(cidr: String, address: String, expected: Bool) throws {
        let prefix = try #require(CIDR(cidr))
        #expect(prefix.contains(try #require(IPAddress(address))) == expected)
    }

    @Test(arguments: ["10.0.0.0/33", "10.0.0/8", "::/129", "10.0.0.0/x", "10.0.0.0/8/1"])
    func rejectsBadCIDR(text: String) {
        #expect(CIDR(text) == nil)
    }

    @Test func exposureOfSockets() {
        func socket(_ address: String) -> SocketFact {
            SocketFact(protocol: .tcp, family: address.contains(":") ? .ipv6 : .ipv4, localAddress: address,
                       localPort: 1, state: .listening, ownership: .unknown, source: SourceLocation(file: "t"))
        }
        #expect(socket("0.0.0.0").exposure == .any)
        #expect(socket("::").exposure == .any)
        #expect(socket("127.0.0.1").exposure == .loopback)
        #expect(socket("::ffff:127.0.0.1").exposure == .loopback)
        #expect(socket("192.168.1.2").exposure == .specific)
        #expect(socket("LAPTOP-X").exposure == nil)
    }
}
