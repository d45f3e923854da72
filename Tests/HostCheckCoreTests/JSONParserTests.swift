import Testing
import HostCheckCore

@Suite struct JSONParserTests {
    private func parse(_ text: String, limits: JSONParser.Limits = JSONParser.Limits()) throws -> JSONNode {
        try JSONParser(limits: limits).parse(Array(text.utf8), file: "in.json")
    }

    private func failure(_ bytes: [UInt8], limits: JSONParser.Limits = JSONParser.Limits()) -> JSONReadError? {
        do {
            _ = try JSONParser(limits: limits).parse(bytes, file: "in.json")
            return nil
        } catch {
            return error
        }
    }

    private func failure(_ text: String) -> JSONReadError? { failure(Array(text.utf8)) }

    @Test func parsesEveryValueKindWithPositions() throws {
        let node = try parse("{\n  \"a\": [1, -2.5e3, true, false, null],\n  \"s\": \"x\\u00e9\\ud83e\\udd8a\\n\"\n}")
        guard case .object(let object) = node.value else {
            Issue.record("not an object")
            return
        }
        #expect(object.members.map(\.key) == ["a", "s"])
        let array = try #require(object["a"])
        #expect(array.line == 2 && array.column == 8)
        #expect(array.value == .array([
            JSONNode(.number("1"), line: 2, column: 9), JSONNode(.number("-2.5e3"), line: 2, column: 12),
            JSONNode(.bool(true), line: 2, column: 20), JSONNode(.bool(false), line: 2, column: 26),
            JSONNode(.null, line: 2, column: 33),
        ]))
        #expect(object["s"]?.value == .string("xé🦊\n"))
    }

    @Test(arguments: [3, 24, 25, 200])
    func largeAndSmallObjectsLookUpEveryKeyAndRefuseDuplicates(count: Int) throws {
        let members = (0..<count).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let node = try parse("{\(members)}")
        guard case .object(let object) = node.value else {
            Issue.record("not an object")
            return
        }
        #expect(object.members.count == count)
        for index in 0..<count { #expect(object["k\(index)"]?.value == .number("\(index)")) }
        #expect(object["missing"] == nil)
        let duplicate = failure("{\(members), \"k\(count - 1)\": 0}")
        #expect(duplicate?.message == "duplicate key 'k\(count - 1)'")
    }

    @Test func skipsAByteOrderMark() throws {
        let node = try JSONParser().parse([0xEF, 0xBB, 0xBF] + Array("[]".utf8), file: "bom.json")
        #expect(node.value == .array([]))
        #expect(node.column == 1)
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try parse(#""\ud800x""#).value == .string("\u{FFFD}x"))
        #expect(try parse(#""\udc00""#).value == .string("\u{FFFD}"))
        #expect(try parse(#""\ud800\u0041""#).value == .string("\u{FFFD}A"))
    }

    @Test(arguments: [
        ("", "1:1", "unexpected end of input, expected a value"),
        ("{", "1:2", "unexpected end of input, expected a string key"),
        ("{\"a\":1", "1:7", "unexpected end of input, expected ',' or '}'"),
        ("[1,2", "1:5", "unexpected end of input, expected ',' or ']'"),
        ("[1 2]", "1:4", "unexpected character '2', expected ',' or ']'"),
        ("{\"a\" 1}", "1:6", "unexpected character '1', expected ':' after a key"),
        ("{\"a\":1,}", "1:8", "unexpected character '}', expected a string key"),
        ("[1,]", "1:4", "unexpected character ']', expected a value"),
        ("\"abc", "1:1", "unterminated string"),
        ("\"a\nb\"", "1:3", "control character 0xa in string, expected an escape"),
        ("\"\\x\"", "1:3", "invalid escape '\\x'"),
        ("\"\\u12g4\"", "1:6", "invalid unicode escape, expected a hex digit"),
        ("tru", "1:1", "invalid literal, expected 'true'"),
        ("nul", "1:1", "invalid literal, expected 'null'"),
        ("01", "1:2", "unexpected character '1' after the document"),
        ("-", "1:2", "invalid number, expected a digit"),
        ("1.", "1:3", "invalid number, expected a digit after '.'"),
        ("1e+", "1:4", "invalid number, expected a digit in the exponent"),
        ("{} {}", "1:4", "unexpected character '{' after the document"),
        ("\n\n  @", "3:3", "unexpected character '@', expected a value"),
        ("{\"k\":1,\n \"k\":2}", "2:2", "duplicate key 'k'"),
        ("[\u{1B}]", "1:2", "unexpected byte 0x1b, expected a value"),
    ])
    func reportsLocatedSyntaxErrors(input: String, location: String, message: String) {
        let error = failure(input)
        #expect(error?.kind == .syntax)
        #expect(error.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == location)
        #expect(error?.message == message)
        #expect(error?.description.hasPrefix("in.json:\(location): error: ") == true)
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let error = failure([UInt8(ascii: "\""), 0xFF, 0xFE, UInt8(ascii: "\"")])
        #expect(error?.message == "invalid utf-8 in string")
    }

    @Test func capsDepthWithoutRecursingFurther() {
        let deep = String(repeating: "[", count: 100_000)
        let error = failure(deep)
        #expect(error?.kind == .limitExceeded)
        #expect(error?.message == "nesting deeper than the limit of 64")
        #expect(error?.location.column == 65)
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(failure(ok) == nil)
    }

    @Test func capsSize() {
        let error = failure(Array("[1,2,3]".utf8), limits: JSONParser.Limits(maxBytes: 5))
        #expect(error?.kind == .limitExceeded)
    }

    @Test func truncatedDocumentsNeverCrash() {
        let document = Array(#"{"a":[1,{"b":"c\u00e9\n"},true,null,-1.5e-3],"d":{"e":[]}}"#.utf8)
        #expect(failure(document) == nil)
        for length in 0..<document.count {
            #expect(failure(Array(document[..<length])) != nil, "prefix of \(length) bytes parsed")
        }
    }

    @Test func hostileBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[]:,"\u0123456789.eE+-truefalsn "#.utf8) + [0x00, 0xFF, 0x0A]
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            if let error = failure(bytes) {
                #expect((error.location.line ?? 0) >= 1 && (error.location.column ?? 0) >= 1)
                #expect(!error.message.contains("\n"))
            }
        }
    }
}
