import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct GitHubReporterTests {
    @Test func annotationPerFindingAtItsFirstLocation() throws {
        let text = try Samples.render(GitHubReporter(options: ReporterOptions()), hosts: [Samples.hostResults])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("::error file=netstat.txt,line=8,title=magaya-network/magaya-3691-owner on wh-berlin-02::tcp 0.0.0.0:3691 is owned by nc64.exe (pid 6120), expected magaya* — tcp 0.0.0.0:3691  pid 6120 nc64.exe  netstat.txt:8"))
        #expect(lines.contains("::warning file=netstat.txt,line=12,title=base/sshd-up on wh-berlin-02::unknown: owner of tcp 0.0.0.0:22 is unknown — tcp [::]:22  owner unknown (capture-has-no-owners)  netstat.txt:12"))
        #expect(lines.contains("::warning file=waivers.yaml,line=4,col=7,title=hostcheck::waiver for rule 'x' matched nothing"))
        #expect(lines.last == "::notice title=hostcheck::1 host, 6 rules: 2 pass, 1 fail, 1 unknown, 0 error, 1 skip, 1 waived; 3 annotations")
        #expect(!text.contains("no-telnet"))
    }

    @Test(arguments: [
        ("a%b", "a%25b", "a%25b"),
        ("x\ny", "x\\u{a}y", "x\\u{a}y"),
        ("k:v,w", "k:v,w", "k%3Av%2Cw"),
        ("::error ::forged", "::error ::forged", "%3A%3Aerror %3A%3Aforged"),
    ])
    func escaping(text: String, data: String, property: String) {
        #expect(GitHubCommand.data(text) == data)
        #expect(GitHubCommand.property(text) == property)
    }

    @Test func hostileTextCannotStartACommand() throws {
        var host = Samples.hostileHost
        host.results[0].message = "x\n::error::forged\r\n"
        let text = try Samples.render(GitHubReporter(options: ReporterOptions()), hosts: [host])
        for line in text.split(separator: "\n") {
            #expect(line.hasPrefix("::error ") || line.hasPrefix("::warning ") || line.hasPrefix("::notice "))
        }
        #expect(!text.contains("\n::error::forged"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
    }
}
