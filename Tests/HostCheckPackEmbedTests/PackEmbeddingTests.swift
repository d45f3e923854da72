import HostCheckCore
import HostCheckRules
import Testing
@testable import hostcheck_pack_embed

/// hostcheck-pack-embed, the tool behind the HostCheckPackEmbed build-tool plugin
/// (docs/architecture.md, "Embedding packs at build time").
@Suite struct PackEmbeddingTests {
    static let good = """
        hostcheck: 1
        pack: { id: good, version: '1' }
        rules:
          - id: no-ftp
            severity: high
            select: { protocol: tcp, local_port: 21, state: listening }
            expect: none
            examples:
              - { name: ftp fails, sockets: [{ protocol: tcp, local_address: 0.0.0.0, local_port: 21, state: listening }], outcome: fail }
        """

    static let broken = """
        hostcheck: 1
        pack: { id: broken, version: '1' }
        rules:
          - id: no-ftp
            severity: high
            slect: { protocol: tcp, local_port: 21, state: listening }
            expect: none
        """

    static func file(_ name: String, _ text: String) -> (name: String, source: PackSource) {
        (name, PackSource(path: "/site/rules/\(name)", bytes: Array(text.utf8)))
    }

    /// A broken pack gives errors located at file:line:col (the build then fails); a good one none.
    @Test func brokenPacksGiveLocatedErrorsGoodOnesNone() {
        let broken = PackEmbedding.validate([Self.file("broken.yaml", Self.broken)]).filter { $0.severity == .error }
        #expect(broken.map(\.description).contains("/site/rules/broken.yaml:6:5: error: unknown key 'slect' in a rule (did you mean 'select'?)"))
        #expect(PackEmbedding.validate([Self.file("good.yaml", Self.good)]).isEmpty)
    }

    /// A pack reaches another of the same target through `include: builtin:ID`; an include of
    /// a pack the target does not have is an error.
    @Test(arguments: [(["good.yaml"], 0), ([String](), 1)])
    func packsOfOneTargetIncludeEachOther(others: [String], errors: Int) {
        let site = Self.file("site.yaml", "hostcheck: 1\npack: { id: site, version: '1' }\ninclude: [builtin:good]\nrules: []\n")
        let files = [site] + others.map { Self.file($0, Self.good) }
        #expect(PackEmbedding.validate(files).filter { $0.severity == .error }.count == errors)
    }

    /// The generated source holds each pack's exact bytes (CRLF, non-ASCII, a final byte
    /// without newline), in order, under its name.
    @Test func generatedSourceHoldsTheExactBytes() {
        let packs: [(name: String, bytes: [UInt8])] = [("a.yaml", Array("x: é\r\ny".utf8)), ("b.yaml", Array(repeating: 35, count: 70))]
        let source = PackEmbedding.swiftSource(packs)
        for (index, pack) in packs.enumerated() {
            #expect(source.contains("(\"\(pack.name)\", pack\(index)),"))
            let body = source.components(separatedBy: "private static let pack\(index): [UInt8] = [\n").last?
                .components(separatedBy: "    ]\n").first ?? ""
            let numbers = body.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).compactMap { UInt8($0) }
            #expect(numbers == pack.bytes)
        }
    }

    @Test(arguments: [("a.yaml", "\"a.yaml\""), ("q\"\\.yaml", "\"q\\\"\\\\.yaml\""), ("t\tab.yaml", "\"t\\u{9}ab.yaml\"")])
    func namesAreSwiftStringLiterals(name: String, literal: String) {
        #expect(PackEmbedding.literal(name) == literal)
    }
}
