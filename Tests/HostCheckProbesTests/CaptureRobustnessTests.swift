import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// Untrusted captures never crash the probe, and every non-blank line of a parsed capture is a
/// fact, decoration or diagnostic.
@Suite("capture robustness")
struct CaptureRobustnessTests {
    /// A small deterministic generator (SplitMix64), so that failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    static let seeds = [
        "netstat-ano-3691.txt", "netstat-ano-3691.utf16le.txt", "tasklist-table.txt", "tasklist-quoted.csv",
        "languages/netstat-ano-ja.cp932.txt", "languages/netstat-ano-de.cp850.txt", "powershell/get-nettcpconnection.csv",
        "powershell/get-nettcpconnection.ps51.json", "unix/ss-tulpn.txt", "unix/lsof-i.txt", "unix/netstat-tulpn.txt",
        "unix/proc-net-tcp.txt", "unix/bsd-netstat-an.txt", "bundle-wh-berlin-02/host.json",
        "powershell/win32-process.ps51.csv", "powershell/signatures.ps7.csv",
    ]

    @Test(arguments: seeds)
    func mutatedCapturesNeverCrash(_ seed: String) throws {
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: CaptureFixtures.windows(seed))))
        var generator = Generator(state: UInt64(seed.utf8.count) &* 7919)
        let interesting: [UInt8] = [0x00, 0x0A, 0x0D, 0x20, 0x22, 0x2C, 0x3A, 0x5B, 0x5D, 0x25, 0x2A, 0xFF, 0xFE, 0xC3, 0x99]
        for _ in 0..<25 {
            var bytes = original
            for _ in 0...generator.below(8) where !bytes.isEmpty {
                let position = generator.below(bytes.count)
                switch generator.below(4) {
                case 0: bytes[position] = interesting[generator.below(interesting.count)]
                case 1: bytes.remove(at: position)
                case 2: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
                default: bytes.removeSubrange(position..<min(bytes.count, position + generator.below(40)))
                }
            }
            let parsed = ParsedCapture.parse(CaptureInput(file: seed, bytes: bytes))
            let snapshot = SnapshotAssembler.assemble([parsed], hostName: nil, fallbackName: "fuzz")
            let hasSomething = !snapshot.sockets.isEmpty || !snapshot.processes.isEmpty || !snapshot.diagnostics.isEmpty
                || parsed.bundleInfo != nil || Tokens.isBlank(Substring(String(decoding: bytes, as: UTF8.self)))
            #expect(hasSomething, "a mutated \(seed) gave an empty host without a diagnostic")
        }
    }

    @Test func randomBytesNeverCrash() {
        var generator = Generator(state: 42)
        for length in [1, 2, 3, 7, 64, 513, 4096] {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                let parsed = ParsedCapture.parse(CaptureInput(file: "random.bin", bytes: bytes))
                #expect(parsed.source.file == "random.bin")
            }
        }
    }

    @Test func diagnosticsNeverEchoMoreThanOneLine() throws {
        let hostile = "  TCP    0.0.0.0:1    0.0.0.0:0    LISTENING    1\nline\u{1B}[2J with escape\n\"a\nb\",\"1\"\n"
        let parsed = CaptureFixtures.parse(hostile)
        let diagnostics = (parsed.sockets?.diagnostics ?? []) + parsed.diagnostics
        #expect(diagnostics.allSatisfy { !$0.message.contains("\n") && !$0.message.contains("\u{1B}") })
    }
}
