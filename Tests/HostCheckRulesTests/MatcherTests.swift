import HostCheckCore
import Testing
@testable import HostCheckRules

@Suite struct MatcherTests {
    @Test(arguments: [
        ("magaya*", "MagayaNetworkService.exe", true, true),
        ("magaya*", "MagayaNetworkService.exe", false, false),
        ("magaya*", "nc64.exe", true, false),
        ("*.exe", "nc64.exe", false, true),
        ("nc??.exe", "nc64.exe", false, true),
        ("[mn]c*", "nc64.exe", false, true),
        ("[!n]c*", "nc64.exe", false, false),
        ("a\\*b", "a*b", false, true),
        ("a\\*b", "axb", false, false),
        ("*", "", false, true),
    ])
    func globMatchesWholeText(pattern: String, text: String, ignoreCase: Bool, expected: Bool) throws {
        let glob = try #require(Glob(pattern, ignoreCase: ignoreCase))
        #expect(glob.matches(text) == expected)
    }

    /// Regexes search anywhere (the dialect in detail: RegexEngineTests).
    @Test(arguments: [
        ("--port[= ]3691", "nc --port=3691 -l", false, true),
        ("--port[= ]3691", "nc --port 3692", false, false),
        ("^/opt/agent/bin/agent( |$)", "/opt/agent/bin/agent --serve", false, true),
        ("^/opt/agent/bin/agent( |$)", "/usr/opt/agent/bin/agent", false, false),
        ("^magaya\\d+\\.exe$", "Magaya12.exe", true, true),
        ("(?i)^MAGAYA", "magaya.exe", false, true),
        ("\\bsshd\\b", "/usr/sbin/sshd -D", false, true),
    ])
    func regexSearchesAnywhere(pattern: String, text: String, ignoreCase: Bool, expected: Bool) throws {
        let regex = try RegexPattern(pattern, ignoreCase: ignoreCase)
        #expect(regex.matches(text) == expected)
    }

    @Test(arguments: ["a(", "[z-a]", "x{2,1}", "(?<n>a)(?<n>b)", "^svchost(?=\\.exe$)"])
    func badRegexIsRefused(pattern: String) {
        #expect(throws: RegexSyntaxError.self) { try RegexPattern(pattern, ignoreCase: false) }
    }

    @Test func unclosedSetIsNotAGlob() {
        #expect(Glob("[abc") == nil)
    }

    /// A truncated name `text` may be a prefix of the real name.
    @Test(arguments: [
        (Matcher.glob(Glob("magaya*")!), "magaya-s", Truth.Value.yes),
        (Matcher.glob(Glob("magaya-server*")!), "magaya-s", .maybe),
        (Matcher.glob(Glob("postgres")!), "postgr", .maybe),
        (Matcher.glob(Glob("postgres")!), "mysqld", .no),
        (Matcher.glob(Glob("*.exe")!), "someverylongname", .maybe),
        (Matcher.text("postgres", ignoreCase: false), "postg", .maybe),
        (Matcher.text("postgres", ignoreCase: false), "mysql", .no),
        (Matcher.not(.text("postgres", ignoreCase: false)), "postg", .maybe),
        (Matcher.not(.text("postgres", ignoreCase: false)), "mysql", .yes),
    ])
    func truncatedNames(matcher: Matcher, text: String, expected: Truth.Value) {
        let truth = matcher.evaluate(.text(text, truncated: true))
        #expect(truth.value == expected)
        if expected == .maybe { #expect(truth.causes == .ownership) }
    }

    @Test(arguments: [
        (Matcher.cidr(CIDR("127.0.0.0/8")!), "::ffff:127.0.0.1", Truth.Value.yes),
        (Matcher.cidr(CIDR("10.0.0.0/8")!), "10.1.2.3", .yes),
        (Matcher.cidr(CIDR("10.0.0.0/8")!), "192.168.1.1", .no),
        (Matcher.cidr(CIDR("fe80::/10")!), "fe80::1", .yes),
        (Matcher.cidr(CIDR("10.0.0.0/8")!), "LAPTOP-1", .maybe),
        (Matcher.address(IPAddress("127.0.0.1")!), "::ffff:127.0.0.1", .yes),
        (Matcher.address(IPAddress("::")!), "0.0.0.0", .no),
        (Matcher.glob(Glob("192.168.*")!), "192.168.4.4", .yes),
    ])
    func addressesCompareParsed(matcher: Matcher, address: String, expected: Truth.Value) {
        #expect(matcher.evaluate(.address(address)).value == expected)
    }

    @Test func absentValuesNeverMatchButNotDoes() {
        #expect(Matcher.integer(0).evaluate(.absent).isNo)
        #expect(Matcher.not(.integer(0)).evaluate(.absent).isYes)
    }

    @Test func unknownStaysUnknownThroughNot() {
        #expect(Matcher.not(.integer(1)).evaluate(.unknown(.data)).value == .maybe)
    }

    @Test func servicesMatchWhenAnyServiceMatches() {
        let services = FieldValue.texts(["LanmanServer", "Browser"])
        #expect(Matcher.text("Browser", ignoreCase: false).evaluate(services).isYes)
        #expect(Matcher.not(.text("Browser", ignoreCase: false)).evaluate(services).isNo)
        #expect(Matcher.text("Spooler", ignoreCase: false).evaluate(services).isNo)
    }

    @Test func kleeneTables() {
        let maybe = Truth.maybe(.data)
        #expect(Truth.all([.yes, maybe]).value == .maybe)
        #expect(Truth.all([.no, maybe]).isNo)
        #expect(Truth.any([.yes, maybe]).isYes)
        #expect(Truth.any([.no, maybe]).value == .maybe)
        #expect(Truth.any([Truth.maybe(.ownership), Truth.maybe(.data)]).causes == [.ownership, .data])
    }

    @Test(arguments: [
        ("local_port: { range: 1024-49151 }", 3691, true),
        ("local_port: { range: 1024-49151 }", 443, false),
        ("local_port: [22, { range: 3690-3692 }]", 3691, true),
        ("local_port: { not: [22, 23] }", 3691, true),
        ("local_port: { not: [22, 3691] }", 3691, false),
    ])
    func compiledPortMatchers(select: String, port: Int, selected: Bool) throws {
        let text = TestSupport.pack(rule: "select: { \(select.replacingOccurrences(of: ": {", with: ": {")) }\nexpect: none")
        let result = try #require(TestSupport.outcome(text, TestSupport.snapshot([TestSupport.socket(port: port)])))
        #expect(result.outcome == (selected ? .fail : .pass))
    }
}

extension TestSupport {
    static func socket(port: Int) -> SocketFact { socket(.tcp, "0.0.0.0", port, pids: []) }
}

#if canImport(Glibc)
import Glibc

/// Compares ``Glob`` with the C library's `fnmatch` on random patterns and texts.
@Suite struct GlobAgainstFnmatchTests {
    @Test func agreesWithFnmatch() {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % bound
        }
        let patternAlphabet = Array("ab*?[]!-c")
        let textAlphabet = Array("abc-]!")
        var compared = 0
        for _ in 0..<3000 {
            let pattern = String((0..<(1 + next(7))).map { _ in patternAlphabet[next(patternAlphabet.count)] })
            let text = String((0..<next(7)).map { _ in textAlphabet[next(textAlphabet.count)] })
            guard let glob = Glob(pattern) else { continue }
            compared += 1
            let expected = fnmatch(pattern, text, 0) == 0
            #expect(glob.matches(text) == expected, "pattern \(pattern) text \(text)")
        }
        #expect(compared > 1000)
    }

    /// `impossible` must mean no extension matches; `full` that every extension does.
    @Test func prefixMatchIsSound() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % bound
        }
        let alphabet = Array("ab")
        var extensions = [""]
        for _ in 0..<3 { extensions += extensions.flatMap { e in alphabet.map { e + String($0) } } }
        extensions = Array(Set(extensions))
        for _ in 0..<500 {
            let pattern = String((0..<(1 + next(5))).map { _ in Array("ab*?")[next(4)] })
            let text = String((0..<next(4)).map { _ in alphabet[next(2)] })
            guard let glob = Glob(pattern) else { continue }
            let matching = extensions.filter { glob.matches(text + $0) }.count
            switch glob.prefixMatch(text) {
            case .impossible: #expect(matching == 0, "pattern \(pattern) text \(text)")
            case .full: #expect(matching == extensions.count, "pattern \(pattern) text \(text)")
            case .viable: break
            }
        }
    }
}
#endif
