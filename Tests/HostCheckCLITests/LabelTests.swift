import Testing

/// End-to-end: `--label` scopes rules with `applies_to: labels`.
@Suite struct LabelTests {
    let pack = HostCheckRunner.fixture("packs/prod-only.yaml")
    let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")

    @Test func labelledHostIsInScope() throws {
        let run = try HostCheckRunner.run(["check", pack, "--capture", netstat, "--label", "env=prod"])
        #expect(run.status == 1, "stdout: \(run.stdout)")
    }

    @Test func otherLabelIsOutOfScope() throws {
        let run = try HostCheckRunner.run(["check", pack, "--capture", netstat, "--label", "env=dev", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"skip\""))
    }

    @Test func malformedLabelIsAUsageError() throws {
        #expect(try HostCheckRunner.run(["check", pack, "--capture", netstat, "--label", "prod"]).status == 64)
    }
}
