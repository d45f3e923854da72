import Foundation
import Testing
import HostCheckCore

/// The process object laid out in one copy (``JSONWriter/write(_:)-(ProcessFact)``).
@Suite struct JSONProcessWriterTests {
    private static let full = ProcessFact(
        pid: 6120, ppid: 4, name: "nc64\"exe", nameTruncated: true, path: "C:\\Tools\\nc64.exe",
        cmdline: "nc64.exe -l -p 3691\u{1B}[31m", user: "NT AUTHORITY\\SYSTEM", services: ["Svc\u{202E}A", "B"],
        servicesListed: true, kernel: false,
        identity: ProcessIdentity(
            uid: -1, exeDeleted: true, pathVerified: false, pathProblem: "gone", sha256: String(repeating: "ab", count: 32),
            mountNamespace: UInt64.max, unit: "u.service", cgroup: "/system.slice", containerID: "c0ffee",
            parentName: "services.exe", parentPath: "C:\\Windows\\services.exe", nameMismatch: true,
            signer: "Größe GmbH", signatureStatus: "Valid"),
        source: SourceLocation(file: "tasklist.csv", line: 9, column: 2))

    @Test func writesEveryMemberInOrder() {
        var json = JSONWriter()
        json.write(Self.full)
        let expected = #"{"pid":6120,"ppid":4,"name":"nc64\"exe","name_truncated":true,"path":"C:\\Tools\\nc64.exe","#
            + #""cmdline":"nc64.exe -l -p 3691\u001b[31m","user":"NT AUTHORITY\\SYSTEM","services":["Svc\u202eA","B"],"#
            + #""kernel":false,"uid":-1,"exe_deleted":true,"path_verified":false,"path_problem":"gone","#
            + #""sha256":""# + String(repeating: "ab", count: 32) + #"","mnt_ns":18446744073709551615,"unit":"u.service","#
            + #""cgroup":"/system.slice","container_id":"c0ffee","parent_name":"services.exe","#
            + #""parent_path":"C:\\Windows\\services.exe","name_mismatch":true,"signer":"Größe GmbH","#
            + #""signature_status":"Valid","source":{"file":"tasklist.csv","line":9,"column":2}}"#
        #expect(json.takeString() == expected)
    }

    @Test func servicesNotCapturedAreNullAndNoneAreEmpty() {
        var json = JSONWriter(pretty: true)
        json.beginArray()
        json.write(processes: [
            ProcessFact(pid: 1, name: nil, source: SourceLocation(file: "x", line: 1)),
            ProcessFact(pid: 2, name: "s", servicesListed: true, source: SourceLocation(file: "x", line: 2)),
        ])
        json.endArray()
        let text = json.takeString()
        #expect(text.contains("\n      \"services\": null,\n"))
        #expect(text.contains("\n      \"services\": [],\n"))
        #expect(text.hasPrefix("[\n  [\n    {\n      \"pid\": 1,\n      \"ppid\": null,\n"))
        #expect(text.hasSuffix("      \"source\": {\n        \"file\": \"x\",\n        \"line\": 2\n      }\n    }\n  ]\n]"))
    }

    @Test func prettyIsCompactWithLayout() {
        var compact = JSONWriter()
        compact.write(Self.full)
        var pretty = JSONWriter(pretty: true)
        pretty.beginArray()
        pretty.write(Self.full)
        pretty.endArray()
        // No string of the sample holds `": ` or a line break, so the layout is all that differs.
        let flattened = pretty.takeString()
            .split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
            .replacingOccurrences(of: "\": ", with: "\":")
        #expect(flattened == "[" + compact.takeString() + "]")
    }
}
