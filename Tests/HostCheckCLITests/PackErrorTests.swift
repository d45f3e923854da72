import Foundation
import Testing

/// End-to-end: pack problems are located, compiler-style, and hostile YAML is refused fast.
@Suite struct PackErrorTests {
    @Test func lintReportsEveryMistakeWithLocation() throws {
        let run = try HostCheckRunner.run([
            "lint", HostCheckRunner.fixture("packs/three-mistakes.yaml"), HostCheckRunner.fixture("packs/bad-indentation.yaml"),
        ])
        #expect(run.status == 65)
        let errors = run.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.contains { $0.contains("three-mistakes.yaml:7:") && $0.lowercased().contains("cidr") })
        #expect(errors.contains { $0.contains("three-mistakes.yaml:10:5:") && $0.contains("slect") })
        #expect(errors.contains { $0.contains("bad-indentation.yaml:8:") })
    }

    @Test func checkWithAnInvalidPackExits65() throws {
        let run = try HostCheckRunner.run([
            "check", HostCheckRunner.fixture("packs/three-mistakes.yaml"),
            "--capture", HostCheckRunner.fixture("windows/netstat-ano-3691.txt"),
        ])
        #expect(run.status == 65)
        #expect(run.stderr.contains("three-mistakes.yaml:10:5: error:"))
    }

    @Test(arguments: [
        ("alias-bomb", PackErrorTests.aliasBomb()),
        ("complex-key", "? [a, b]\n: x\n"),
        ("merge-key", "base: &b {x: 1}\nother:\n  <<: *b\n"),
        ("deep", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"),
    ])
    func hostileYAMLIsRefusedQuickly(name: String, text: String) throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let file = directory.appendingPathComponent("\(name).yaml")
        try Data(text.utf8).write(to: file)
        let clock = ContinuousClock()
        var run: HostCheckRun?
        let elapsed = try clock.measure { run = try HostCheckRunner.run(["lint", file.path]) }
        #expect(run?.status == 65)
        #expect(run?.stdout.contains("\(name).yaml:") == true)
        #expect(elapsed < .seconds(2))
        #expect((run?.stdout.count ?? 0) < 4_000, "messages must not echo the input")
    }

    /// A 1 KB billion-laughs document.
    static func aliasBomb() -> String {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        return text
    }
}
