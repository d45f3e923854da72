import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite("capture format recognition")
struct CaptureFormatTests {
    static let formats = CaptureFormatCatalog.builtin

    static func recognise(_ text: String) -> String? {
        FormatRecognizer.recognise(CaptureText.splitLines(text), among: formats)?.id
    }

    @Test(arguments: [
        ("\r\nActive Connections\r\n\r\n  Proto  Local Address  Foreign Address  State\r\n", "windows-netstat"),
        ("  TCP    0.0.0.0:3691     0.0.0.0:0     ABHÖREN     6120\n", "windows-netstat"),
        ("Titel\n  X  Y  Z\n  UDP    [::]:500    *:*    \n", "windows-netstat"),
        ("映像名称                       PID\n========================= ========\nSystem  4\n", "windows-tasklist-table"),
        ("\"node.exe\",\"1234\",\"Console\",\"1\",\"50,000 K\"\n", "windows-tasklist-csv"),
        ("\"Nom de l’image\",\"PID\",\"Nom de la session\",\"Numéro de session\",\"Utilisation de la mémoire\"\n\"a.exe\",\"8\",\"Services\",\"0\",\"8 Ko\"\n", "windows-tasklist-csv"),
        ("Nom de l’image:      explorer.exe\nPID:                 7116\n", "windows-tasklist-list"),
        ("smss.exe                       504 Services                   0        940 K Unknown\n", "windows-tasklist-table"),
        ("State  Recv-Q  Send-Q  Local Address:Port  Peer Address:Port\n", "linux-ss"),
        ("Netid  State  Recv-Q  Send-Q  Local Address:Port  Peer Address:Port\n", "linux-ss"),
        ("Proto Recib Enviad Dirección local Dirección remota Estado\ntcp        0      0 0.0.0.0:22   0.0.0.0:*   ESCUCHAR\n", "linux-netstat"),
        ("COMMAND   PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\n", "lsof"),
        ("  sl  local_address rem_address   st tx_queue rx_queue\n", "proc-net"),
        ("{\n    \"Id\":  16828\n}\n", "json"),
        ("{\n    \"Id\":  16828,\n    \"ProcessName\":  \"Notepad\"\n}\n", "powershell-json"),
        ("#TYPE Microsoft.Management.Infrastructure.CimInstance\n", "powershell-csv"),
        ("LocalAddress  LocalPort RemoteAddress RemotePort State\n------------  --------- ------------- ---------- -----\n", "powershell-table"),
        ("Active Internet connections\nProto Recv-Q Send-Q  Local Address  Foreign Address  (state)\ntcp4       0      0  127.0.0.1.631  *.*   LISTEN\n", "bsd-netstat"),
        ("Num       RefCount Protocol Flags    Type St Inode Path\n", "proc-net-unix"),
        ("Name:\tsshd\nUmask:\t0022\nPid:\t812\n", "proc-pid-status"),
    ])
    func recognisesFromContent(_ text: String, _ format: String) {
        #expect(Self.recognise(text) == format)
    }

    @Test(arguments: ["", "hello\nworld\n", "TCP is a protocol\n"])
    func unknownTextIsNotRecognised(_ text: String) {
        #expect(Self.recognise(text) == nil)
    }

    /// Whether a format is read and its refusal message come from one field, so they cannot
    /// disagree; each refused format says what to capture or give instead.
    @Test func everyFormatIsReadOrRefusedWithAReason() {
        let refused = Self.formats.filter { !$0.isRead }.map(\.id)
        #expect(refused == ["json", "powershell-table", "proc-net-unix", "proc-pid-status"])
        for format in Self.formats {
            #expect(format.isRead == (format.refusal == nil), "\(format.id)")
            #expect(format.isRead == (format.coverage != .nothing), "\(format.id)")
        }
        #expect(Set(Self.formats.map(\.id)).count == Self.formats.count)
    }

    /// A refused format is a located error naming why, never facts.
    @Test(arguments: ["powershell-table", "json", "proc-net-unix", "proc-pid-status"])
    func refusedFormatGivesOneErrorAndNoFacts(_ id: String) throws {
        let texts = [
            "powershell-table": "LocalAddress  LocalPort RemoteAddress RemotePort State\n------------  ---------\n",
            "json": "{\n    \"Id\":  16828\n}\n",
            "proc-net-unix": "Num       RefCount Protocol Flags    Type St Inode Path\n",
            "proc-pid-status": "Name:\tsshd\nPid:\t812\n",
        ]
        let parsed = ParsedCapture.parse(CaptureInput(file: "f.txt", bytes: Array(try #require(texts[id]).utf8)))
        #expect(parsed.source.format == id)
        #expect(parsed.sockets == nil && parsed.processes == nil)
        #expect(parsed.diagnostics.map(\.severity) == [.error])
        #expect(parsed.diagnostics.first?.message == Self.formats.first { $0.id == id }?.refusal)
    }

    @Test func strongerRecognitionWins() {
        #expect(Recognition.certain > .marker(line: 0))
        #expect(Recognition.marker(line: 0) > .marker(line: 3))
        #expect(Recognition.marker(line: 19) > .rows(400))
        #expect(Recognition.rows(3) > .rows(2))
    }
}
