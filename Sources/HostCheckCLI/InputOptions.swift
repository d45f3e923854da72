import ArgumentParser
import HostCheckCore

/// Where the facts come from: the live host, captured files, a snapshot, or a fleet directory
/// (`--fleet`, shown in the help and completions of the commands whose ``InputScope`` reads fleets).
struct InputOptions<Scope: InputScope>: ParsableArguments {
    @Flag(name: .long, help: "Probe the live host (the default when no other input is given).")
    var live = false

    @Option(name: .long, help: ArgumentHelp(
        "A captured file or a bundle directory; repeat to build one host from several files.",
        valueName: "file|dir"), completion: .file())
    var capture: [String] = []

    @Option(name: .long, help: ArgumentHelp("A snapshot JSON file (hostcheck facts --format json).", valueName: "file.json"),
            completion: Completions.snapshot)
    var snapshot: String?

    @Option(name: .long, help: ArgumentHelp(
        "A directory with one bundle sub-directory or one *.json snapshot per host.", valueName: "dir",
        visibility: Scope.readsFleets ? .default : .private), completion: .directory)
    var fleet: String?

    @Option(name: .long, help: ArgumentHelp(
        "Run the probe plugin hostcheck-probe-NAME (found in HOSTCHECK_PLUGIN_PATH, then PATH) and read its snapshot; "
            + "a built-in probe's id (hostcheck list probes) selects that probe.",
        valueName: "name"), completion: Completions.probes)
    var probe: String?

    @Option(name: .long, parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "An argument for the --probe plugin, passed as given (repeatable).", valueName: "arg"))
    var probeArg: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Seconds a plugin may run before its process group is killed.", valueName: "seconds"))
    var pluginTimeout: Double = 60

    @Option(name: .long, help: ArgumentHelp("The host name (single host only).", valueName: "name"))
    var host: String?

    @Option(name: .long, help: ArgumentHelp(
        "A host label KEY=VALUE for `applies_to: labels` (repeatable; adds to labels from host.json).",
        valueName: "key=value"))
    var label: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "What a pasted capture covers, KEY=VALUE (repeatable): tcp/udp/ipv4/ipv6/owners=full|partial|none, "
            + "states=all|listening, ports=all|P,P, users=all|U,U, netns=all|host-only; applied after host.json.",
        valueName: "key=value"))
    var coverage: [String] = []

    @Flag(name: .long, help: "Live: also read every other network namespace (containers) reachable through /proc/[pid]/ns/net.")
    var allNamespaces = false

    @Option(name: .long, help: ArgumentHelp("Live: read the network namespace of this process (a container) instead of our own.", valueName: "pid"))
    var netns: Int?

    @Option(name: .long, help: ArgumentHelp("Live: where sockets come from: automatic (netlink, falling back to /proc/net), netlink or procfs.", valueName: "source"),
            completion: Completions.socketSources)
    var socketSource: String?

    @Option(name: .long, help: .hidden)
    var procRoot: String = "/proc"

    func validate() throws {
        let chosen = [live, !capture.isEmpty, snapshot != nil, fleet != nil, probe != nil].filter { $0 }.count
        if chosen > 1 {
            throw ValidationError("choose one input: --live, --capture, --snapshot, --fleet or --probe")
        }
        if probe != nil, allNamespaces || netns != nil || socketSource != nil || procRoot != "/proc" {
            throw ValidationError("--probe runs a plugin; --all-namespaces, --netns and --socket-source are the live probe's options")
        }
        if !probeArg.isEmpty, probe == nil {
            throw ValidationError("--probe-arg passes an argument to a probe plugin; give --probe NAME")
        }
        if !(pluginTimeout > 0 && pluginTimeout <= 86_400) {
            throw ValidationError("--plugin-timeout takes a number of seconds above 0 and at most 86400")
        }
        if allNamespaces, netns != nil {
            throw ValidationError("--all-namespaces and --netns exclude each other")
        }
        for item in label where !item.contains("=") || item.hasPrefix("=") {
            throw ValidationError("--label takes KEY=VALUE, not '\(item)'")
        }
        if fleet != nil, host != nil {
            throw ValidationError("--host names a single host; it cannot be used with --fleet")
        }
        if !coverage.isEmpty, capture.isEmpty {
            throw ValidationError("--coverage describes pasted captures; use it with --capture")
        }
        do {
            _ = try CoverageDeclaration(settings: coverage)
        } catch {
            throw ValidationError("--coverage: \(error.message)")
        }
    }

    /// The input as a value.
    var source: InputSource {
        if !capture.isEmpty { return .capture(capture) }
        if let snapshot { return .snapshot(snapshot) }
        if let fleet { return .fleet(fleet) }
        if let probe { return .plugin(name: probe, arguments: probeArg, timeout: pluginTimeout) }
        return .live(options: liveOptions)
    }

    /// The `--coverage` options as one declaration (a later KEY wins); nil when none is given.
    /// - Throws: ``CLIError`` (exit 64) for an unknown key or a value it does not take.
    var coverageDeclaration: CoverageDeclaration? {
        get throws {
            guard !coverage.isEmpty else { return nil }
            do {
                return try CoverageDeclaration(settings: coverage)
            } catch {
                throw CLIError(.usage, "--coverage: \(error.message)")
            }
        }
    }

    /// The `--label` options as a dictionary (a later KEY wins).
    var labels: [String: String] {
        var labels: [String: String] = [:]
        for item in label {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            labels[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return labels
    }

    /// The live probe's options that differ from their defaults, named as its descriptor
    /// names them (`socket-source`, `all-namespaces`, `netns`, `proc-root`).
    var liveOptions: [String: String] {
        var options: [String: String] = [:]
        if let socketSource, socketSource != "automatic" { options["socket-source"] = socketSource }
        if allNamespaces { options["all-namespaces"] = "true" }
        if let netns { options["netns"] = String(netns) }
        if procRoot != "/proc" { options["proc-root"] = procRoot }
        return options
    }
}

/// Which commands take which inputs: `check` reads a fleet, `facts` one host.
protocol InputScope {
    /// Whether `--fleet` is offered.
    static var readsFleets: Bool { get }
}

/// `check`: one host or a fleet.
enum HostsOrFleet: InputScope {
    static let readsFleets = true
}

/// `facts`: one host (`--fleet` is hidden and refused).
enum OneHost: InputScope {
    static let readsFleets = false
}

/// The kind of input a command reads.
enum InputSource: Sendable, Hashable {
    /// The registry's live probe for this platform, with options by name (empty: defaults).
    case live(options: [String: String])
    case capture([String])
    case snapshot(String)
    case fleet(String)
    /// `--probe NAME`: a probe plugin with its arguments and timeout in seconds, or the built-in
    /// live probe when NAME is its id.
    case plugin(name: String, arguments: [String], timeout: Double)
}
