import HostCheckCore
import Testing

@Suite struct SocketFactTests {
    static let plain = SocketFact(
        protocol: .tcp, family: .ipv6, localAddress: "fe80::1", localPort: 3691, state: .listening,
        ownership: .owned, pids: [6120], source: HostCheckCore.SourceLocation(file: "netstat.txt", line: 8))

    /// A large capture holds hundreds of thousands of facts: their size is part of its cost.
    @Test func aFactTakes128BytesAndALocation32() {
        #expect(MemoryLayout<SocketFact>.stride <= 128)
        #expect(MemoryLayout<HostCheckCore.SourceLocation>.stride <= 32)
    }

    @Test func everyFieldReadsBackWhatWasGiven() {
        let fact = SocketFact(
            protocol: .udp, family: .ipv6, localAddress: "fe80::1", localPort: nil, localPortName: "domain",
            localZone: "11", remoteAddress: "fe80::2", remotePort: 0, remotePortName: "ntp", state: .unknown,
            rawState: "ABHÖREN", v6only: true, netns: 0, ownership: .unknown, ownershipReason: .captureHasNoOwners,
            pids: [4, 8], source: HostCheckCore.SourceLocation(file: "f", line: 1, column: 2))
        #expect(fact.localPort == nil && fact.localPortName == "domain" && fact.localZone == "11")
        #expect(fact.remoteAddress == "fe80::2" && fact.remotePort == 0 && fact.remotePortName == "ntp")
        #expect(fact.rawState == "ABHÖREN" && fact.v6only == true && fact.netns == 0)
        #expect(fact.ownershipReason == .captureHasNoOwners && fact.pids == [4, 8])
        #expect(fact.source.line == 1 && fact.source.column == 2)
        #expect(Self.plain.localPortName == nil && Self.plain.netns == nil && Self.plain.remotePort == nil)
        #expect(Self.plain.source.column == nil && Self.plain.source.description == "netstat.txt:8")
    }

    /// The rare text fields share a box: setting one keeps the others, and clearing the last
    /// gives a fact equal to one that never had any.
    @Test func rareFieldsAreIndependentValues() {
        var fact = Self.plain
        fact.localZone = "11"
        fact.rawState = "ÉCOUTE"
        var copy = fact
        copy.rawState = nil
        #expect(fact.rawState == "ÉCOUTE" && fact.localZone == "11")
        #expect(copy.rawState == nil && copy.localZone == "11")
        copy.localZone = nil
        #expect(copy == Self.plain && copy.hashValue == Self.plain.hashValue)
        var twin = Self.plain
        twin.rawState = "ÉCOUTE"
        twin.localZone = "11"
        #expect(twin == fact && twin.hashValue == fact.hashValue)
        twin.localPortName = "magaya"
        twin.remotePortName = "https"
        #expect(twin != fact && twin.localPortName == "magaya" && twin.remotePortName == "https")
    }

    @Test func portsNamespacesAndLinesSetAndClear() {
        var fact = Self.plain
        fact.localPort = nil
        fact.remotePort = 65535
        fact.netns = 4_026_531_840
        fact.source.line = nil
        fact.source.column = 7
        #expect(fact.localPort == nil && fact.remotePort == 65535 && fact.netns == 4_026_531_840)
        #expect(fact.source.line == nil && fact.source.column == 7 && fact.source.description == "netstat.txt")
        fact.localPort = 3691
        fact.netns = nil
        fact.remotePort = nil
        fact.source.line = 8
        fact.source.column = nil
        #expect(fact == Self.plain)
    }
}
