import Testing
import HostCheckCore
@testable import HostCheckReporters

/// ``ReporterDescriptor/writesAtEnd`` is what lets the progress line share a terminal with a
/// report: a format that claims it must write nothing while hosts arrive.
@Suite struct WritesAtEndTests {
    static let humanFormats: Set<String> = ["text", "markdown", "html", "github", "nagios"]

    @Test(arguments: ReporterCatalog.builtin.map(\.id))
    func aFormatThatWritesAtEndWritesNothingPerHost(id: String) throws {
        let descriptor = try #require(ReporterCatalog.builtin.first { $0.id == id })
        var reporter = descriptor.make(ReporterOptions())
        var header = ""
        try reporter.begin(Samples.run(covering: [Samples.hostResults]), to: &header)
        var perHost = ""
        for host in [Samples.hostResults, Samples.hostResults] { try reporter.host(host, to: &perHost) }
        var rest = ""
        try reporter.end(Samples.summary([Samples.hostResults, Samples.hostResults]), to: &rest)
        if descriptor.writesAtEnd {
            #expect(perHost.isEmpty, "\(id) claims to write at the end but wrote \(perHost.utf8.count) bytes per host")
            #expect(!rest.isEmpty, "\(id) wrote nothing at the end")
        }
    }

    @Test func theHumanFormatsWriteAtEndAndTheMachineFormatsStream() {
        for descriptor in ReporterCatalog.builtin {
            #expect(descriptor.writesAtEnd == Self.humanFormats.contains(descriptor.id), "\(descriptor.id)")
        }
    }
}
