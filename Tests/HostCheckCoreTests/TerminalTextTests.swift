import Testing
@testable import HostCheckCore

@Suite struct TerminalTextTests {
    @Test func neutralisesEscapesAndNewlines() {
        #expect(TerminalText.neutralised("evil\u{1B}[31mred\nline") == "evil\\u{1b}[31mred\\u{a}line")
        #expect(TerminalText.neutralised("plain name.exe") == "plain name.exe")
        #expect(TerminalText.neutralised("c1\u{9B}x") == "c1\\u{9b}x")
    }

    @Test(arguments: [
        ("", true), ("nc64.exe", true), ("a long cell of printable ascii ~ 0.0.0.0:3691", true),
        ("tab\there", false), ("del\u{7F}", false), ("ABHÖREN", false), ("活动连接", false), ("esc\u{1B}", false),
    ])
    func printableASCIIIsToldByItsBytes(text: String, expected: Bool) {
        #expect(TerminalText.isPrintableASCII(text) == expected)
        if expected { #expect(TerminalText.neutralised(text) == text) }
    }
}
