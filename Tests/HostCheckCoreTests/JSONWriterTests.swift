import Testing
import HostCheckCore

@Suite struct JSONWriterTests {
    private func compact(_ body: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        body(&writer)
        return writer.takeString()
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote\"back\\slash", #""quote\"back\\slash""#),
        ("line\nfeed\ttab\r", #""line\u000afeed\u0009tab\u000d""#),
        ("nul\u{0}", #""nul\u0000""#),
        ("esc\u{1B}[31m", #""esc\u001b[31m""#),
        ("del\u{7F}", #""del\u007f""#),
        ("c1\u{85}\u{9B}", #""c1\u0085\u009b""#),
        ("sep\u{2028}\u{2029}", #""sep\u2028\u2029""#),
        ("<script>alert(1)</script>", #""<script>alert(1)</script>""#),
        ("é ü 日本 🦊", #""é ü 日本 🦊""#),
        ("\u{A0}nbsp\u{2027}\u{202A}", "\"\u{A0}nbsp\u{2027}\\u202a\""),
        ("x\u{202E}gpj.exe", #""x\u202egpj.exe""#),
        ("\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}", #""\u202a\u202b\u202c\u202d\u202e""#),
        ("\u{2066}\u{2067}\u{2068}\u{2069}", #""\u2066\u2067\u2068\u2069""#),
        ("lrm\u{200E}rlm\u{200F}alm\u{061C}", #""lrm\u200erlm\u200falm\u061c""#),
        // Neighbours of the escaped scalars pass as they are.
        ("\u{200D}\u{2029}\u{202F}\u{2065}\u{206A}\u{061B}\u{061D}\u{0600}", "\"\u{200D}\\u2029\u{202F}\u{2065}\u{206A}\u{061B}\u{061D}\u{0600}\""),
        ("", #""""#),
        // Eight bytes at a time, then the rest: an escape in either part, or none.
        ("abcdefgh", #""abcdefgh""#),
        ("abcdefghijklmnopq", #""abcdefghijklmnopq""#),
        ("abcdefg\"ijklmnop", #""abcdefg\"ijklmnop""#),
        ("abcdefghijklmnop\\", #""abcdefghijklmnop\\""#),
        ("abcdefghijklmnop\u{1F}", #""abcdefghijklmnop\u001f""#),
        ("\u{0}bcdefghijklmnop", #""\u0000bcdefghijklmnop""#),
        ("abcdefghijklmno\u{7F}", #""abcdefghijklmno\u007f""#),
        ("C:\\Program Files\\Magaya\\magaya.exe", #""C:\\Program Files\\Magaya\\magaya.exe""#),
        ("Größenänderung läuft", #""Größenänderung läuft""#),
        ("abcdefghijklmnop\u{2028}", #""abcdefghijklmnop\u2028""#),
        ("abcdefghijklmnop\u{85}", #""abcdefghijklmnop\u0085""#),
        ("abcdefghijklmnop~ !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}", #""abcdefghijklmnop~ !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}""#),
    ])
    func escapesStrings(input: String, expected: String) {
        #expect(compact { $0.string(input) } == expected)
    }

    @Test func writesScalars() {
        let text = compact { json in
            json.beginArray()
            json.int(0); json.int(-42); json.int(Int.max); json.int(Int.min)
            json.uint(UInt64.max); json.bool(true); json.bool(false); json.null()
            json.string(nil as String?); json.int(nil as Int?); json.bool(nil as Bool?)
            json.double(0.25); json.double(.nan); json.double(.infinity); json.double(3)
            json.endArray()
        }
        #expect(text == "[0,-42,9223372036854775807,-9223372036854775808,18446744073709551615,true,false,null,null,null,null,0.25,null,null,3.0]")
    }

    @Test func prettyPrintsWithTwoSpaces() {
        var json = JSONWriter(pretty: true)
        json.beginObject()
        json.key("a"); json.ints([1, 2])
        json.key("empty"); json.beginObject(); json.endObject()
        json.key("none"); json.ints([])
        json.key("o"); json.beginObject(); json.key("k"); json.string("v"); json.endObject()
        json.endObject()
        #expect(json.takeString() == """
        {
          "a": [
            1,
            2
          ],
          "empty": {},
          "none": [],
          "o": {
            "k": "v"
          }
        }
        """)
    }

    @Test func compactHasNoWhitespace() {
        let text = compact { json in
            json.beginObject(); json.key("a"); json.beginArray(); json.int(1); json.beginObject(); json.endObject(); json.endArray()
            json.key("b"); json.null(); json.endObject()
        }
        #expect(text == #"{"a":[1,{}],"b":null}"#)
    }

    @Test func streamsInPiecesWithTakeBytes() {
        var json = JSONWriter()
        json.beginObject()
        json.key("items"); json.beginArray()
        var pieces = [json.takeString()]
        #expect(json.depth == 2)
        for index in 0..<3 {
            json.int(index)
            pieces.append(json.takeString())
        }
        json.endArray(); json.endObject()
        pieces.append(json.takeString())
        #expect(pieces == [#"{"items":["#, "0", ",1", ",2", "]}"])
        #expect(json.depth == 0)
    }

    @Test func escapedOutputParsesBackToTheSameString() throws {
        let hostile = "a\"b\\c\u{0}\u{1F}\u{7F}\u{80}\u{9F}\u{2028}\n\r\t</script>]]>🦊\u{FEFF}"
        var json = JSONWriter()
        json.string(hostile)
        let node = try JSONParser().parse(json.takeBytes(), file: "t.json")
        #expect(node.value == .string(hostile))
    }
}
