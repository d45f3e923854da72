import HostCheckCore
@testable import HostCheckProbes
import Testing

/// ``SocketCapture/rowKinds`` (one pass, no set) against ``SocketCapture/protocols`` and
/// ``SocketCapture/families``.
@Suite struct SocketCaptureRowKindsTests {
    /// The protocols and families of one pass are those the sets list.
    @Test func rowKindsAreThoseOfTheRows() {
        var capture = SocketCapture()
        #expect(capture.protocols.isEmpty && capture.families.isEmpty)
        let source = SourceLocation(file: "c.txt")
        capture.sockets.append(SocketFact(
            protocol: .udp, family: .ipv6, localAddress: "::", localPort: 1, state: .listening, ownership: .unknown, source: source))
        #expect(capture.protocols == [.udp] && capture.families == [.ipv6])
        capture.sockets.append(SocketFact(
            protocol: .tcp, family: .ipv4, localAddress: "0.0.0.0", localPort: 2, state: .listening, ownership: .unknown,
            source: source))
        #expect(capture.protocols == [.tcp, .udp] && capture.families == [.ipv4, .ipv6])
        let kinds = capture.rowKinds
        #expect(kinds.tcp && kinds.udp && kinds.ipv4 && kinds.ipv6)
    }

    /// Every combination of kinds has its number, and the number gives the kinds back.
    @Test func everyCombinationHasItsIndex() {
        for index in 0..<16 {
            #expect(SocketCapture.RowKinds(index: index).index == index)
        }
        #expect(NetstatCoverage.shownNotes[0] == nil)
        #expect(NetstatCoverage.shownNotes[15]?.hasPrefix("tcp, udp, ipv4, ipv6: assumed from the rows") == true)
        #expect(NetstatCoverage.shownNotes[1 | 8]?.hasPrefix("tcp, ipv6: assumed") == true)
    }
}
