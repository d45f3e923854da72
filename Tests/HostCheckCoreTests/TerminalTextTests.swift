import Testing
@testable import HostCheckCore

@Suite struct TerminalTextTests {
    @Test func neutralisesEscapesAndNewlines() {
        #expect(TerminalText.neutralised("evil\u{1B}[31mred\nline") == "evil\\u{1b}[31mred\\u{a}line")
        #expect(TerminalText.neutralised("plain name.exe") == "plain name.exe")
        #expect(TerminalText.neutralised("c1\u{9B}x") == "c1\\u{9b}x")
    }
}
