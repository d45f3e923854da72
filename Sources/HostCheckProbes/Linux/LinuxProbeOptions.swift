/// Choices of the live Linux probe, for the CLI's `--proc-source`, `--all-namespaces` and `--netns`.
package struct LinuxProbeOptions: Sendable, Hashable {
    /// Where socket tables come from.
    package enum SocketSource: String, Sendable, Hashable, CaseIterable {
        /// Netlink `sock_diag` on a live `/proc`, falling back to `/proc/net/*` per table when
        /// netlink is refused; always `/proc/net/*` for any other proc root.
        case automatic
        /// Netlink only: a table netlink refuses is not read (a warning, lower coverage).
        case netlink
        /// `/proc/net/{tcp,tcp6,udp,udp6}` text only.
        case procfs
    }

    /// Which network namespaces to read.
    package enum Namespaces: Sendable, Hashable {
        /// The probe's own namespace.
        case own
        /// The own namespace and every other one reachable through `/proc/[pid]/ns/net`.
        case all
        /// Only the namespace of this process (a container's).
        case process(Int)
    }

    package var socketSource: SocketSource
    package var namespaces: Namespaces
    /// Threads for the fd walk; nil picks one per core, at most 4.
    package var walkThreads: Int?

    package init(socketSource: SocketSource = .automatic, namespaces: Namespaces = .own, walkThreads: Int? = nil) {
        self.socketSource = socketSource
        self.namespaces = namespaces
        self.walkThreads = walkThreads
    }
}
