import Testing
@testable import HostCheckProbes

@Suite("capture format recognition")
struct CaptureFormatTests {
    @Test(arguments: [
        ("\r\nActive Connections\r\n\r\n  Proto  Local Address  Foreign Address  State\r\n", CaptureFormat.windowsNetstat),
        ("  TCP    0.0.0.0:3691     0.0.0.0:0     ABHÖREN     6120\n", .windowsNetstat),
        ("Titel\n  X  Y  Z\n  UDP    [::]:500    *:*    \n", .windowsNetstat),
        ("映像名称                       PID\n========================= ========\nSystem  4\n", .windowsTasklistTable),
        ("\"node.exe\",\"1234\",\"Console\",\"1\",\"50,000 K\"\n", .windowsTasklistCSV),
        ("\"Nom de l’image\",\"PID\",\"Nom de la session\",\"Numéro de session\",\"Utilisation de la mémoire\"\n\"a.exe\",\"8\",\"Services\",\"0\",\"8 Ko\"\n", .windowsTasklistCSV),
        ("Nom de l’image:      explorer.exe\nPID:                 7116\n", .windowsTasklistList),
        ("smss.exe                       504 Services                   0        940 K Unknown\n", .windowsTasklistTable),
        ("State  Recv-Q  Send-Q  Local Address:Port  Peer Address:Port\n", .linuxSS),
        ("Netid  State  Recv-Q  Send-Q  Local Address:Port  Peer Address:Port\n", .linuxSS),
        ("Proto Recib Enviad Dirección local Dirección remota Estado\ntcp        0      0 0.0.0.0:22   0.0.0.0:*   ESCUCHAR\n", .linuxNetstat),
        ("COMMAND   PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\n", .lsof),
        ("  sl  local_address rem_address   st tx_queue rx_queue\n", .procNet),
        ("{\n    \"Id\":  16828\n}\n", .json),
        ("{\n    \"Id\":  16828,\n    \"ProcessName\":  \"Notepad\"\n}\n", .powershellJSON),
        ("#TYPE Microsoft.Management.Infrastructure.CimInstance\n", .powershellCSV),
        ("LocalAddress  LocalPort RemoteAddress RemotePort State\n------------  --------- ------------- ---------- -----\n", .powershellTable),
        ("Active Internet connections\nProto Recv-Q Send-Q  Local Address  Foreign Address  (state)\ntcp4       0      0  127.0.0.1.631  *.*   LISTEN\n", .bsdNetstat),
    ])
    func recognisesFromContent(_ text: String, _ format: CaptureFormat) {
        #expect(FormatRecognizer.recognise(CaptureText.splitLines(text)) == format)
    }

    @Test(arguments: ["", "hello\nworld\n", "TCP is a protocol\n"])
    func unknownTextIsNotRecognised(_ text: String) {
        #expect(FormatRecognizer.recognise(CaptureText.splitLines(text)) == nil)
    }

    @Test func supportedFormatsHaveParsersAndOthersAHint() {
        let supported = CaptureFormat.allCases.filter(\.isSupported)
        #expect(supported == [
            .windowsNetstat, .windowsTasklistTable, .windowsTasklistCSV, .windowsTasklistList, .powershellCSV,
            .powershellJSON, .linuxSS, .linuxNetstat, .lsof, .procNet,
        ])
        #expect(CaptureFormat.allCases.filter { !$0.isSupported }.allSatisfy { $0.unsupportedHint != nil })
    }
}
