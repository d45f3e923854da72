import Foundation
import Testing

/// `hostcheck --generate-completion-script bash|zsh|fish`: scripts that complete formats from the
/// registry, rule ids, pack files and paths (docs/cli.md, "Shell completion").
@Suite struct CompletionTests {
    /// Sources the bash script and runs its completion function for `words` (the last one is
    /// the word being completed), as bash does on TAB; the candidates, one per line.
    static func bashComplete(_ words: [String], in directory: URL? = nil) throws -> [String]? {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return nil }
        let binary = try HostCheckRunner.binary().path
        let script = try HostCheckRunner.run(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        let scratch = try HostCheckRunner.temporaryDirectory()
        let scriptFile = scratch.appendingPathComponent("hostcheck.bash")
        try script.stdout.write(to: scriptFile, atomically: true, encoding: .utf8)
        let driver = """
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
        _hostcheck "${COMP_WORDS[0]}" "${COMP_WORDS[$COMP_CWORD]}" "${COMP_WORDS[$((COMP_CWORD - 1))]}"
        printf '%s\\n' "${COMPREPLY[@]}"
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // The program word is the binary's path: custom completions run "${COMP_WORDS[0]}".
        process.arguments = ["-c", driver, "bash", scriptFile.path, binary] + words
        process.currentDirectoryURL = directory ?? HostCheckRunner.packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func formatCompletesTheRegistrysFormats() throws {
        guard let candidates = try Self.bashComplete(["check", "--format", ""]) else { return }
        let ids = RegistryDocumentationTests.registry.reporters.map(\.id)
        #expect(candidates == ids, "\(candidates)")
        #expect(candidates.contains("json") && candidates.contains("sarif") && candidates.contains("nagios"))
        #expect(try Self.bashComplete(["check", "--format", "s"]) == ["sarif"])
    }

    @Test func ruleCompletesRuleIDsOfTheNamedPacksElseTheBuiltInOnes() throws {
        guard let builtin = try Self.bashComplete(["check", "--rule", "magaya"]) else { return }
        #expect(builtin == ["magaya-3691-owner"], "\(builtin)")
        let named = try Self.bashComplete(["check", "rules/listener-allowlist.example.yaml", "--rule", ""]) ?? []
        #expect(named.contains("linux-listeners-allowlisted"), "\(named)")
        #expect(!named.contains("magaya-3691-owner"))
    }

    @Test func packArgumentsCompleteYAMLFilesAndDirectories() throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        for name in ["site.yaml", "other.yml", "notes.txt", "snap.json"] {
            try "x".write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("packs"), withIntermediateDirectories: true)
        guard let packs = try Self.bashComplete(["check", ""], in: directory) else { return }
        #expect(Set(packs).isSuperset(of: ["site.yaml", "other.yml", "packs"]), "\(packs)")
        #expect(!packs.contains("notes.txt"))
        let snapshots = try Self.bashComplete(["check", "--snapshot", ""], in: directory) ?? []
        #expect(snapshots.contains("snap.json") && !snapshots.contains("site.yaml"), "\(snapshots)")
        let fleets = try Self.bashComplete(["check", "--fleet", ""], in: directory) ?? []
        #expect(fleets == ["packs"], "\(fleets)")
    }

    @Test func valuesOfEnumeratedOptionsAndCommandsComplete() throws {
        guard let failOn = try Self.bashComplete(["check", "--fail-on", ""]) else { return }
        #expect(failOn == ["info", "low", "medium", "high", "critical"])
        #expect(try Self.bashComplete(["ch"]) == ["check"])
        #expect(try Self.bashComplete(["facts", "--fl"]) == [], "facts offers no --fleet")
    }

    @Test func fishCompletesTheFormats() throws {
        let fish = ["/usr/bin/fish", "/bin/fish", "/usr/local/bin/fish"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let fish else { return }
        let script = try HostCheckRunner.run(["--generate-completion-script", "fish"])
        let file = try HostCheckRunner.temporaryDirectory().appendingPathComponent("hostcheck.fish")
        try script.stdout.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: fish)
        process.arguments = ["--no-config", "-c", "source \(file.path); complete -C 'hostcheck check --format '"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let candidates = String(decoding: data, as: UTF8.self).split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
        #expect(candidates == RegistryDocumentationTests.registry.reporters.map(\.id), "\(candidates)")
    }

    @Test(arguments: ["zsh", "fish"])
    func otherShellsGetScriptsWithTheFormats(shell: String) throws {
        let run = try HostCheckRunner.run(["--generate-completion-script", shell])
        #expect(run.status == 0)
        #expect(run.stdout.contains("nagios") && run.stdout.contains("sarif"))
        #expect(run.stdout.contains("yaml"))
    }
}
