import Foundation
import Testing

/// Command-line conventions (docs/cli.md): suggestions, help, values in help, ports, `--var`,
/// messages that say what happened, and which packs run.
@Suite struct CLIConventionTests {
    static let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")

    @Test(arguments: [
        (["chek"], "unknown command 'chek' (did you mean 'check'?)"),
        (["facs", "--listening"], "unknown command 'facs' (did you mean 'facts'?)"),
        (["frobnicate"], "unknown command 'frobnicate'; commands: check, facts"),
        (["help", "chek"], "help: no command 'chek' (did you mean 'check'?)"),
        (["help", "registry", "imprt"], "help: no command 'imprt' (did you mean 'import'?)"),
        (["help", "check", "extra"], "help: 'hostcheck check' has no sub-command 'extra'"),
    ])
    func unknownCommandsAreUsageErrorsWithASuggestion(arguments: [String], message: String) throws {
        let run = try HostCheckRunner.run(arguments)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test(arguments: [["help"], ["help", "check"], ["help", "registry", "import"]])
    func helpForACommandThatExistsIsExitZero(arguments: [String]) throws {
        let run = try HostCheckRunner.run(arguments)
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: hostcheck"))
    }

    @Test(arguments: [
        ["facts", "--capture", netstat, "--port", "70000"],
        ["facts", "--capture", netstat, "--port", "0"],
        ["facts", "--capture", netstat, "--port", "-1"],
        ["explain", "70000"],
        ["explain", "0"],
        ["explain", "65536/tcp"],
        ["check", "--capture", netstat, "--coverage", "ports=70000"],
    ])
    func portsOutsideOneTo65535AreUsageErrors(arguments: [String]) throws {
        let run = try HostCheckRunner.run(arguments)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func portMessagesSayTheRange() throws {
        let run = try HostCheckRunner.run(["facts", "--capture", Self.netstat, "--port", "70000"])
        #expect(run.stderr.contains("--port '70000' is not a port: give a number from 1 to 65535"), "\(run.stderr)")
        #expect(try HostCheckRunner.run(["facts", "--capture", Self.netstat, "--port", "65535"]).status == 0)
        #expect(try HostCheckRunner.run(["explain", "1/udp"]).status == 0)
    }

    @Test(arguments: [["check", "--capture", netstat], ["lint"], ["test"], ["explain", "3691"]])
    func aVarWithoutAValueIsAUsageError(arguments: [String]) throws {
        for value in ["novalue", "=x", ".name=x", "pack.=x"] {
            let run = try HostCheckRunner.run(arguments + ["--var", value])
            #expect(run.status == 64, "\(value): \(run.stderr)")
            #expect(run.stderr.contains("--var takes PACK.NAME=VALUE or NAME=VALUE"), "\(run.stderr)")
        }
    }

    @Test func factsOffersNoFleetThatWouldFail() throws {
        let facts = try HostCheckRunner.run(["facts", "--help"])
        #expect(facts.status == 0)
        #expect(!facts.stdout.contains("--fleet"))
        #expect(try HostCheckRunner.run(["check", "--help"]).stdout.contains("--fleet <dir>"))
        let given = try HostCheckRunner.run(["facts", "--fleet", "x"])
        #expect(given.status == 64)
        #expect(given.stderr.contains("facts reads one host"))
    }

    @Test func optionHelpListsTheValues() throws {
        let help = try HostCheckRunner.run(["check", "--help"]).stdout
            .replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        for words in [
            "(values: auto, always, never; default: auto)",
            "--fail-on <severity> Exit 1 only for fails of this severity or above. (values: info, low, medium, high, critical)",
            "--min-severity <severity> Only rules of this severity or above. (values: info, low, medium, high, critical)",
            "automatic (netlink, falling back to /proc/net), netlink or procfs",
            "10 with --format nagios alone",
        ] {
            #expect(help.contains(words), "\(words)")
        }
        let facts = try HostCheckRunner.run(["facts", "--help"]).stdout
            .replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        #expect(facts.contains("(values: table, json; default: table)"), "\(facts)")
    }

    @Test func aPackWithNoRulesSaysSoOnce() throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let pack = directory.appendingPathComponent("empty.yaml")
        try "hostcheck: 1\npack:\n  id: empty\n  version: 1.0.0\nrules: []\n".write(to: pack, atomically: true, encoding: .utf8)
        let run = try HostCheckRunner.run(["check", pack.path, "--capture", Self.netstat])
        #expect(run.status == 64)
        #expect(run.stderr == "hostcheck: error: no rule to evaluate: the packs loaded (\(pack.path)) hold no rule\n")
        let filtered = try HostCheckRunner.run(["check", pack.path, "--capture", Self.netstat, "--tag", "x"])
        #expect(filtered.status == 64)
        #expect(!filtered.stderr.contains("after the filters"))
    }

    @Test func aFilterThatSelectsNothingIsSaidOnce() throws {
        let run = try HostCheckRunner.run(["check", "--capture", Self.netstat, "--min-severity", "critical", "--tag", "freight"])
        #expect(run.status == 64)
        let said = run.stderr.components(separatedBy: "no rule left after the filters").count - 1
        #expect(said <= 1, "\(run.stderr)")
    }
}

/// Which packs run: the built-in packs unless packs are named; templates only when named.
@Suite struct PackSelectionTests {
    /// A directory holding `rules/` with a pack of its own and a broken template.
    static func repository() throws -> URL {
        let directory = try HostCheckRunner.temporaryDirectory()
        let rules = directory.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try """
        hostcheck: 1
        pack:
          id: local
          version: 1.0.0
        rules:
          - id: local-only-rule
            severity: high
            select: { local_port: 3691 }
            expect: none
        """.write(to: rules.appendingPathComponent("local.yaml"), atomically: true, encoding: .utf8)
        try "hostcheck: 1\npack: [this is a template, not a pack\n"
            .write(to: rules.appendingPathComponent("copy-me.example.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func withNoPackTheBuiltInPacksRunNotTheCurrentDirectorysRules() throws {
        let directory = try Self.repository()
        let list = try HostCheckRunner.run(["list", "rules"], in: directory)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("magaya-network/magaya-3691-owner"))
        #expect(!list.stdout.contains("local-only-rule"))
        let check = try HostCheckRunner.run(
            ["check", "--capture", CLIConventionTests.netstat, "--format", "json"], in: directory)
        #expect(!check.stdout.contains("local-only-rule"))
        #expect(check.stdout.contains("\"builtin:magaya-network.yaml\""), "\(check.stdout.prefix(400))")
        let named = try HostCheckRunner.run(["list", "rules", "rules/"], in: directory)
        #expect(named.stdout.contains("local/local-only-rule"), "\(named.stderr)")
        #expect(!named.stdout.contains("magaya-network/"))
    }

    @Test(arguments: [
        ["lint"], ["test"], ["list", "rules"], ["explain", "3691"], ["check", "--capture", CLIConventionTests.netstat],
    ])
    func aTemplateIsSkippedInADirectoryAndReadWhenNamed(command: [String]) throws {
        let directory = try Self.repository()
        let inDirectory = try HostCheckRunner.run(command + ["rules/"], in: directory)
        #expect(![64, 65, 66, 70].contains(inDirectory.status), "\(command): \(inDirectory.stderr)")
        #expect(!inDirectory.stderr.contains("copy-me.example.yaml") && !inDirectory.stdout.contains("copy-me.example.yaml"))
        let named = try HostCheckRunner.run(command + ["rules/", "rules/copy-me.example.yaml"], in: directory)
        #expect(named.status == 65, "\(command): \(named.stderr)")
        #expect((named.stderr + named.stdout).contains("copy-me.example.yaml"))
    }
}
