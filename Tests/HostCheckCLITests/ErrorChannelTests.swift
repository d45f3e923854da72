import Testing
@testable import HostCheckCLI
import HostCheckReporters

/// Nagios mode is found from the raw arguments through the registry's descriptors: a format
/// owns the errors because its descriptor says so, whatever its id.
@Suite struct ErrorChannelTests {
    static let registry = Registry.builtin

    @Test(arguments: [
        (["check", "--format", "nagios"], true),
        (["check", "--format=nagios"], true),
        (["check", "--format", "nagios:-"], true),
        (["check", "--format", "nagios:/dev/stdout"], true),
        (["chek", "--bogus", "--format", "nagios"], true),
        (["check"], false),
        (["check", "--format", "json"], false),
        (["check", "--format", "nagios:out.txt"], false),
        (["check", "--format", "nagios", "--format", "json:out.json"], false),
        (["check", "--format", "nagios", "--format"], false),
        (["check", "--", "--format", "nagios"], false),
        (["check", "--probe", "p", "--probe-arg", "--format", "--probe-arg", "nagios"], false),
        (["check", "--format", "NAGIOS"], false),
    ])
    func nagiosModeNeedsNagiosAloneOnStandardOutput(arguments: [String], owned: Bool) {
        let channel = ErrorChannel.detect(arguments, registry: Self.registry)
        #expect((channel.report != nil) == owned)
        if owned { #expect(channel.defaultTimeout == 10) }
    }

    @Test func theDescriptorDecidesNotTheName() {
        var renamed = Self.registry
        renamed.reporters = renamed.reporters.map { descriptor in
            guard descriptor.errorReport != nil else { return descriptor }
            return ReporterDescriptor(
                id: "icinga", summary: descriptor.summary, options: descriptor.options, exitPolicy: descriptor.exitPolicy,
                errorReport: descriptor.errorReport, make: descriptor.make)
        }
        #expect(ErrorChannel.detect(["check", "--format", "icinga"], registry: renamed).report != nil)
        #expect(ErrorChannel.detect(["check", "--format", "nagios"], registry: renamed).report == nil)
        let line = ErrorChannel.detect(["check", "--format", "icinga"], registry: renamed).report?.line("a|b\nc")
        #expect(line == "HOSTCHECK UNKNOWN - a¦b\\u{a}c")
    }

    @Test func timeoutLines() {
        let nagios = ErrorChannel.detect(["check", "--format", "nagios"], registry: Self.registry).timeoutLine(seconds: 2.5)
        #expect(nagios.stdout == "HOSTCHECK UNKNOWN - timed out after 2.5 s")
        #expect(nagios.status == 3)
        let plain = ErrorChannel.standard.timeoutLine(seconds: 10)
        #expect(plain.stdout == nil)
        #expect(plain.stderr == "hostcheck: error: timed out after 10 s (--timeout)")
        #expect(plain.status == 75)
    }
}
