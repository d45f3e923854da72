import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The hostile-input catalogue (docs/fuzzing.md, "The hostile-input catalogue"): every
/// `Tests/HostileCatalogue/<class>/<case>/case.json` names the command, what to lay out before
/// it runs (FIFOs, devices, symlinks and unreadable files are made here, never kept in git), the
/// exit code and a message the output must hold, and what it must not hold.
@Suite(.serialized) struct HostileCatalogueTests {
    /// One case as `case.json` states it. In arguments and setup, `$ROOT` is the package root,
    /// `$CASE` the case's directory and `$TMP` a fresh directory for the run.
    struct Case: Decodable {
        var arguments: [String]
        /// Steps: `fifo PATH`, `endless-writer PATH` (a writer of /dev/urandom into a FIFO),
        /// `symlink LINK TARGET`, `mkdir PATH`, `copy FROM TO`, `unreadable PATH`.
        var setup: [[String]]?
        var exit: Int32
        var message: String
        var absent: [String]?
        /// Permission is not denied to root: the case runs only for another user.
        var needs_non_root: Bool?
    }

    static let root = HostCheckRunner.packageRoot.path
    static let catalogue = root + "/Tests/HostileCatalogue"

    /// Every case directory, as (class, case).
    static func cases() throws -> [(kind: String, name: String)] {
        let manager = FileManager.default
        var found: [(String, String)] = []
        for kind in try manager.contentsOfDirectory(atPath: catalogue).sorted() {
            let directory = catalogue + "/" + kind
            guard let names = try? manager.contentsOfDirectory(atPath: directory) else { continue }
            for name in names.sorted() where manager.fileExists(atPath: "\(directory)/\(name)/case.json") {
                found.append((kind, name))
            }
        }
        return found
    }

    @Test func everyCaseEndsAsItsCaseFileSays() throws {
        let cases = try Self.cases()
        var counts: [String: Int] = [:]
        var skipped = 0
        for (kind, name) in cases {
            counts[kind, default: 0] += 1
            let directory = "\(Self.catalogue)/\(kind)/\(name)"
            let spec = try JSONDecoder().decode(Case.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/case.json")))
            if spec.needs_non_root == true && geteuid() == 0 {
                skipped += 1
                continue
            }
            try run(spec, label: "\(kind)/\(name)", directory: directory)
        }
        let summary = counts.keys.sorted().map { "\($0)=\(counts[$0] ?? 0)" }.joined(separator: " ")
        print("hostile catalogue: \(cases.count) cases in \(counts.count) classes (\(skipped) skipped as root): \(summary)")
        #expect(counts.count >= 16, "every class of the audits, and the fuzz findings, has cases")
    }

    private func run(_ spec: Case, label: String, directory: String) throws {
        let temporary = try HostCheckRunner.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let expand = { (text: String) in
            text.replacingOccurrences(of: "$ROOT", with: Self.root).replacingOccurrences(of: "$CASE", with: directory)
                .replacingOccurrences(of: "$TMP", with: temporary)
        }
        var writers: [pid_t] = []
        defer { writers.forEach(BoundedRunner.stop) }
        for step in spec.setup ?? [] {
            let operands = step.dropFirst().map(expand)
            switch (step.first, operands.count) {
            case ("fifo", 1): #expect(mkfifo(operands[0], 0o600) == 0, "\(label): mkfifo")
            case ("endless-writer", 1): writers.append(try BoundedRunner.background("exec cat /dev/urandom > \"$0\"", argument: operands[0]))
            case ("symlink", 2): try FileManager.default.createSymbolicLink(atPath: operands[0], withDestinationPath: operands[1])
            case ("mkdir", 1): try FileManager.default.createDirectory(atPath: operands[0], withIntermediateDirectories: true)
            case ("copy", 2): try FileManager.default.copyItem(atPath: operands[0], toPath: operands[1])
            case ("unreadable", 1): #expect(chmod(operands[0], 0) == 0, "\(label): chmod")
            default: Issue.record("\(label): unknown setup step \(step)")
            }
        }
        let result = try BoundedRunner.run(spec.arguments.map(expand), timeout: 20)
        #expect(!result.timedOut, "\(label): timed out")
        #expect(result.status == spec.exit, "\(label): exit \(result.status), expected \(spec.exit)\n\(result.output.prefix(2000))")
        #expect(result.output.contains(expand(spec.message)), "\(label): no '\(spec.message)' in\n\(result.output.prefix(2000))")
        for text in spec.absent ?? [] {
            #expect(!result.output.contains(text), "\(label): '\(text.debugDescription)' in the output")
        }
    }
}
