import HostCheckCore
import Testing
@testable import HostCheckRules

@Suite struct PortRegistryTests {
    @Test func readsServicesFormat() {
        let text = """
        # /etc/services excerpt
        ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol
        domain\t\t53/udp
        http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP
        broken line
        """
        let registry = PortRegistry(text: text, file: "services")
        #expect(registry.lookup(port: 22).map(\.service) == ["ssh"])
        #expect(registry.lookup(port: 53, protocol: "tcp").isEmpty)
        #expect(registry.lookup(port: 80).first?.description == "aliases: www")
        #expect(registry.diagnostics.map(\.location?.line) == [5])
    }

    @Test func readsTheIANACSVWithQuotedFieldsAndRanges() {
        let text = """
        Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes
        magaya-network,3691,tcp,Magaya Network Port,[Someone],[Someone],2003-02,,,,,
        quoted,4000,udp,"A description, with a comma
        and a line break",[X],[X],2010-01-05,,,,,
        x11,6000-6063,tcp,X Window System,[X],[X],,,,,,
        ,7000,tcp,Unassigned,,,,,,,,

        """
        let registry = PortRegistry(text: text, file: "iana.csv")
        let magaya = registry.lookup(port: 3691, protocol: "tcp")
        #expect(magaya.first?.service == "magaya-network")
        #expect(magaya.first?.description == "Magaya Network Port")
        #expect(magaya.first?.registered == "2003-02")
        #expect(magaya.first?.source.line == 2)
        #expect(registry.lookup(port: 4000).first?.description == "A description, with a comma\nand a line break")
        #expect(registry.lookup(port: 6063).first?.service == "x11")
        #expect(registry.lookup(port: 7000).first?.service == "(unassigned)")
        #expect(registry.lookup(port: 6000).first?.source.line == 5)
        #expect(registry.diagnostics.isEmpty)
    }
}
