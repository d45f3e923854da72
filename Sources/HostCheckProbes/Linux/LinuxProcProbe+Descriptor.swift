import HostCheckCore

extension LinuxProcProbe {
    /// The live Linux probe, with the options `--socket-source`, `--all-namespaces`, `--netns`
    /// and (for tests) `--proc-root`.
    package static let descriptor = ProbeDescriptor(
        id: "linux-proc",
        summary: "live Linux sockets and owners (netlink sock_diag or /proc/net, /proc/[pid]/fd)",
        platforms: [.linux], source: .live,
        options: [
            ProbeOption(name: "socket-source", help: "automatic (netlink, falling back to /proc/net), netlink or procfs"),
            ProbeOption(name: "all-namespaces", help: "true: also read every other network namespace"),
            ProbeOption(name: "netns", help: "a PID: read that process's network namespace instead of our own"),
            ProbeOption(name: "proc-root", help: "the proc file system to read (default /proc)"),
        ],
        make: { request throws(ProbeSetupError) in
            LinuxProcProbe(
                procRoot: request.options["proc-root"] ?? "/proc", hostName: request.hostName,
                options: try LinuxProbeOptions(request.options))
        })
}

extension LinuxProbeOptions {
    /// The options named as in ``LinuxProcProbe/descriptor``; missing ones take their defaults.
    /// - Throws: ``ProbeSetupError`` for a value that is not one of the option's.
    package init(_ named: [String: String]) throws(ProbeSetupError) {
        var socketSource = SocketSource.automatic
        if let text = named["socket-source"] {
            guard let source = SocketSource(rawValue: text) else {
                throw ProbeSetupError("socket-source takes automatic, netlink or procfs, not '\(text)'")
            }
            socketSource = source
        }
        var namespaces = Namespaces.own
        if let text = named["netns"] {
            guard let pid = Int(text), pid > 0 else { throw ProbeSetupError("netns takes a process id, not '\(text)'") }
            namespaces = .process(pid)
        }
        if let text = named["all-namespaces"] {
            guard text == "true" || text == "false" else {
                throw ProbeSetupError("all-namespaces takes true or false, not '\(text)'")
            }
            if text == "true" {
                guard named["netns"] == nil else { throw ProbeSetupError("all-namespaces and netns exclude each other") }
                namespaces = .all
            }
        }
        self.init(socketSource: socketSource, namespaces: namespaces)
    }
}
