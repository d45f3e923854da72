import Foundation
import Testing

/// End to end: bundles in the format `scripts/capture-windows.ps1` writes (fixtures written by
/// hand, byte for byte as PowerShell 5.1 and 7 write them), a `signer` rule, and the built-in
/// RPC and RDP rules on PowerShell's `svchost` (docs/captures.md, "Owner identity on Windows").
@Suite struct WindowsIdentityCLITests {
    static let signerPack = HostCheckRunner.fixture("packs/magaya-signer.yaml")

    static func bundle(_ name: String) -> String {
        HostCheckRunner.fixture("windows-identity/\(name)")
    }

    /// A valid Magaya signature passes; an unsigned or self-signed magaya.exe fails; every
    /// hostile variant of the signed bundle is unknown or fail, never pass.
    @Test(arguments: [
        ("magaya-signed", Int32(0), "1 pass"),
        ("magaya-signed-ps7", 0, "1 pass"),
        ("magaya-unsigned", 1, "magaya.exe (pid 2044), expected signer Magaya Corporation"),
        ("magaya-unsigned-ps7", 1, "magaya.exe (pid 2044), expected signer Magaya Corporation"),
        ("magaya-self-signed", 1, "expected signer Magaya Corporation"),
        ("magaya-unelevated", 2, "pid 2044 (MagayaNetworkService.exe): signer unknown; a signature row"),
        ("hostile-two-paths", 2, "win32-process.csv:8: warning: pid 2044 is path"),
        ("hostile-signature-other-path", 2, "owner unknown (sources-disagree)"),
        ("hostile-signature-no-socket", 1, "signatures.csv:5: warning: pid 3000 owns no socket"),
        ("hostile-short-row", 2, "signatures.csv:4: warning: csv row of the signature export has 4 fields"),
        ("hostile-short-row", 2, "pid 2044 (magaya.exe): signer unknown; a signature row"),
        ("hostile-open-quote", 2, "signatures.csv:4: warning: line not understood as a csv row"),
        ("hostile-huge-pid", 2, "signatures.csv:4: warning: ProcessId is no Windows process id"),
        ("hostile-cut-last-row", 2, "signatures.csv:4: warning: the signature export ends inside its last row"),
    ])
    func signerRule(_ bundle: String, _ status: Int32, _ text: String) throws {
        let run = try HostCheckRunner.run(["check", Self.signerPack, "--rule", "magaya-3691-signer", "--capture", Self.bundle(bundle)])
        #expect(run.status == status, "\(bundle): \(run.stdout) \(run.stderr)")
        #expect(run.stdout.contains(text), "\(bundle): \(run.stdout)")
    }

    @Test func theFixturePackExamplesPass() throws {
        let run = try HostCheckRunner.run(["test", Self.signerPack])
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        #expect(run.stdout.contains("14 passed, 0 failed"))
    }

    @Test func powerShellSvchostPassesTheBuiltinRPCAndRDPRules() throws {
        let run = try HostCheckRunner.run([
            "check", "--capture", Self.bundle("svchost-powershell"), "--rule", "rpc-endpoint-mapper-owner", "--rule", "rdp-owner",
            "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        #expect(run.stdout.contains("\"pass\": 2") || run.stdout.contains("\"pass\":2"), "\(run.stdout)")
    }

    @Test func theBundleFilesAreWrittenAsPowerShellWritesThem() throws {
        for (bundle, bom) in [("magaya-signed", true), ("magaya-signed-ps7", false)] {
            for file in ["win32-process.csv", "signatures.csv"] {
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.bundle(bundle) + "/" + file)))
                #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]) == bom, "\(bundle)/\(file)")
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(text.contains("\"\r\n\""), "CRLF between quoted rows: \(bundle)/\(file)")
                #expect(!text.contains("#TYPE"))
            }
        }
    }

    /// The fixtures follow the script: the files it names, the properties it selects in their
    /// order (the header), and the command lines it records in `host.json`.
    @Test func theFixturesHaveTheScriptsFilesHeadersAndCommands() throws {
        let script = try String(
            contentsOf: HostCheckRunner.packageRoot.appendingPathComponent("scripts/capture-windows.ps1"), encoding: .utf8)
        let win32Command = "Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,Name,ExecutablePath,CommandLine"
            + " | Export-Csv -NoTypeInformation -Encoding UTF8"
        for expected in [
            "'win32-process.csv'", "'signatures.csv'", "$win32Process = '\(win32Command)'",
            "Select-Object ProcessId, ParentProcessId, Name, ExecutablePath, CommandLine",
            "ProcessId     = $owner", "Path          = $path", "SHA256        =", "Status        =", "SignerSubject =",
        ] {
            #expect(script.contains(expected), "the script no longer has \(expected)")
        }
        let bundle = Self.bundle("magaya-signed")
        let win32 = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bundle + "/win32-process.csv")))
        let signatures = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bundle + "/signatures.csv")))
        let host = try String(contentsOfFile: bundle + "/host.json", encoding: .utf8)
        #expect(win32.starts(with: Array("\u{FEFF}\"ProcessId\",\"ParentProcessId\",\"Name\",\"ExecutablePath\",\"CommandLine\"\r\n".utf8)))
        #expect(signatures.starts(with: Array("\u{FEFF}\"ProcessId\",\"Path\",\"SHA256\",\"Status\",\"SignerSubject\"\r\n".utf8)))
        #expect(host.contains("\"command\":  \"\(win32Command)\""))
    }
}
