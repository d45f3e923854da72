import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// Reads every file of the shared corpus (`../shared/corpus`) and checks what it yields.
@Suite("capture conformance over the shared corpus")
struct CaptureConformanceTests {
    enum Expected: Sendable {
        /// Parsed: exact counts, the encoding detected, and the lines left not understood.
        case parsed(format: String, encoding: CaptureEncoding, sockets: Int, listening: Int, processes: Int,
                    notUnderstood: [Int], why: String = "")
        /// Not read by this build, with the reason; the snapshot must carry an error naming the file.
        case notYetSupported(String)
    }

    static let table: [String: Expected] = [
        "freebsd-netstat-an-12.txt": .parsed(
            format: "bsd-netstat", encoding: .utf8, sockets: 6, listening: 5, processes: 0,
            notUnderstood: []),
        "linux-netstat-aeep-ubuntu1804.txt": .parsed(
            format: "linux-netstat", encoding: .utf8, sockets: 8, listening: 6, processes: 6,
            notUnderstood: []),
        "linux-netstat-lnp-centos77.txt": .parsed(
            format: "linux-netstat", encoding: .utf8, sockets: 7, listening: 7, processes: 4,
            notUnderstood: []),
        "linux-netstat-lnp-space-in-progname.txt": .parsed(
            format: "linux-netstat", encoding: .utf8, sockets: 25, listening: 25, processes: 17,
            notUnderstood: []),
        "linux-netstat-lnp-ubuntu1804.txt": .parsed(
            format: "linux-netstat", encoding: .utf8, sockets: 6, listening: 6, processes: 4,
            notUnderstood: []),
        "linux-netstat-lnp-udp-no-state.txt": .parsed(
            format: "linux-netstat", encoding: .utf8, sockets: 4, listening: 4, processes: 1,
            notUnderstood: []),
        "linux-netstat-old-format.txt": .parsed(
            format: "linux-netstat", encoding: .utf8, sockets: 2, listening: 2, processes: 2,
            notUnderstood: []),
        "linux-netstat-tan-es-localized-issue-wazuh-3071.txt": .parsed(
            format: "linux-netstat", encoding: .utf8, sockets: 5, listening: 3, processes: 0,
            notUnderstood: []),
        "linux-netstat-tanp-nonroot-issue-loxberry-361.txt": .parsed(
            format: "linux-netstat", encoding: .utf8, sockets: 8, listening: 4, processes: 0,
            notUnderstood: []),
        "linux-netstat-tulpn-issue-node-netstat-22.txt": .parsed(
            format: "linux-netstat", encoding: .utf8, sockets: 11, listening: 11, processes: 3,
            notUnderstood: []),
        "lsof-E-ipv6-endpoints-issue-lsof-linux-42.txt": .parsed(
            format: "lsof", encoding: .utf8, sockets: 1, listening: 0, processes: 1,
            notUnderstood: []),
        "lsof-nonroot-ubuntu1804-full.txt": .parsed(
            format: "lsof", encoding: .utf8, sockets: 0, listening: 0, processes: 0,
            notUnderstood: []),
        "lsof-sudo-centos77-full.txt": .parsed(
            format: "lsof", encoding: .utf8, sockets: 8, listening: 7, processes: 6,
            notUnderstood: []),
        "lsof-sudo-ubuntu1804-full.txt": .parsed(
            format: "lsof", encoding: .utf8, sockets: 7, listening: 6, processes: 6,
            notUnderstood: []),
        "macos-lsof-i-P-line-wazuh-docs.txt": .parsed(
            format: "lsof", encoding: .utf8, sockets: 1, listening: 0, processes: 1,
            notUnderstood: []),
        "macos-lsof-i-P-listen-issue-paretosecurity-69.txt": .parsed(
            format: "lsof", encoding: .utf8, sockets: 5, listening: 5, processes: 3,
            notUnderstood: []),
        "macos-lsof-listen-kame-scope-issue-ain-blockchain-935.txt": .parsed(
            format: "lsof", encoding: .utf8, sockets: 8, listening: 8, processes: 2,
            notUnderstood: []),
        "macos-lsof-n-i-5000-truncated-command-issue-nextstrain-561.txt": .parsed(
            format: "lsof", encoding: .utf8, sockets: 2, listening: 2, processes: 1,
            notUnderstood: []),
        "macos-netstat-An-1014.txt": .parsed(
            format: "bsd-netstat", encoding: .utf8, sockets: 137, listening: 88, processes: 0,
            notUnderstood: []),
        "macos-netstat-plain-1014.txt": .parsed(
            format: "bsd-netstat", encoding: .utf8, sockets: 157, listening: 104, processes: 0,
            notUnderstood: []),
        "powershell-get-nettcpconnection-table-bound-state.txt": .notYetSupported("Format-Table output is refused by design: columns are dropped and cut (docs/captures.md, \"Formats read\")"),
        "powershell-get-nettcpconnection-table-listen-timewait.txt": .notYetSupported("Format-Table output is refused by design: columns are dropped and cut (docs/captures.md, \"Formats read\")"),
        "powershell-get-nettcpconnection-table-truncated-ipv6.txt": .notYetSupported("Format-Table output is refused by design: columns are dropped and cut (docs/captures.md, \"Formats read\")"),
        "powershell-get-nettcpconnection-table-wrapped-owningprocess.txt": .notYetSupported("Format-Table output is refused by design: columns are dropped and cut (docs/captures.md, \"Formats read\")"),
        "powershell51-convertto-json-get-process.json": .parsed(
            format: "powershell-json", encoding: .utf8, sockets: 0, listening: 0, processes: 1,
            notUnderstood: []),
        "proc-net-tcp-jc.txt": .parsed(
            format: "proc-net", encoding: .utf8, sockets: 27, listening: 4, processes: 0,
            notUnderstood: []),
        "proc-net-tcp6-jc.txt": .parsed(
            format: "proc-net", encoding: .utf8, sockets: 8, listening: 1, processes: 0,
            notUnderstood: []),
        "proc-net-udp-connected-and-fd-links-blog.txt": .parsed(
            format: "proc-net", encoding: .utf8, sockets: 2, listening: 1, processes: 0,
            notUnderstood: [5, 6, 7, 8, 9, 10, 11, 12, 13], why: "the blog's 'll /proc/4175/fd' listing pasted after the table (lines 5-13)"),
        "proc-net-udp6-procfs.txt": .parsed(
            format: "proc-net", encoding: .utf8, sockets: 2, listening: 2, processes: 0,
            notUnderstood: []),
        "proc-net-unix-procfs.txt": .notYetSupported("recognised as proc-net-unix: lists no tcp or udp sockets"),
        "proc-pid-cmdline-empty-kthread-procfs.bin": .notYetSupported("a single /proc/[pid] file is not a socket or process listing"),
        "proc-pid-cmdline-nul-procfs.bin": .notYetSupported("a single /proc/[pid] file is not a socket or process listing"),
        "proc-pid-cmdline-trailing-nuls-procfs.bin": .notYetSupported("a single /proc/[pid] file is not a socket or process listing"),
        "proc-pid-comm-kthread-procfs.txt": .notYetSupported("a single /proc/[pid] file is not a socket or process listing"),
        "proc-pid-comm-procfs.txt": .notYetSupported("a single /proc/[pid] file is not a socket or process listing"),
        "proc-pid-stat-space-nl-in-comm-jc.txt": .notYetSupported("a single /proc/[pid] file is not a socket or process listing"),
        "proc-pid-status-jc.txt": .notYetSupported("recognised as proc-pid-status: lists no tcp or udp sockets"),
        "proc-pid-status-procfs.txt": .notYetSupported("recognised as proc-pid-status: lists no tcp or udp sockets"),
        "ss-a-centos77.txt": .parsed(
            format: "linux-ss", encoding: .utf8, sockets: 9, listening: 7, processes: 0,
            notUnderstood: []),
        "ss-a-ubuntu1804.txt": .parsed(
            format: "linux-ss", encoding: .utf8, sockets: 6, listening: 6, processes: 0,
            notUnderstood: []),
        "ss-tl-ubuntu-issue-util-linux-2066.txt": .parsed(
            format: "linux-ss", encoding: .utf8, sockets: 1, listening: 1, processes: 0,
            notUnderstood: []),
        "ss-tulpen-ubuntu1804.txt": .parsed(
            format: "linux-ss", encoding: .utf8, sockets: 73, listening: 73, processes: 39,
            notUnderstood: []),
        "ss-wide-process-column.txt": .parsed(
            format: "linux-ss", encoding: .utf8, sockets: 155, listening: 155, processes: 171,
            notUnderstood: []),
        "windows-netstat-a-p-udp-connected-issue-netstat2rs-7.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 14, listening: 13, processes: 0,
            notUnderstood: []),
        "windows-netstat-ab-en-issue-wsl-7377.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 12, listening: 12, processes: 0,
            notUnderstood: []),
        "windows-netstat-abo-fr-resolved-names.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 39, listening: 13, processes: 14,
            notUnderstood: []),
        "windows-netstat-an-de-oem-mojibake-abh-tm-ren.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 98, listening: 26, processes: 0,
            notUnderstood: []),
        "windows-netstat-an-de.cp850-crlf.DERIVED.txt": .parsed(
            format: "windows-netstat", encoding: .cp850, sockets: 98, listening: 26, processes: 0,
            notUnderstood: []),
        "windows-netstat-an-en-win10.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 260, listening: 228, processes: 0,
            notUnderstood: []),
        "windows-netstat-an-ru-issue-sap-tutorials-2971.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 18, listening: 17, processes: 0,
            notUnderstood: []),
        "windows-netstat-an-ru.cp866-crlf.DERIVED.txt": .parsed(
            format: "windows-netstat", encoding: .cp866, sockets: 18, listening: 17, processes: 0,
            notUnderstood: []),
        "windows-netstat-ano-en-win10.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 208, listening: 176, processes: 1,
            notUnderstood: []),
        "windows-netstat-ano-en-win10.utf16le-bom.DERIVED.txt": .parsed(
            format: "windows-netstat", encoding: .utf16LEBOM, sockets: 208, listening: 176, processes: 1,
            notUnderstood: []),
        "windows-netstat-ano-fr-de-oneline-flair.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 2, listening: 2, processes: 0,
            notUnderstood: [1, 10], why: "Markdown prose around two pasted captures: 'French' (line 1) and 'German' (line 10)"),
        "windows-netstat-ano-fr-win10-1909.cp850-crlf.DERIVED.txt": .parsed(
            format: "windows-netstat", encoding: .cp850, sockets: 156, listening: 126, processes: 1,
            notUnderstood: []),
        "windows-netstat-ano-fr-win10-1909.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 156, listening: 126, processes: 1,
            notUnderstood: []),
        "windows-netstat-ano-fr-win10-1909.utf16le-bom-crlf.DERIVED.txt": .parsed(
            format: "windows-netstat", encoding: .utf16LEBOM, sockets: 156, listening: 126, processes: 1,
            notUnderstood: []),
        "windows-netstat-ano-ja-jp.cp932-crlf.DERIVED.txt": .parsed(
            format: "windows-netstat", encoding: .cp932, sockets: 5, listening: 5, processes: 1,
            notUnderstood: []),
        "windows-netstat-ano-ja-jp.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 5, listening: 5, processes: 1,
            notUnderstood: []),
        "windows-netstat-ano-ko-kr.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 7, listening: 7, processes: 1,
            notUnderstood: []),
        "windows-netstat-ano-zh-cn-issue-billfeller-174.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 2, listening: 0, processes: 0,
            notUnderstood: []),
        "windows-netstat-anob-en-win10.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 318, listening: 255, processes: 50,
            notUnderstood: []),
        "windows-netstat-n-ja-jp-elided.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 2, listening: 0, processes: 0,
            notUnderstood: []),
        "windows-netstat-na-zh-cn-issue-xorbitsai-1053.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 19, listening: 18, processes: 0,
            notUnderstood: []),
        "windows-netstat-p-udp-anb-fr.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 26, listening: 26, processes: 0,
            notUnderstood: []),
        "windows-netstat-plain-en-win10.txt": .parsed(
            format: "windows-netstat", encoding: .utf8, sockets: 32, listening: 0, processes: 0,
            notUnderstood: [36], why: "the file ends inside its last row (no line end): the copy may be cut"),
        "windows-tasklist-csv-nh-en-issue-portos-796.txt": .parsed(
            format: "windows-tasklist-csv", encoding: .utf8, sockets: 0, listening: 0, processes: 1,
            notUnderstood: []),
        "windows-tasklist-fi-es.txt": .parsed(
            format: "windows-tasklist-table", encoding: .utf8, sockets: 0, listening: 0, processes: 6,
            notUnderstood: []),
        "windows-tasklist-fo-list-fr-issue-rabbitmq-1259.txt": .parsed(
            format: "windows-tasklist-list", encoding: .utf8, sockets: 0, listening: 0, processes: 1,
            notUnderstood: []),
        "windows-tasklist-fr-win10-1909.cp850-crlf.DERIVED.txt": .parsed(
            format: "windows-tasklist-table", encoding: .cp850, sockets: 0, listening: 0, processes: 219,
            notUnderstood: []),
        "windows-tasklist-fr-win10-1909.txt": .parsed(
            format: "windows-tasklist-table", encoding: .utf8, sockets: 0, listening: 0, processes: 219,
            notUnderstood: []),
        "windows-tasklist-svc-en-wrapped-services.txt": .parsed(
            format: "windows-tasklist-table", encoding: .utf8, sockets: 0, listening: 0, processes: 12,
            notUnderstood: []),
        "windows-tasklist-v-en-partial-with-more-pager.txt": .parsed(
            format: "windows-tasklist-table", encoding: .utf8, sockets: 0, listening: 0, processes: 4,
            notUnderstood: []),
        "windows-tasklist-v-fr-win10-1909.txt": .parsed(
            format: "windows-tasklist-table", encoding: .utf8, sockets: 0, listening: 0, processes: 228,
            notUnderstood: []),
        "windows-tasklist-v-ru-partial.txt": .parsed(
            format: "windows-tasklist-table", encoding: .utf8, sockets: 0, listening: 0, processes: 20,
            notUnderstood: []),
        "windows-tasklist-zh-cn.cp936-crlf.DERIVED.txt": .parsed(
            format: "windows-tasklist-table", encoding: .cp936, sockets: 0, listening: 0, processes: 8,
            notUnderstood: []),
        "windows-tasklist-zh-cn.txt": .parsed(
            format: "windows-tasklist-table", encoding: .utf8, sockets: 0, listening: 0, processes: 8,
            notUnderstood: []),
    ]

    static var corpusFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: CaptureFixtures.corpusDirectory.path)) ?? []
        return names.filter { $0 != "SOURCES.md" && !$0.hasPrefix(".") }.sorted()
    }

    static var corpusPresent: Bool {
        FileManager.default.fileExists(atPath: CaptureFixtures.corpusDirectory.path)
    }

    @Test(.enabled(if: corpusPresent, "../shared/corpus is absent: conformance skipped"))
    func everyCorpusFileIsInTheTable() {
        let missing = Self.corpusFiles.filter { Self.table[$0] == nil }
        #expect(missing.isEmpty, "corpus files missing from the conformance table: \(missing)")
    }

    @Test(.enabled(if: corpusPresent, "../shared/corpus is absent: conformance skipped"))
    func everyCorpusFileYieldsItsExpectedFacts() throws {
        for name in Self.corpusFiles {
            let path = CaptureFixtures.corpusDirectory.appendingPathComponent(name).path
            let snapshot = try CaptureProbe(paths: [path], hostName: nil).snapshot()
            let source = snapshot.host.sources.first
            let lines = snapshot.diagnostics.filter { $0.severity >= .warning }.compactMap(\.location?.line)
            let listening = snapshot.sockets.filter { $0.state == .listening }.count
            print("conformance: \(name): format \(source?.format ?? "-"), encoding \(source?.encoding ?? "-"), "
                + "\(snapshot.sockets.count) sockets (\(listening) listening), \(snapshot.processes.count) processes, "
                + "lines not understood: \(lines)"
                + (snapshot.diagnostics.first { $0.location?.line == nil && $0.severity == .error }.map { " [\($0.message)]" } ?? ""))
            switch Self.table[name] {
            case .parsed(let format, let encoding, let sockets, let listeners, let processes, let notUnderstood, _):
                #expect(source?.format == format, "\(name)")
                #expect(source?.encoding == encoding.rawValue, "\(name)")
                #expect(snapshot.sockets.count == sockets, "\(name)")
                #expect(listening == listeners, "\(name)")
                #expect(snapshot.processes.count == processes, "\(name)")
                #expect(lines == notUnderstood, "\(name)")
                #expect(!snapshot.diagnostics.contains { $0.severity == .error }, "\(name)")
            case .notYetSupported:
                #expect(snapshot.diagnostics.contains { $0.severity == .error && $0.location?.file == path }, "\(name)")
            case nil:
                break
            }
        }
    }

    /// The files issue 2 requires to parse with zero lines not understood.
    static let required = [
        "windows-netstat-an-en-win10.txt", "windows-netstat-ano-en-win10.txt",
        "windows-netstat-ano-en-win10.utf16le-bom.DERIVED.txt", "windows-tasklist-csv-nh-en-issue-portos-796.txt",
    ]

    @Test(.enabled(if: corpusPresent, "../shared/corpus is absent: conformance skipped"), arguments: required)
    func requiredFileParsesWithEveryLineUnderstood(_ name: String) throws {
        let path = CaptureFixtures.corpusDirectory.appendingPathComponent(name).path
        let snapshot = try CaptureProbe(paths: [path], hostName: nil).snapshot()
        #expect(snapshot.diagnostics.isEmpty)
        #expect(!(snapshot.sockets.isEmpty && snapshot.processes.isEmpty))
        guard case .parsed(_, _, _, _, _, let notUnderstood, _) = Self.table[name] else {
            Issue.record("\(name) must be parsed")
            return
        }
        #expect(notUnderstood.isEmpty)
    }

    @Test(.enabled(if: corpusPresent, "../shared/corpus is absent: conformance skipped"))
    func utf16DerivedCaptureGivesTheSameFacts() throws {
        let directory = CaptureFixtures.corpusDirectory
        let utf8 = try CaptureProbe(
            paths: [directory.appendingPathComponent("windows-netstat-ano-en-win10.txt").path], hostName: nil).snapshot()
        let utf16 = try CaptureProbe(
            paths: [directory.appendingPathComponent("windows-netstat-ano-en-win10.utf16le-bom.DERIVED.txt").path],
            hostName: nil).snapshot()
        let strip = { (socket: SocketFact) -> SocketFact in
            var copy = socket
            copy.source.file = ""
            return copy
        }
        #expect(utf8.sockets.map(strip) == utf16.sockets.map(strip))
        #expect(utf8.host.coverage == utf16.host.coverage)
        #expect(utf16.host.sources.first?.encoding == "utf-16le-bom")
    }
}
