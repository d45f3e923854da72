import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite struct LinuxKernelAddressTests {
    /// Group patterns that exercise every zero-run placement, plus mapped and wildcard forms.
    static let patterns: [[UInt16]] = [
        [0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 0, 0, 0], [0xfe80, 0, 0, 0, 0, 0, 0, 1],
        [1, 0, 0, 1, 0, 0, 0, 1], [1, 2, 0, 0, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6, 0, 0], [1, 0, 2, 0, 3, 0, 4, 0],
        [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1], [0, 0, 0, 0, 0, 0xffff, 0, 0], [0, 0, 0, 0, 0, 0, 0x7f00, 1],
        [0x2001, 0xdb8, 0, 0, 1, 0, 0, 1], [0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff],
        [0x2601, 0x646, 0x9e01, 0xf100, 0, 0, 0, 0x3a4c], [0, 1, 0, 0, 0, 0, 0, 0],
    ]

    static func address(_ groups: [UInt16]) -> KernelAddress {
        let bytes = groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        return bytes.withUnsafeBytes { KernelAddress.v6($0) }
    }

    @Test(arguments: patterns)
    func ipv6TextMatchesCore(groups: [UInt16]) {
        let address = Self.address(groups)
        #expect(address.text(family: .ipv6) == address.ipAddress(family: .ipv6).description)
        #expect(IPAddress(address.text(family: .ipv6)) == address.ipAddress(family: .ipv6))
    }

    @Test func randomAddressesMatchCore() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            // Sparse groups so zero runs of every length occur.
            let groups = (0..<8).map { _ in Bool.random(using: &generator) ? 0 : UInt16.random(in: 0...0xFFFF, using: &generator) }
            let address = Self.address(groups)
            #expect(address.text(family: .ipv6) == address.ipAddress(family: .ipv6).description)
            let v4 = KernelAddress.v4(UInt32.random(in: 0...UInt32.max, using: &generator))
            #expect(v4.text(family: .ipv4) == v4.ipAddress(family: .ipv4).description)
        }
    }

    @Test func wildcardsAreUnspecified() {
        #expect(KernelAddress.v4(0).isUnspecified)
        #expect(Self.address([0, 0, 0, 0, 0, 0, 0, 0]).isUnspecified)
        #expect(Self.address([0, 0, 0, 0, 0, 0xffff, 0, 0]).isUnspecified)
        #expect(!Self.address([0, 0, 0, 0, 0, 0, 0, 1]).isUnspecified)
        #expect(!KernelAddress.v4(0x7F00_0001).isUnspecified)
    }
}
