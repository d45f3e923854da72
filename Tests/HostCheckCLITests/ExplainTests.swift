import Foundation
import Testing

/// End-to-end: `explain` names what packs and the port registry know.
@Suite struct ExplainTests {
    static let ianaCSV = HostCheckRunner.packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/data/iana/service-names-port-numbers.csv").path
    static var haveIANA: Bool { FileManager.default.fileExists(atPath: ianaCSV) }

    @Test func namesThePackServiceAndRule() throws {
        let run = try HostCheckRunner.run(["explain", "3691"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("magaya-network"))
        #expect(run.stdout.contains("rule magaya-3691-owner"))
    }

    @Test(.enabled(if: ExplainTests.haveIANA, "needs ../shared/data/iana"))
    func namesTheIANARegistration() throws {
        let run = try HostCheckRunner.run(["explain", "3691/tcp", "--port-registry", ExplainTests.ianaCSV])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Magaya Network Port"))
        #expect(run.stdout.contains("registered 2003-02"))
    }

    @Test(.enabled(if: ExplainTests.haveIANA, "needs ../shared/data/iana"))
    func importedRegistryIsUsedByDefault() throws {
        let data = try HostCheckRunner.temporaryDirectory()
        let environment = ["XDG_DATA_HOME": data.path]
        let imported = try HostCheckRunner.run(["registry", "import", ExplainTests.ianaCSV], environment: environment)
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("hostcheck/port-registry.csv").path))
        let run = try HostCheckRunner.run(["explain", "3691"], environment: environment)
        #expect(run.stdout.contains("Magaya Network Port"))
    }

    @Test(arguments: ["70000", "abc", "22/sctp"])
    func badPortIsAUsageError(argument: String) throws {
        #expect(try HostCheckRunner.run(["explain", argument]).status == 64)
    }

    @Test func importRefusesAFileThatIsNotTheIANACSV() throws {
        let data = try HostCheckRunner.temporaryDirectory()
        let run = try HostCheckRunner.run(
            ["registry", "import", HostCheckRunner.fixture("windows/tasklist-nc64.csv")], environment: ["XDG_DATA_HOME": data.path])
        #expect(run.status == 65)
    }
}
