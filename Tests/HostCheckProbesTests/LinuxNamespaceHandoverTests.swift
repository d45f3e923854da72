import HostCheckCore
@testable import HostCheckProbes
import Testing

/// A namespace's process can exit, or its PID be reused, between listing namespaces and
/// reading their tables: the reader goes on with the namespace's next process, and a
/// namespace whose processes all left is noted, not an error.
struct LinuxNamespaceHandoverTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var target: NamespaceTarget
        /// The table files the sockets came from, or nil when the namespace vanished.
        var files: [String]?
        var testDescription: String { label }
    }

    static let otherNamespace: UInt64 = 4_026_532_999

    static let cases: [Case] = [
        Case(label: "its own process", target: NamespaceTarget(inode: otherNamespace, pid: 1200),
             files: ["<root>/1200/net/tcp", "<root>/1200/net/tcp6"]),
        Case(label: "first process exited", target: NamespaceTarget(inode: otherNamespace, pid: 9999, alternates: [1200]),
             files: ["<root>/1200/net/tcp", "<root>/1200/net/tcp6"]),
        Case(label: "first PID reused in another namespace",
             target: NamespaceTarget(inode: otherNamespace, pid: 1100, alternates: [1200]),
             files: ["<root>/1200/net/tcp", "<root>/1200/net/tcp6"]),
        Case(label: "every process exited", target: NamespaceTarget(inode: otherNamespace, pid: 9999, alternates: [9998]),
             files: nil),
    ]

    @Test(arguments: cases)
    func readsTheNamespaceThroughAProcessStillInIt(_ test: Case) throws {
        let root = LinuxFixtures.procRoot("namespaces")
        let collector = SocketTableCollector(procRoot: root, source: .procfs)
        var used = false
        let reading = try collector.read(test.target, netlinkUsed: &used)
        if let files = test.files {
            #expect(!reading.namespaceVanished)
            #expect(Set(reading.sockets.map { LinuxFixtures.relative($0.source.file, procRoot: root) }) == Set(files))
            #expect(reading.sockets.allSatisfy { $0.netns == Self.otherNamespace })
        } else {
            #expect(reading.namespaceVanished)
            #expect(reading.sockets.isEmpty)
            #expect(reading.diagnostics.map { LinuxFixtures.line($0, procRoot: root) } == [
                "<root>/9999/ns/net: note: net:[4026532999] was not read: every process in it exited while the probe ran",
            ])
        }
    }

    @Test func namespacesKeepEveryProcessAsAnAlternate() {
        let root = LinuxFixtures.procRoot("namespaces")
        let others = NetworkNamespaces.others(procRoot: root, pids: [1100, 1200, 1200, 9999], own: 4_026_531_840)
        #expect(others.targets == [NamespaceTarget(inode: Self.otherNamespace, pid: 1200, alternates: [1200])])
        #expect(others.unreadable == 0)
    }
}
