import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite("windows tasklist")
struct WindowsTasklistTests {
    @Test func csvBindsByPositionAndKeepsQuotedCommas() throws {
        let parsed = try CaptureFixtures.snapshot(["tasklist-quoted.csv"])
        #expect(parsed.processes.map(\.pid) == [812])
        #expect(parsed.processes.first?.name == "odd \"name\", with comma.exe")
        #expect(parsed.processes.first?.source.line == 2)
        #expect(parsed.problems.map(\.location?.line) == [3])
        #expect(parsed.host.sources.map(\.format) == ["windows-tasklist-csv"])
    }

    @Test(arguments: ["tasklist-nc64.csv", "tasklist-nc64-nh.csv", "tasklist-nc64.utf16le.csv", "tasklist-table.txt"])
    func listsTheSameProcesses(_ fixture: String) throws {
        let snapshot = try CaptureFixtures.snapshot([fixture])
        #expect(snapshot.problems.isEmpty)
        let byPID = snapshot.processesByPID()
        #expect(byPID[6120]?.name == "nc64.exe")
        #expect(byPID[3312]?.name == "TeamViewer_Service.exe")
        #expect(byPID[0]?.name == "System Idle Process")
        #expect(byPID[4]?.kernel == true)
        #expect(snapshot.processes.filter(\.kernel).map(\.pid) == [4])
    }

    @Test func tableSlicesByTheRulerAndMarksTruncatedNames() throws {
        let snapshot = try CaptureFixtures.snapshot(["tasklist-table.txt"])
        #expect(snapshot.processes.count == 8)
        let byPID = snapshot.processesByPID()
        #expect(byPID[7004]?.name == "MagayaNetworkServiceHost.")
        #expect(byPID[7004]?.nameTruncated == true)
        #expect(byPID[7420]?.name == "NVIDIA Web Helper.exe")
        #expect(byPID[7420]?.nameTruncated == false)
        #expect(byPID[6120]?.source.line == 9)
        #expect(snapshot.host.sources.map(\.format) == ["windows-tasklist-table"])
    }

    @Test func svcTableJoinsWrappedServiceLists() throws {
        let text = """
        Image Name                     PID Services
        ========================= ======== ============================================
        System                           4 N/A
        svchost.exe                    988 BrokerInfrastructure, DcomLaunch, PlugPlay,
                                           Power, SystemEventsBroker
        svchost.exe                   1012 RpcEptMapper, RpcSs

        """
        let tasklist = try #require(CaptureFixtures.parse(text).processes)
        #expect(tasklist.diagnostics.isEmpty)
        #expect(tasklist.processes.map(\.services) == [
            [], ["BrokerInfrastructure", "DcomLaunch", "PlugPlay", "Power", "SystemEventsBroker"], ["RpcEptMapper", "RpcSs"],
        ])
        // `N/A` is "hosts no service", not "services not captured".
        #expect(tasklist.processes.map(\.servicesListed) == [true, true, true])
    }

    @Test func aDefaultTasklistDoesNotListServices() throws {
        let tasklist = try #require(CaptureFixtures.parse("\"nc64.exe\",\"6120\",\"Console\",\"1\",\"4,312 K\"\n").processes)
        #expect(tasklist.processes.map(\.servicesListed) == [false])
        let svc = try #require(CaptureFixtures.parse("\"nc64.exe\",\"6120\",\"N/A\"\n").processes)
        #expect(svc.processes.map(\.services) == [[]])
        #expect(svc.processes.map(\.servicesListed) == [true])
    }

    @Test func wideHeaderCharactersCountTwoColumns() throws {
        let text = "映像名称                       PID 会话名              会话#       内存使用\n"
            + "========================= ======== ================ =========== ============\n"
            + "Secure System                   64 Services                   0     38,704 K\n"
        let tasklist = try #require(CaptureFixtures.parse(text).processes)
        #expect(tasklist.processes.map(\.name) == ["Secure System"])
        #expect(tasklist.decorationLines == 2)
        #expect(tasklist.diagnostics.isEmpty)
    }

    @Test func listFormatBindsBlocksByPosition() throws {
        let text = """
        C:\\Users\\ops>tasklist /fo list

        Nom de l’image:      explorer.exe
        PID:                 7116
        Nom de la session:   Console
        Numéro de session:   1
        Utilisation mémoire: 72 008 Ko

        Image Name:   svchost.exe
        PID:          988
        Services:     BrokerInfrastructure
                      DcomLaunch

        Image Name:   broken.exe
        PID:          not-a-number
        Session Name: Console
        """
        let parsed = CaptureFixtures.parse(text)
        #expect(parsed.source.format == "windows-tasklist-list")
        let tasklist = try #require(parsed.processes)
        #expect(tasklist.processes.map(\.pid) == [7116, 988])
        #expect(tasklist.processes.map(\.name) == ["explorer.exe", "svchost.exe"])
        #expect(tasklist.processes.map(\.source.line) == [3, 9])
        #expect(tasklist.processes.last?.services == ["BrokerInfrastructure", "DcomLaunch"])
        #expect(tasklist.diagnostics.map(\.location?.line) == [14, 15, 16])
    }

    @Test func rowsWithoutHeaderAndRulerUseTheDefaultWidths() throws {
        let text = "Registry                       132 Services                   0     37,948 K Unknown         N/A\n"
            + "A Name With Spaces.exe         504 Services                   0        940 K Unknown         N/A\n"
            + "\n-- More --\n"
        let tasklist = try #require(CaptureFixtures.parse(text).processes)
        #expect(tasklist.processes.map(\.name) == ["Registry", "A Name With Spaces.exe"])
        #expect(tasklist.processes.map(\.pid) == [132, 504])
        #expect(tasklist.diagnostics.map(\.severity) == [.note])
    }
}

