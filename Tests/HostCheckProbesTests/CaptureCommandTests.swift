import HostCheckCore
@testable import HostCheckProbes
import Testing

/// The coverage a capture's command line declares (host.json `sources`), per format.
@Suite struct CaptureCommandTests {
    /// What the sources showed before the declaration: everything, owners partial, users bob
    /// only, so that a dimension the command does not state stays visible.
    static let before = Coverage(
        tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .partial, users: ["bob"], netns: .hostOnly)

    static let all = "tcp=full udp=full ipv4=full ipv6=full"

    @Test(arguments: [
        // Windows netstat
        ("windows-netstat", "netstat -ano", "\(all) owners=full states=all ports=all users=bob"),
        ("windows-netstat", "netstat -an", "\(all) owners=none states=all ports=all users=bob"),
        ("windows-netstat", "netstat -ano -p tcp", "tcp=full udp=none ipv4=full ipv6=none owners=full states=all ports=all users=bob"),
        ("windows-netstat", "netstat -p TCPv6 -ano", "tcp=full udp=none ipv4=none ipv6=full owners=full states=all ports=all users=bob"),
        ("windows-netstat", "netstat -ano | findstr :3691", "\(all) owners=full states=all ports=3691 users=bob"),
        ("windows-netstat", "netstat -ano | findstr LISTENING", "tcp=full udp=none ipv4=full ipv6=full owners=full states=listening ports=all users=bob"),
        ("windows-netstat", "netstat -ano | findstr \":3691 :3692\" | findstr /i listening > n.txt",
         "tcp=full udp=none ipv4=full ipv6=full owners=full states=listening ports=3691,3692 users=bob"),
        ("windows-netstat", "cmd /c \"netstat -anob\" > netstat.txt", "\(all) owners=full states=all ports=all users=bob"),
        ("windows-netstat", "C:\\Windows\\System32\\NETSTAT.EXE /a /n /o", "\(all) owners=full states=all ports=all users=bob"),
        ("windows-netstat", "netstat -no", "tcp=none udp=none ipv4=none ipv6=none owners=full states=all ports=all users=bob"),
        // ss
        ("linux-ss", "ss -tulpn", "\(all) owners=partial states=listening ports=all users=bob"),
        ("linux-ss", "sudo ss -tulpn", "\(all) owners=full states=listening ports=all users=bob"),
        ("linux-ss", "ss -4tlnp", "tcp=full udp=none ipv4=full ipv6=none owners=partial states=listening ports=all users=bob"),
        ("linux-ss", "sudo ss -tuanp", "\(all) owners=full states=all ports=all users=bob"),
        ("linux-ss", "ss -tln sport = :3691", "tcp=full udp=none ipv4=full ipv6=full owners=none states=listening ports=3691 users=bob"),
        ("linux-ss", "ss -tlnp '( sport = :3691 or sport = :80 )'", "tcp=full udp=none ipv4=full ipv6=full owners=partial states=listening ports=80,3691 users=bob"),
        ("linux-ss", "ss --tcp --listening --numeric --ipv6", "tcp=full udp=none ipv4=none ipv6=full owners=none states=listening ports=all users=bob"),
        ("linux-ss", "ss -tn", "tcp=none udp=none ipv4=none ipv6=none owners=none states=all ports=all users=bob"),
        // net-tools netstat
        ("linux-netstat", "netstat -tulpn", "\(all) owners=partial states=listening ports=all users=bob"),
        ("linux-netstat", "LC_ALL=C sudo netstat -tanp --inet", "tcp=full udp=none ipv4=full ipv6=none owners=full states=all ports=all users=bob"),
        ("linux-netstat", "netstat -lnp -6 | grep :22", "tcp=full udp=full ipv4=none ipv6=full owners=partial states=listening ports=22 users=bob"),
        // lsof
        ("lsof", "lsof -i -P -n", "\(all) owners=full states=all ports=all users=bob"),
        ("lsof", "sudo lsof -i -P -n", "\(all) owners=full states=all ports=all users=all"),
        ("lsof", "lsof -nP -iTCP -sTCP:LISTEN", "tcp=full udp=none ipv4=full ipv6=full owners=full states=listening ports=all users=bob"),
        ("lsof", "lsof -i4 -P -n", "tcp=full udp=full ipv4=full ipv6=none owners=full states=all ports=all users=bob"),
        ("lsof", "lsof -i :3691 -P -n", "\(all) owners=full states=all ports=3691 users=bob"),
        ("lsof", "lsof -i4 -i6 -P", "\(all) owners=full states=all ports=all users=bob"),
        ("lsof", "lsof -a -i -u alice", "\(all) owners=full states=all ports=all users=alice"),
    ])
    func commandDeclaresCoverage(_ format: String, _ command: String, _ expected: String) throws {
        let declaration = try CaptureCommand.declaration(command, format: format, elevated: nil).get()
        let applied = declaration.applied(to: Self.before, origin: "declared: \(command)")
        #expect(applied.summary == expected + " netns=host-only", "\(command)")
        #expect(applied.assumed.last?.hasSuffix(": declared: \(command)") == true)
    }

    @Test(arguments: [
        ("windows-netstat", "netstat -ano 5"),                      // an interval repeats the output
        ("windows-netstat", "netstat -ano | findstr /v :3691"),     // inverted filter
        ("windows-netstat", "netstat -rn"),                         // the routing table
        ("windows-netstat", "netstat -ano | sort"),                 // a stage that is no filter
        ("windows-netstat", "netstat -ano | findstr ESTABLISHED"),  // a term not read
        ("windows-netstat", "ss -tulpn"),                           // not what the file holds
        ("windows-netstat", "netstat -ano \"unclosed"),
        ("linux-ss", "ss -tln dport = :22"),
        ("linux-ss", "ss -s"),
        ("linux-netstat", "netstat -tulpnc"),
        ("lsof", "lsof -i @10.0.0.1"),
        ("lsof", "lsof -iTCP:3691 -iUDP:53"),
        ("lsof", "sudo -u bob lsof -i"),
        ("powershell-csv", "Get-NetTCPConnection"),
    ])
    func unreadableCommandDeclaresNothing(_ format: String, _ command: String) {
        #expect(throws: CaptureCommandError.self, "\(command)") {
            try CaptureCommand.declaration(command, format: format, elevated: nil).get()
        }
    }

    @Test func hostJSONElevatedCountsAsRoot() throws {
        let declaration = try CaptureCommand.declaration("ss -tulpn", format: "linux-ss", elevated: true).get()
        #expect(declaration.owners == .full)
        let lsof = try CaptureCommand.declaration("lsof -i -P -n", format: "lsof", elevated: true).get()
        #expect(lsof.users == .some(nil))
    }

    /// A declaration states the variant; a partial the text showed (an unreadable row, a cut
    /// copy) stays partial.
    @Test func evidenceOfAnIncompleteCopyStaysPartial() throws {
        let declaration = try CaptureCommand.declaration("netstat -ano", format: "windows-netstat", elevated: nil).get()
        var evidence = Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .full)
        evidence.lowerSockets(to: .partial)
        let applied = declaration.applied(toEvidence: evidence, origin: "declared: netstat -ano")
        #expect([applied.tcp, applied.udp, applied.ipv4, applied.ipv6] == [.partial, .partial, .partial, .partial])
        #expect(applied.owners == .full)
    }
}
