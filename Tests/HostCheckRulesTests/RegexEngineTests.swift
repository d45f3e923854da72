import Testing
@testable import HostCheckRules

/// The linear-time regular expression engine (docs/rule-packs.md, "Regular expressions").
@Suite struct RegexEngineTests {
    /// What each construct of the dialect matches: (pattern, text, ignoreCase, expected).
    @Test(arguments: [
        ("abc", "xxabcxx", false, true),
        ("abc", "ab", false, false),
        ("", "", false, true),
        ("", "anything", false, true),
        ("^$", "", false, true),
        ("^$", "x", false, false),
        ("^abc$", "abc", false, true),
        ("^abc$", "abc\n", false, false),
        ("a.c", "abc", false, true),
        ("a.c", "a\nc", false, false),
        ("[a-c]+x", "zzbcax", false, true),
        ("[^a-c]x", "ax", false, false),
        ("[^a-c]x", "dx", false, true),
        ("[]a]", "]", false, true),
        ("[a-]", "-", false, true),
        ("[\\d.]+", "1.2", false, true),
        ("[[:digit:]]{4}", "port 3691", false, true),
        ("[[:alpha:]_][[:alnum:]_]*", "9_x", false, true),
        ("\\d+", "abc", false, false),
        ("\\D", "123", false, false),
        ("\\w+@", "a_1@", false, true),
        ("\\W", "a_1", false, false),
        ("\\s", "a\tb", false, true),
        ("\\S", " \t", false, false),
        ("\\bsshd\\b", "/usr/sbin/sshd -D", false, true),
        ("\\bsshd\\b", "/usr/sbin/sshdx", false, false),
        ("\\Bsh", "bash", false, true),
        ("\\Asvc\\z", "svc", false, true),
        ("\\.exe$", "nc.exe", false, true),
        ("\\.exe$", "ncxexe", false, false),
        ("a|b|c", "zzc", false, true),
        ("^(?:ab|cd)+$", "abcdab", false, true),
        ("^(ab|cd)+$", "abcda", false, false),
        ("^a{3}$", "aaa", false, true),
        ("^a{3}$", "aaaa", false, false),
        ("^a{2,}$", "aaaaa", false, true),
        ("^a{2,3}$", "aaaa", false, false),
        ("^a{0}b$", "b", false, true),
        ("^(a*)*$", "aaa", false, true),
        ("^(a|)+b$", "aab", false, true),
        ("colou?r", "color", false, true),
        ("(^)*a", "ba", false, true),
        ("(^)+a", "ba", false, false),
        ("x*?y", "xxy", false, true),
        ("\\x41\\x{263A}\\u00e9", "A☺é", false, true),
        ("\\(\\)\\[\\]\\{\\}\\*\\+\\?\\|\\^\\$\\\\", "()[]{}*+?|^$\\", false, true),
        ("a}b]", "a}b]", false, true),
        // Unicode scalars, not bytes or grapheme clusters.
        ("^.$", "é", false, true),
        ("^..$", "e\u{301}", false, true),
        ("^[α-ω]+$", "λόγος", false, false),
        ("^[α-ω]+$", "λογος", false, true),
        // Case: ignore_case and (?i) fold simple case, classes included.
        ("^magaya\\d+\\.exe$", "Magaya12.exe", true, true),
        ("^magaya\\d+\\.exe$", "Magaya12.exe", false, false),
        ("(?i)^MAGAYA", "magaya.exe", false, true),
        ("^[a-z]+$", "ABC", true, true),
        ("^[^a]$", "A", true, false),
        ("^[[:upper:]]$", "q", true, true),
        ("^straße$", "STRASSE", true, false),
        ("^ελλάδα$", "ΕΛΛΆΔΑ", true, true),
        ("k", "\u{212A}", true, true),
    ])
    func matchesTheDialect(pattern: String, text: String, ignoreCase: Bool, expected: Bool) throws {
        let regex = try RegexPattern(pattern, ignoreCase: ignoreCase)
        #expect(regex.matches(text) == expected)
    }

    /// Constructs outside the dialect, refused with where, why and what to write instead.
    @Test(arguments: [
        ("^svchost(?=\\.exe$)", 9, "lookahead (?=...) is not supported: regular expressions here run in linear time; match the text with two conditions under all: (or not:)"),
        ("^svchost(?!\\.exe$)", 9, "lookahead (?!...) is not supported"),
        ("(?<=a)b", 1, "lookbehind (?<=...) is not supported"),
        ("(?<!a)b", 1, "lookbehind (?<!...) is not supported"),
        ("(a)\\1", 4, "backreferences (\\1) are not supported: regular expressions here run in linear time"),
        ("(?<n>a)\\k<n>", 1, "named groups are not supported (matchers read no captures); write ( ) or (?: )"),
        ("(?>a+)b", 1, "atomic groups (?>...) are not supported (and not needed: matching here never backtracks); write (?: )"),
        ("a++b", 3, "possessive quantifiers are not supported (and not needed: matching here never backtracks); drop the '+'"),
        ("a{2}+", 5, "possessive quantifiers are not supported"),
        ("a(?i)b", 2, "(?i) is allowed only at the very start of the pattern"),
        ("(?m)^a", 1, "this kind of group '(?m' is not supported"),
        ("\\p{L}", 1, "Unicode property classes (\\p{...}) are not supported; write a bracket class"),
        ("\\q", 1, "unknown escape '\\q'"),
        ("\\Z", 1, "\\Z is not supported; write $ or \\z"),
        ("a{101}", 2, "repeat count 101 is above the maximum of 100; use + or * for longer runs"),
        ("a{1,1000}", 2, "repeat count 1000 is above the maximum of 100"),
        ("a{5,2}", 2, "repeat {5,2} has its minimum above its maximum"),
        ("a{,3}", 2, "'{' must start a counted repeat {m}, {m,} or {m,n} (e.g. {2,5}); write \\{ for a literal brace"),
        ("x{y}", 2, "'{' must start a counted repeat"),
        ("((a{100}){100}){100}", 1, "the pattern expands to more than 10000 steps"),
        ("(x{100}){100}", 1, "the pattern expands to more than 10000 steps"),
        ("*a", 1, "'*' has nothing to repeat; write \\* for a literal *"),
        ("a**", 3, "'*' follows another quantifier"),
        ("^*", 2, "'*' has nothing to repeat (it follows an anchor)"),
        ("a(", 2, "missing ')' for the group opened here"),
        ("a)", 2, "unmatched ')'; write \\) for a literal parenthesis"),
        ("[abc", 1, "missing ']' for the class opened here"),
        ("[z-a]", 2, "class range z-a is reversed; write a-z"),
        ("[a[b]", 3, "'[' inside a class is not supported; write \\[ for a literal bracket"),
        ("[a&&b]", 3, "class set operations ('&&') are not supported"),
        ("[[:alfa:]]", 2, "unknown class '[:alfa:]'"),
        ("[a-\\d]", 2, "a class range must end with one character"),
        ("\\x{110000}", 1, "invalid code point escape"),
        ("\\xZ", 1, "invalid code point escape"),
        ("a\\", 2, "the pattern ends with a lone '\\'; write \\\\ for a backslash"),
        (String(repeating: "(", count: 101) + String(repeating: ")", count: 101), 101, "groups nest deeper than 100 levels"),
        (String(repeating: "a", count: 1_001), 1_001, "the pattern has 1001 characters, above the maximum of 1000"),
    ])
    func refusesWithAReason(pattern: String, position: Int, reason: String) {
        #expect {
            _ = try RegexPattern(pattern, ignoreCase: false)
        } throws: { error in
            guard let error = error as? RegexSyntaxError else { return false }
            #expect(error.position == position, "\(error)")
            #expect(error.reason.hasPrefix(reason), "\(error)")
            return true
        }
    }

    /// The limits themselves are accepted.
    @Test(arguments: [String(repeating: "a", count: 1_000), "a{100}", "a{0,100}", "(?:a{99}){100}", "(.*a){20}"])
    func acceptsPatternsAtTheLimits(pattern: String) throws {
        _ = try RegexPattern(pattern, ignoreCase: false)
    }

    /// Patterns that take a backtracking engine exponential or polynomial time, against long
    /// texts: each answers correctly, and within a bound a backtracking engine misses by orders
    /// of magnitude (this runs in debug builds; Benchmarks/regex.sh times the release binary).
    @Test(arguments: [
        ("^(a+)+$", String(repeating: "a", count: 10_000) + "!", false),
        ("(a|aa)*c", String(repeating: "a", count: 10_000), false),
        ("(x+x+)+y", String(repeating: "x", count: 10_000), false),
        ("(.*a){20}", String(repeating: "a", count: 10_000), true),
        ("(.*a){20}", String(repeating: "b", count: 10_000), false),
        ("^([a-z0-9]+[-_.]?)+\\.exe$", String(repeating: "a", count: 10_000) + "!exe", false),
        ("^([a-z0-9]+[-_.]?)+\\.exe$", String(repeating: "a-", count: 5_000) + ".exe", true),
    ])
    func pathologicalPatternsStayLinear(pattern: String, text: String, expected: Bool) throws {
        let regex = try RegexPattern(pattern, ignoreCase: false)
        let clock = ContinuousClock()
        var result = !expected
        let elapsed = clock.measure { result = regex.matches(text) }
        #expect(result == expected)
        #expect(elapsed < .seconds(2), "\(pattern): \(elapsed)")
    }

    /// Copies of one pattern match from many tasks at once.
    @Test func patternIsUsableFromManyTasks() async throws {
        let regex = try RegexPattern("^worker-\\d+$", ignoreCase: false)
        let hits = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 { group.addTask { regex.matches("worker-\(index)") } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(hits == 64)
    }
}
