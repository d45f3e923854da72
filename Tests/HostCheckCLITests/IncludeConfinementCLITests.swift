import Foundation
import Testing

/// End-to-end: an include that leaves its pack's tree, or a file that is not a pack, is one
/// located error (exit 65) and nothing of the file reaches stdout or stderr.
@Suite struct IncludeConfinementCLITests {
    static let marker = "SECRETMARKER-c41d"

    /// `base/secret.txt` (shadow-like), `base/p/` the pack tree with `leak.yaml` -> `../secret.txt`.
    static func layout() throws -> URL {
        let base = try HostCheckRunner.temporaryDirectory()
        let tree = base.appendingPathComponent("p")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        try Data("root:$6$\(marker)$x:19000:0:99999:7:::\n".utf8).write(to: base.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent("leak.yaml").path, withDestinationPath: "../secret.txt")
        try Data("hostcheck: 1\npack: { id: near, version: '1' }\nrules: []\n".utf8).write(to: tree.appendingPathComponent("near.yaml"))
        return base
    }

    static func writePack(in base: URL, including reference: String) throws -> String {
        let path = base.appendingPathComponent("p/main.yaml")
        try Data("hostcheck: 1\npack: { id: main, version: '1' }\ninclude: [\"\(reference)\"]\nrules: []\n".utf8).write(to: path)
        return path.path
    }

    @Test(arguments: ["secret", "link", "dotdot"])
    func includesLeavingTheTreeExit65WithoutTheContents(kind: String) throws {
        let base = try Self.layout()
        let reference = ["secret": base.appendingPathComponent("secret.txt").path, "link": "leak.yaml", "dotdot": "../secret.txt"][kind] ?? ""
        let pack = try Self.writePack(in: base, including: reference)
        let capture = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")
        for arguments in [["lint", pack], ["check", pack, "--capture", capture]] {
            let run = try HostCheckRunner.run(arguments)
            #expect(run.status == 65, "\(arguments): \(run.stderr)")
            let output = run.stdout + run.stderr
            let errors = output.split(separator: "\n").filter { $0.contains(": error: ") && !$0.hasPrefix("hostcheck: error: ") }
            #expect(errors.count == 1, "\(output)")
            #expect(output.contains("main.yaml:3:11: error: include "), "\(output)")
            #expect(output.contains("widen with --include-root DIR"), "\(output)")
            #expect(!output.contains(Self.marker) && !output.contains("root:"), "\(output)")
        }
    }

    @Test func includeRootWidensAndBadRootIsAUsageError() throws {
        let base = try Self.layout()
        let rule = "  - id: no-telnet\n    select: { protocol: tcp, local_port: 23 }\n    expect: none\n"
        try Data("hostcheck: 1\npack: { id: far, version: '1' }\nrules:\n\(rule)".utf8).write(to: base.appendingPathComponent("far.yaml"))
        let pack = try Self.writePack(in: base, including: "../far.yaml")
        #expect(try HostCheckRunner.run(["lint", pack]).status == 65)
        let widened = try HostCheckRunner.run(["lint", "--include-root", base.path, pack])
        #expect(widened.status == 0, "\(widened.stdout)")
        let capture = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")
        let check = try HostCheckRunner.run(["check", pack, "--include-root", base.path, "--capture", capture])
        #expect(check.status == 0, "\(check.stderr)")
        let bad = try HostCheckRunner.run(["lint", "--include-root", base.appendingPathComponent("nope").path, pack])
        #expect(bad.status == 64, "\(bad.stderr)")
        let inside = try HostCheckRunner.run(["lint", try Self.writePack(in: base, including: "near.yaml")])
        #expect(inside.status == 0, "\(inside.stdout)")
    }

    @Test func aFileThatIsNotAPackGivenDirectlyIsOneErrorWithoutItsContents() throws {
        let base = try Self.layout()
        let secret = base.appendingPathComponent("secret.txt").path
        let binary = base.appendingPathComponent("blob.bin")
        try Data([0x7f, 0x45, 0x4c, 0x46, 0, 0xff] + Array(Self.marker.utf8) + [0, 0x0a]).write(to: binary)
        for file in [secret, binary.path] {
            let run = try HostCheckRunner.run(["lint", file])
            #expect(run.status == 65)
            let output = run.stdout + run.stderr
            #expect(output.contains("\(file): error: not a rule pack ("), "\(output)")
            #expect(output.split(separator: "\n").filter { $0.contains(": error: ") }.count == 1, "\(output)")
            #expect(!output.contains(Self.marker) && !output.contains("root:"), "\(output)")
        }
    }
}
