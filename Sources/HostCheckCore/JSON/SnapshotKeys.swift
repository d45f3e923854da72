/// The keys of a snapshot document (docs/schema/snapshot-2.json), in the order the writer writes
/// them: the one list the JSON writer, the JSON reader and the pack examples' decoder are held
/// to (the tests compare each of them, and the schema, with it).
package enum SnapshotKeys {
    /// The members of the document.
    package static let document = ["hostcheck_snapshot", "generator", "host", "sockets", "processes", "diagnostics"]
    /// The members of `host`.
    package static let host = ["name", "platform", "captured_at", "sources", "coverage", "labels"]
    /// The levels of `host.coverage`: all that snapshot-1 records.
    package static let coverageLevels = ["tcp", "udp", "ipv4", "ipv6", "owners"]
    /// The members of `host.coverage` (snapshot-2), also the keys of a pack example's `coverage:`.
    package static let coverage = coverageLevels + ["states", "ports", "users", "netns", "assumed", "full_capture"]
    /// The members of a socket.
    package static let socket = [
        "protocol", "family", "local_address", "local_port", "local_port_name", "local_zone", "remote_address",
        "remote_port", "remote_port_name", "state", "state_raw", "v6only", "netns", "ownership", "ownership_reason",
        "pids", "source",
    ]
    /// The members of a process.
    package static let process = ["pid", "ppid", "name", "name_truncated", "path", "cmdline", "user", "services", "kernel", "source"]
}
