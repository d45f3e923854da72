import HostCheckCore

extension LinuxProcProbe {
    /// The run that covers every socket and owner of a Linux host, for `unknown` messages: as
    /// root on the host itself (not in a container's PID namespace), every namespace read.
    static let fullCapture = "sudo hostcheck check --all-namespaces"
    /// The run that settles what a probe that cannot see every process (a child PID namespace,
    /// `/proc` mounted `hidepid=`) leaves unknown.
    static let fullCaptureWhereAllIsVisible = fullCapture + " in the host's PID namespace, with a /proc that shows every process"

    /// The namespaces the options ask for; the own namespace's inode from `<root>/self/ns/net`.
    /// `missed` is set when `all` could not read some process's namespace (coverage is then partial).
    func namespaceTargets(diagnostics: inout [Diagnostic], missed: inout Bool) throws -> [NamespaceTarget] {
        let own = try? NetworkNamespaces.inode(procRoot: procRoot, of: "self").get()
        switch options.namespaces {
        case .own:
            return [NamespaceTarget(inode: own, pid: nil)]
        case .process(let pid):
            switch NetworkNamespaces.inode(procRoot: procRoot, of: String(pid)) {
            case .success(let inode):
                return [NamespaceTarget(inode: inode, pid: Int32(clamping: pid))]
            case .failure(let error):
                throw LinuxProbeError("cannot read the network namespace of process \(pid): \(error)",
                                      path: procRoot + "/\(pid)/ns/net")
            }
        case .all:
            let others = try NetworkNamespaces.others(procRoot: procRoot, pids: processIDs(), own: own)
            if others.unreadable > 0 {
                missed = true
                diagnostics.append(Diagnostic(
                    .warning,
                    "could not read the network namespace of \(others.unreadable) "
                        + (others.unreadable == 1 ? "process" : "processes") + "; sockets in namespaces only they use are missing",
                    at: SourceLocation(file: procRoot)))
            }
            return [NamespaceTarget(inode: own, pid: nil)] + others.targets
        }
    }

    /// Whether every network namespace was read (docs/cli.md, "What a live run can see"): `all`
    /// when `--all-namespaces` read them all, or when no process of `pids` is in another one;
    /// `host-only` when other namespaces exist but were not read (one warning counts them),
    /// when some processes' namespaces could not be read or processes are hidden (another
    /// namespace may exist unseen), and for `--netns`, which reads one namespace.
    func namespaceCoverage(pids: [Int32], hidden: Bool, missed: Bool, diagnostics: inout [Diagnostic]) -> NamespaceCoverage {
        switch options.namespaces {
        case .process:
            return .hostOnly
        case .all:
            return missed || hidden ? .hostOnly : .all
        case .own:
            let own = try? NetworkNamespaces.inode(procRoot: procRoot, of: "self").get()
            let others = NetworkNamespaces.others(procRoot: procRoot, pids: pids, own: own)
            let location = SourceLocation(file: procRoot)
            if !others.targets.isEmpty {
                let count = others.targets.count
                let what = count == 1 ? "1 other network namespace was" : "\(count) other network namespaces were"
                diagnostics.append(Diagnostic(.warning, "\(what) not read; use --all-namespaces", at: location))
                return .hostOnly
            }
            if others.unreadable > 0 {
                let what = others.unreadable == 1 ? "1 process" : "\(others.unreadable) processes"
                diagnostics.append(Diagnostic(
                    .note,
                    "could not read the network namespace of \(what); other network namespaces may hold sockets "
                        + "(run as root with --all-namespaces)",
                    at: location))
                return .hostOnly
            }
            return hidden ? .hostOnly : .all
        }
    }
}
