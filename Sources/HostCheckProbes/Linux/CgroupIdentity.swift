/// The systemd unit, cgroup and container id of a process, from `/proc/PID/cgroup`
/// (docs/rule-packs.md, "How strong is this identity?").
struct CgroupIdentity: Sendable, Hashable {
    /// The cgroup v2 path (`0::/system.slice/sshd.service`), else the v1 `name=systemd` one.
    var cgroup: String?
    /// The outermost `.service` or `.scope` component: the unit systemd started. The cgroups
    /// below a unit may be delegated to it (a user manager's `user@1000.service` holds the user's
    /// own units, named as the user likes), so a deeper name is not systemd's word.
    var unit: String?
    /// A 64-hex container id shown by a `docker-`, `cri-containerd-`, `crio-` or `libpod-`
    /// scope, or a bare id under a `docker`, `kubepods` or `containerd` cgroup.
    var containerID: String?

    /// Parses the file's lines (`hierarchy-ID:controllers:path`).
    init(parsing bytes: [UInt8]) {
        var v1: String?
        for line in bytes.split(separator: 0x0A) {
            let parts = line.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let path = ProcessName.text(parts[2])
            if parts[0].elementsEqual("0".utf8), parts[1].isEmpty {
                cgroup = path
            } else if parts[1].elementsEqual("name=systemd".utf8) {
                v1 = path
            }
        }
        if cgroup == nil || cgroup == "/" , let v1 { cgroup = v1 }
        guard let cgroup else { return }
        let components = cgroup.split(separator: "/").map(String.init)
        unit = components.first { $0.hasSuffix(".service") || $0.hasSuffix(".scope") }
        containerID = Self.containerID(components)
    }

    init(cgroup: String?, unit: String?, containerID: String?) {
        self.cgroup = cgroup
        self.unit = unit
        self.containerID = containerID
    }

    static let scopePrefixes = ["docker-", "cri-containerd-", "crio-", "libpod-", "containerd-"]
    static let runtimeMarkers = ["docker", "kubepods", "containerd", "libpod", "crio"]

    /// The deepest component naming a container.
    static func containerID(_ components: [String]) -> String? {
        let underRuntime = components.contains { component in runtimeMarkers.contains { component.contains($0) } }
        for component in components.reversed() {
            var name = Substring(component)
            if name.hasSuffix(".scope") { name = name.dropLast(".scope".count) }
            if let prefix = scopePrefixes.first(where: { name.hasPrefix($0) }) {
                name = name.dropFirst(prefix.count)
                if isContainerID(name) { return String(name) }
            } else if underRuntime, isContainerID(name) {
                return String(name)
            }
        }
        return nil
    }

    static func isContainerID(_ text: Substring) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}
