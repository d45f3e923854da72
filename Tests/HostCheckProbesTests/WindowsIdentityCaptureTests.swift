import HostCheckCore
import Testing
@testable import HostCheckProbes

/// The Win32_Process and signature exports of `scripts/capture-windows.ps1`, and their join
/// to the sockets by PID (docs/captures.md, "Owner identity on Windows").
@Suite("Windows owner identity captures")
struct WindowsIdentityCaptureTests {
    static let win32Header = "\"ProcessId\",\"ParentProcessId\",\"Name\",\"ExecutablePath\",\"CommandLine\"\r\n"
    static let signatureHeader = "\"ProcessId\",\"Path\",\"SHA256\",\"Status\",\"SignerSubject\"\r\n"
    static let hash = String(repeating: "AB12", count: 16)
    static let netstat = rows(
        "", "Active Connections", "", "  Proto  Local Address          Foreign Address        State           PID",
        "  TCP    0.0.0.0:3691           0.0.0.0:0              LISTENING       2044")

    /// The lines, each ended by CRLF as Export-Csv writes them.
    static func rows(_ lines: String...) -> String {
        lines.map { $0 + "\r\n" }.joined()
    }

    static func snapshot(_ files: [(name: String, text: String)]) -> Snapshot {
        let parsed = files.map { CaptureFixtures.parse($0.text, name: $0.name) }
        return SnapshotAssembler.assemble(parsed, hostName: nil, fallbackName: "h")
    }

    @Test(arguments: [
        (win32Header, "windows-win32-process-csv"),
        ("\u{FEFF}" + win32Header + "\"4\",\"0\",\"System\",,\r\n", "windows-win32-process-csv"),
        ("#TYPE Selected.Microsoft.Management.Infrastructure.CimInstance\r\n" + win32Header, "windows-win32-process-csv"),
        (signatureHeader, "windows-authenticode-csv"),
        ("\"Id\",\"ProcessName\",\"Path\"\r\n\"4\",\"System\",\r\n", "powershell-csv"),
        ("\"Image Name\",\"PID\",\"Session Name\",\"Session#\",\"Mem Usage\"\r\n\"a.exe\",\"8\",\"Services\",\"0\",\"8 K\"\r\n", "windows-tasklist-csv"),
        // Data rows alone look like tasklist rows (five quoted fields, a numeric second one).
        ("\"912\",\"700\",\"svchost.exe\",\"C:\\x\\svchost.exe\",\"svchost -k\"\r\n", "windows-tasklist-csv"),
    ])
    func recognisedByTheHeaderOnly(_ text: String, _ format: String) {
        #expect(CaptureFormatTests.recognise(text) == format)
    }

    @Test func win32ProcessRowsGiveParentPathAndCommandLine() throws {
        let text = "\u{FEFF}" + Self.win32Header + Self.rows(
            #""4","0","System",,"#,
            #""2044","700","magaya.exe","C:\Magaya\magaya.exe","""C:\Magaya\magaya.exe"" --service""#,
            #""3100","700","other.exe",,"#)
        let parsed = CaptureFixtures.parse(text, name: "w.csv")
        #expect(parsed.source.format == "windows-win32-process-csv")
        let processes = try #require(parsed.processes?.processes)
        #expect(processes.map(\.pid) == [4, 2044, 3100])
        #expect(processes[1].ppid == 700)
        #expect(processes[1].path == "C:\\Magaya\\magaya.exe")
        #expect(processes[1].cmdline == "\"C:\\Magaya\\magaya.exe\" --service")
        #expect(processes[1].source == SourceLocation(file: "w.csv", line: 3))
        #expect(processes[2].path == nil, "another user's process: the path is unknown, never guessed")
        #expect(parsed.processes?.diagnostics.isEmpty == true)
        #expect(parsed.processes?.decorationLines == 1, "the header")
    }

    @Test func aCommandLineWithLineBreaksIsOneRowAndCannotForgeAnother() throws {
        // A process chooses its command line; Export-Csv doubles its quotes, so the lines inside
        // it never read as rows, and the row after it keeps its own line number.
        let text = Self.win32Header + Self.rows(
            #""3100","700","evil.exe","C:\Users\Public\evil.exe","evil"#,
            #"""2044"",""700"",""magaya.exe"",""C:\Magaya\magaya.exe"",""x"""#,
            #"2044,700,magaya.exe,C:\Magaya\magaya.exe,x""#,
            #""912","700","svchost.exe","C:\Windows\system32\svchost.exe","#)
        let parsed = CaptureFixtures.parse(text, name: "w.csv")
        let processes = try #require(parsed.processes?.processes)
        #expect(processes.map(\.pid) == [3100, 912])
        #expect(processes[0].cmdline?.hasPrefix("evil\n\"2044\"") == true)
        #expect(processes[1].source.line == 5)
    }

    @Test(arguments: [
        ("\"2044\",\"700\",\"magaya.exe\"\r\n", "has 3 fields, the header 5"),
        ("\"2044\",\"700\",\"magaya.exe\",\"C:\\Magaya\\magaya.exe\",\"open\r\n", "open quote"),
        ("\"99999999999999992044\",\"700\",\"magaya.exe\",\"C:\\m.exe\",\r\n", "no Windows process id"),
        ("\"4294967296\",\"700\",\"magaya.exe\",\"C:\\m.exe\",\r\n", "no Windows process id"),
        ("2044,700,magaya.exe,C:\\m.exe,x\r\n", "unquoted value"),
        ("\"2044\",\"700\",\"magaya.exe\",\"C:\\m.exe\",", "no line end"),
    ])
    func anUnreadableRowIsAWarningAtItsLineAndNoProcess(_ row: String, _ message: String) throws {
        let parsed = CaptureFixtures.parse(Self.win32Header + row, name: "w.csv")
        #expect(parsed.processes?.processes.isEmpty == true)
        let warning = try #require(parsed.processes?.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains(message), "\(warning.message)")
        #expect(warning.location == SourceLocation(file: "w.csv", line: 2))
    }

    @Test func signatureRowsGiveHashStatusAndSubject() throws {
        let text = Self.signatureHeader + Self.rows(
            #""2044","C:\Magaya\magaya.exe",""# + Self.hash + #"","Valid","CN=Magaya Corporation, O=Magaya Corporation""#,
            #""3100","C:\Users\Public\tool.exe",""# + Self.hash + #"","2","#,
            #""3101","C:\Users\Public\tool.exe","not-a-hash","NotSigned","#)
        let parsed = CaptureFixtures.parse(text, name: "s.csv")
        #expect(parsed.source.format == "windows-authenticode-csv")
        let processes = try #require(parsed.processes?.processes)
        #expect(processes.count == 3)
        #expect(processes[0].identity.sha256 == Self.hash.lowercased())
        #expect(processes[0].identity.signatureStatus == "Valid")
        #expect(processes[0].identity.signer == "CN=Magaya Corporation, O=Magaya Corporation")
        #expect(processes[0].name == nil, "a signature row names a file, not the process")
        #expect(processes[1].identity.signatureStatus == "NotSigned", "ConvertTo-Json 5.1 writes the enum's number")
        #expect(processes[1].identity.signer == nil)
        #expect(processes[2].identity.sha256 == nil)
        #expect(parsed.processes?.diagnostics.map(\.location?.line) == [4])
    }

    @Test func theJoinFillsTheOwnerFromEverySource() throws {
        let snapshot = Self.snapshot([
            ("netstat.txt", Self.netstat),
            ("tasklist.csv", "\"magaya.exe\",\"2044\",\"Services\",\"0\",\"8 K\"\r\n"),
            ("w.csv", Self.win32Header + "\"2044\",\"700\",\"magaya.exe\",\"C:\\Magaya\\magaya.exe\",\"magaya --service\"\r\n"),
            ("s.csv", Self.signatureHeader
                + "\"2044\",\"C:\\MAGAYA\\Magaya.exe\",\"\(Self.hash)\",\"Valid\",\"CN=Magaya Corporation\"\r\n"),
        ])
        let process = try #require(snapshot.processes.first { $0.pid == 2044 })
        #expect(process.name == "magaya.exe")
        #expect(process.ppid == 700)
        #expect(process.path == "C:\\Magaya\\magaya.exe")
        #expect(process.cmdline == "magaya --service")
        #expect(process.identity.sha256 == Self.hash.lowercased())
        #expect(process.identity.signatureStatus == "Valid")
        #expect(process.identity.signer == "CN=Magaya Corporation")
        #expect(snapshot.sockets.allSatisfy { $0.ownership == .owned })
        #expect(snapshot.problems.isEmpty, "\(snapshot.problems)")
    }

    @Test(arguments: [
        // Win32_Process and the signature row name different files for one PID (PID reuse).
        [("w.csv", win32Header + "\"2044\",\"700\",\"magaya.exe\",\"C:\\Magaya\\magaya.exe\",\r\n"),
         ("s.csv", signatureHeader + "\"2044\",\"C:\\Users\\Public\\magaya.exe\",\"\(hash)\",\"Valid\",\"CN=Magaya Corporation\"\r\n")],
        // Two Win32_Process rows for one PID with different paths.
        [("w.csv", win32Header + "\"2044\",\"700\",\"magaya.exe\",\"C:\\Magaya\\magaya.exe\",\r\n"
            + "\"2044\",\"700\",\"magaya.exe\",\"C:\\Temp\\magaya.exe\",\r\n")],
        // tasklist names another image than the path.
        [("tasklist.csv", "\"python.exe\",\"2044\",\"Services\",\"0\",\"8 K\"\r\n"),
         ("w.csv", win32Header + "\"2044\",\"700\",\"magaya.exe\",\"C:\\Magaya\\magaya.exe\",\r\n")],
        // Two signature rows for one PID with different hashes.
        [("s.csv", signatureHeader
            + "\"2044\",\"C:\\Magaya\\magaya.exe\",\"\(hash)\",\"Valid\",\"CN=Magaya Corporation\"\r\n"
            + "\"2044\",\"C:\\Magaya\\magaya.exe\",\"\(String(repeating: "0", count: 64))\",\"NotSigned\",\r\n")],
    ])
    func disagreeingRecordsOfOnePidLeaveItsSocketsOwnerUnknown(_ files: [(String, String)]) throws {
        let snapshot = Self.snapshot([("netstat.txt", Self.netstat)] + files.map { (name: $0.0, text: $0.1) })
        let socket = try #require(snapshot.sockets.first)
        #expect(socket.ownership == .unknown)
        #expect(socket.ownershipReason == .sourcesDisagree)
        let warning = try #require(snapshot.problems.first { $0.message.contains("pid 2044") })
        #expect(warning.location?.line != nil, "located at the second record")
    }

    @Test func getProcessAndTasklistNameTheSameImage() throws {
        let snapshot = Self.snapshot([
            ("netstat.txt", Self.netstat),
            ("tasklist.csv", "\"svchost.exe\",\"2044\",\"Services\",\"0\",\"8 K\"\r\n"),
            ("p.csv", "\"Id\",\"ProcessName\",\"Path\"\r\n\"2044\",\"svchost\",\"C:\\Windows\\system32\\svchost.exe\"\r\n"),
        ])
        #expect(snapshot.sockets.first?.ownership == .owned)
        #expect(snapshot.processes.first { $0.pid == 2044 }?.path == "C:\\Windows\\system32\\svchost.exe")
        #expect(snapshot.problems.isEmpty)
    }

    @Test func aSignatureRowForAPidWithoutASocketIsReported() throws {
        let snapshot = Self.snapshot([
            ("netstat.txt", Self.netstat),
            ("s.csv", Self.signatureHeader
                + "\"3000\",\"C:\\Magaya\\magaya.exe\",\"\(Self.hash)\",\"Valid\",\"CN=Magaya Corporation\"\r\n"),
        ])
        let warning = try #require(snapshot.problems.first)
        #expect(warning.message.contains("pid 3000 owns no socket"))
        #expect(warning.location == SourceLocation(file: "s.csv", line: 2))
        #expect(snapshot.processes.first { $0.pid == 2044 } == nil, "nothing joins the listener to that row")
    }
}

/// Whether two records of one PID name the same image (``ProcessImage/agree(_:_:)``).
@Suite struct ProcessImageAgreementTests {
    static func record(_ name: String?, cut: Bool = false, path: String? = nil) -> ProcessFact {
        ProcessFact(pid: 1, name: name, nameTruncated: cut, path: path, source: SourceLocation(file: "c", line: 1))
    }

    @Test(arguments: [
        (record("svchost"), record("svchost.exe"), true),
        (record("SVCHOST.EXE"), record(nil, path: #"C:\Windows\system32\svchost.exe"#), true),
        (record("svchost"), record("svchost.exe.exe"), false),
        (record("magaya.exe"), record("magaya", path: #"C:\Python\python.exe"#), false),
        (record("averyveryverylongimagena", cut: true), record("averyveryverylongimagename.exe"), true),
        (record("svchost.e", cut: true), record("svchost"), true),
        (record("foo.e", cut: true), record("foobar.exe"), false),
        (record("svch", cut: true), record("svchost.e", cut: true), true),
        (record("svch", cut: true), record("plink.ex", cut: true), false),
        (record(nil), record("anything.exe"), true),
    ])
    func agreement(_ first: ProcessFact, _ second: ProcessFact, _ agree: Bool) {
        #expect(ProcessImage.agree(first, second) == agree)
        #expect(ProcessImage.agree(second, first) == agree)
    }
}
