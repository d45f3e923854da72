import Testing
import HostCheckCore
@testable import HostCheckReporters

/// The results-3 result laid out in scratch memory (`JSONWriter+Result`) has exactly the bytes
/// the generic writer gives the same members: the self-contained result of an NDJSON line
/// without its rule's fields and without the `null` members of its evidence, written again one
/// generic call per member, compact and pretty.
@Suite struct ResultLayoutTests {
    static let ruleFields: Set<String> = ["title", "severity", "tags", "remediation", "compliance"]

    /// Every kind of result the tests know: each outcome, hostile and bidirectional text,
    /// waivers with and without a location, capped evidence, sources without lines.
    static var results: [RuleResult] {
        var all = Samples.hostResults.results + Samples.hostileHost.results + BidiEscapingTests.host.results
        all += Outcome.allCases.map(ResultsRoundTripTests.result)
        var located = ResultsRoundTripTests.result(.waived)
        located.waiver = AppliedWaiver(reason: "r\u{2028}" + Samples.hostile, expires: "2027-01-31",
                                       location: SourceLocation(file: "waivers.yaml", line: nil, column: nil))
        located.missingCoverage = ["ipv6", "netns"]
        var capped = ResultsRoundTripTests.result(.fail)
        capped.evidence = Array(repeating: [
            Evidence(socket: ResultsEvidenceTests.fullSocket, processes: [ResultsEvidenceTests.fullProcess, ResultsEvidenceTests.bareProcess]),
            Evidence(socket: ResultsEvidenceTests.bareSocket, source: SourceLocation(file: "/proc/net/tcp"), note: ""),
            Evidence(),
        ], count: 20).flatMap { $0 }
        capped.evidenceTotal = 60
        return all + [located, capped]
    }

    /// The results as the reporter lays them out, in a `results` array of a document.
    static func laidOut(_ results: [RuleResult], pretty: Bool) -> String {
        var json = JSONWriter(pretty: pretty)
        json.beginObject()
        json.key("results")
        json.beginArray()
        for result in results { json.write(result) }
        json.endArray()
        json.endObject()
        return json.takeString()
    }

    /// The same document written member by member from the self-contained results.
    static func generic(_ results: [RuleResult], pretty: Bool) throws -> String {
        var json = JSONWriter(pretty: pretty)
        json.beginObject()
        json.key("results")
        json.beginArray()
        for result in results {
            var selfContained = JSONWriter(pretty: false)
            selfContained.writeSelfContained(result)
            let node = try parseJSON(selfContained.takeString())
            emit(without(node, keys: ruleFields, nulls: false), into: &json)
        }
        json.endArray()
        json.endObject()
        return json.takeString()
    }

    /// `node` without the object members named in `keys` at its top, and without the `null`
    /// members of objects below `evidence` (and everywhere, once `nulls` is true).
    static func without(_ node: JSONNode, keys: Set<String>, nulls: Bool) -> JSONNode {
        switch node.value {
        case .object(let object):
            var kept = JSONObject()
            for member in object.members where !keys.contains(member.key) && !(nulls && member.value.value == .null) {
                kept.add(member.key, without(member.value, keys: [], nulls: nulls || member.key == "evidence"))
            }
            return JSONNode(.object(kept), line: node.line, column: node.column)
        case .array(let items):
            return JSONNode(.array(items.map { without($0, keys: [], nulls: nulls) }), line: node.line, column: node.column)
        default:
            return node
        }
    }

    /// Writes `node` with one generic call per value.
    static func emit(_ node: JSONNode, into json: inout JSONWriter) {
        switch node.value {
        case .null: json.null()
        case .bool(let value): json.bool(value)
        case .number(let text):
            if let value = Int(text) { json.int(value) } else { json.uint(UInt64(text)) }
        case .string(let text): json.string(text)
        case .array(let items):
            json.beginArray()
            for item in items { emit(item, into: &json) }
            json.endArray()
        case .object(let object):
            json.beginObject()
            for member in object.members {
                json.key(member.key)
                emit(member.value, into: &json)
            }
            json.endObject()
        }
    }

    @Test(arguments: [false, true])
    func laidOutResultsAreTheGenericBytes(pretty: Bool) throws {
        let results = Self.results
        let laidOut = Self.laidOut(results, pretty: pretty)
        let generic = try Self.generic(results, pretty: pretty)
        #expect(laidOut == generic)
        #expect(try parseJSON(laidOut)["results"]?.items.count == results.count)
    }

    /// One result at a time, at the top level and nested in arrays: the indentation follows.
    @Test(arguments: [false, true], [0, 1, 4])
    func aResultAtAnyDepthIsTheGenericBytes(pretty: Bool, depth: Int) throws {
        for result in Self.results {
            var laidOut = JSONWriter(pretty: pretty)
            var generic = JSONWriter(pretty: pretty)
            for _ in 0..<depth {
                laidOut.beginArray()
                generic.beginArray()
            }
            laidOut.write(result)
            var selfContained = JSONWriter(pretty: false)
            selfContained.writeSelfContained(result)
            Self.emit(Self.without(try parseJSON(selfContained.takeString()), keys: Self.ruleFields, nulls: false), into: &generic)
            for _ in 0..<depth {
                laidOut.endArray()
                generic.endArray()
            }
            #expect(laidOut.takeString() == generic.takeString(), "\(result.rule)")
        }
    }
}
