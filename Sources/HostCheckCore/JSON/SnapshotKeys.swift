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
    /// The members of a process in snapshot-1.
    package static let processV1 = ["pid", "ppid", "name", "name_truncated", "path", "cmdline", "user", "services", "kernel", "source"]
    /// The identity members of a process (snapshot-2, ``ProcessIdentity``), written before `source`.
    package static let processIdentity = [
        "uid", "exe_deleted", "path_verified", "path_problem", "sha256", "mnt_ns", "unit", "cgroup", "container_id",
        "parent_name", "parent_path", "name_mismatch", "signer", "signature_status",
    ]
    /// The members of a process (snapshot-2).
    package static let process = Array(processV1.dropLast()) + processIdentity + ["source"]
}
