import Foundation
import Testing

/// `--fleet` entries and bundles, one rule (docs/cli.md, "Fleet entries"); `host.json`
/// claims; declared coverage. Every fleet here is built in a temporary directory.
@Suite struct FleetEntryTests {
    static let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")
    static let tasklist = HostCheckRunner.fixture("windows/tasklist-magaya.csv")

    /// A fleet directory; `build` fills it.
    static func fleet(_ build: (URL) throws -> Void) throws -> URL {
        let directory = try HostCheckRunner.temporaryDirectory().appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try build(directory)
        return directory
    }

    /// An honest Windows bundle (`netstat -ano` and `tasklist /fo csv` of a compliant host),
    /// with `host.json` text when given.
    static func bundle(_ name: String, in fleet: URL, hostJSON: String? = nil) throws {
        let directory = fleet.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: netstat, toPath: directory.appendingPathComponent("netstat.txt").path)
        try FileManager.default.copyItem(atPath: tasklist, toPath: directory.appendingPathComponent("tasklist.csv").path)
        if let hostJSON { try hostJSON.write(to: directory.appendingPathComponent("host.json"), atomically: true, encoding: .utf8) }
    }

    static func check(_ fleet: URL, _ extra: [String] = []) throws -> HostCheckRun {
        try HostCheckRunner.run(["check", "--fleet", fleet.path] + extra)
    }

    enum NoHost: String, CaseIterable { case empty, onlyReadmeAndDotfiles }

    @Test(arguments: NoHost.allCases)
    func aFleetWithNoHostIsAUsageError(_ kind: NoHost) throws {
        let fleet = try Self.fleet { directory in
            if kind == .onlyReadmeAndDotfiles {
                try "hosts go here".write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
                try "x".write(to: directory.appendingPathComponent(".DS_Store"), atomically: true, encoding: .utf8)
            }
        }
        let run = try Self.check(fleet)
        #expect(run.status == 64, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("no host in the fleet directory"))
        let nagios = try Self.check(fleet, ["--format", "nagios"])
        #expect(nagios.status == 3)
        #expect(nagios.stdout.hasPrefix("HOSTCHECK UNKNOWN - "), "\(nagios.stdout)")
        #expect(!nagios.stdout.contains("OK"))
    }

    enum BadEntry: String, CaseIterable { case looseCapture, upperCaseJSON, fifo, symlinkLoop, danglingLink, caseTwins }

    /// Whatever else the directory holds (here an honest bundle), a bad entry is a host that is
    /// `error`, named after the entry: never exit 0, never `OK`.
    @Test(arguments: BadEntry.allCases)
    func aBadEntryIsANamedHostError(_ kind: BadEntry) throws {
        let fleet = try Self.fleet { directory in
            try Self.bundle("good", in: directory)
            let path = { (name: String) in directory.appendingPathComponent(name).path }
            switch kind {
            case .looseCapture: try FileManager.default.copyItem(atPath: Self.netstat, toPath: path("netstat.txt"))
            case .upperCaseJSON:
                let snapshot = try HostCheckRunner.run(["facts", "--capture", directory.appendingPathComponent("good").path, "--format", "json"])
                try snapshot.stdout.write(toFile: path("h1.JSON"), atomically: true, encoding: .utf8)
            case .fifo: #expect(mkfifo(path("pipe"), 0o600) == 0)
            case .symlinkLoop: try FileManager.default.createSymbolicLink(atPath: path("loop"), withDestinationPath: "loop")
            case .danglingLink: try FileManager.default.createSymbolicLink(atPath: path("gone"), withDestinationPath: "nowhere")
            case .caseTwins: try Self.bundle("GOOD", in: directory)
            }
        }
        let expectedName = [
            BadEntry.looseCapture: "netstat.txt", .upperCaseJSON: "h1.JSON", .fifo: "pipe", .symlinkLoop: "loop",
            .danglingLink: "gone", .caseTwins: "GOOD",
        ][kind]!
        let run = try Self.check(fleet)
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("\n\(expectedName) (unknown)") || run.stdout.hasPrefix("\(expectedName) (unknown)"), "\(run.stdout)")
        #expect(run.stdout.contains("2 hosts"))
        #expect(!run.stdout.contains(" 0 error"), "\(run.stdout)")
        if kind == .caseTwins {
            #expect(run.stdout.contains("46 error"), "both twins are errors: \(run.stdout)")
        }
        let nagios = try Self.check(fleet, ["--format", "nagios"])
        #expect(nagios.status == 3)
        #expect(!nagios.stdout.hasPrefix("HOSTCHECK OK"), "\(nagios.stdout)")
    }

    /// A `host.json` that says `linux` over Windows captures: the host is `error`, no rule
    /// skipped for the claimed platform.
    @Test func aPlatformLieMakesTheHostAnError() throws {
        let fleet = try Self.fleet { directory in
            try Self.bundle("h1", in: directory, hostJSON: #"{"hostcheck_bundle": 1, "platform": "linux"}"#)
        }
        let run = try Self.check(fleet)
        #expect(run.status == 2, "\(run.stdout)")
        #expect(run.stdout.contains("host.json says platform 'linux', but"), "\(run.stdout)")
        #expect(run.stdout.contains("0 pass, 0 fail, 0 unknown, 23 error, 0 skip"), "\(run.stdout)")
    }

    /// In a bundle, a member that cannot be recognised or read (a sub-directory) is an error;
    /// a README is ignored as in a fleet.
    @Test(arguments: ["notes.txt", "subdir/", "README.md"])
    func aBundleMemberThatIsNoCaptureIsAnError(_ member: String) throws {
        let fleet = try Self.fleet { directory in
            try Self.bundle("h1", in: directory)
            let path = directory.appendingPathComponent("h1").appendingPathComponent(member)
            if member.hasSuffix("/") {
                try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
            } else {
                try "some notes".write(to: path, atomically: true, encoding: .utf8)
            }
        }
        let run = try Self.check(fleet)
        #expect(run.status == (member == "README.md" ? 0 : 2), "\(run.stdout)")
    }

    /// Two bundles and one snapshot of compliant hosts pass; a name the host reports that
    /// differs from its entry is kept, with a warning.
    @Test func anHonestFleetPassesNamedByItsEntries() throws {
        let fleet = try Self.fleet { directory in
            try Self.bundle("h1", in: directory, hostJSON: #"{"hostcheck_bundle": 2, "host": "WH-BERLIN-02", "platform": "windows"}"#)
            try Self.bundle("h2", in: directory)
            let snapshot = try HostCheckRunner.run(["facts", "--capture", directory.appendingPathComponent("h2").path, "--format", "json"])
            try snapshot.stdout.write(to: directory.appendingPathComponent("h3.json"), atomically: true, encoding: .utf8)
            try "three hosts".write(to: directory.appendingPathComponent("README"), atomically: true, encoding: .utf8)
        }
        let run = try Self.check(fleet)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("3 hosts, 23 rules: 69 pass"), "\(run.stdout)")
        for name in ["h1", "h2", "h3"] { #expect(run.stdout.contains("\(name) (windows)"), "\(run.stdout)") }
        #expect(run.stdout.contains("the host reports its name as 'WH-BERLIN-02'; the fleet entry's name 'h1' is used"))
        #expect(run.stdout.contains("the host reports its name as 'h2'; the fleet entry's name 'h3' is used"))
    }

    /// A bundle may hold one snapshot and a `host.json`; anything else beside a snapshot is an error.
    @Test(arguments: [false, true])
    func aBundleMayHoldOneSnapshotAndHostJSON(_ withCapture: Bool) throws {
        let fleet = try Self.fleet { directory in
            try Self.bundle("src", in: directory)
            let snapshot = try HostCheckRunner.run(["facts", "--capture", directory.appendingPathComponent("src").path, "--format", "json"])
            let bundle = directory.appendingPathComponent("h1")
            try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
            try snapshot.stdout.write(to: bundle.appendingPathComponent("facts.json"), atomically: true, encoding: .utf8)
            try #"{"hostcheck_bundle": 2, "labels": {"env": "prod"}}"#.write(
                to: bundle.appendingPathComponent("host.json"), atomically: true, encoding: .utf8)
            if withCapture { try FileManager.default.copyItem(atPath: Self.netstat, toPath: bundle.appendingPathComponent("n.txt").path) }
            try FileManager.default.removeItem(at: directory.appendingPathComponent("src"))
        }
        let run = try Self.check(fleet)
        #expect(run.status == (withCapture ? 2 : 0), "\(run.stdout)")
        if withCapture { #expect(run.stdout.contains("a bundle with a snapshot holds only a host.json beside it")) }
    }

    /// host.json version 2 `coverage` and `sources`, and `--coverage`, reach the host's coverage
    /// with where they were declared; a rule outside it is `unknown`, never `pass`.
    @Test(arguments: [
        (#""coverage": {"ipv6": "none"}"#, #""ipv6":"none""#, "ipv6: declared in host.json)"),
        (#""sources": [{"file": "netstat.txt", "command": "netstat -ano -p tcp"}]"#, #""udp":"none""#,
         "tcp, udp, ipv4, ipv6, owners, states, ports: declared: netstat -ano -p tcp)"),
    ])
    func declaredCoverageIsAppliedWithItsOrigin(_ key: String, _ fact: String, _ origin: String) throws {
        let fleet = try Self.fleet { directory in
            try Self.bundle("h1", in: directory, hostJSON: #"{"hostcheck_bundle": 2, "platform": "windows", "# + key + "}")
        }
        let bundle = fleet.appendingPathComponent("h1").path
        let facts = try HostCheckRunner.run(["facts", "--capture", bundle, "--format", "json"])
        #expect(facts.status == 0, "\(facts.stderr)")
        #expect(facts.stdout.contains(fact), "\(facts.stdout.prefix(2000))")
        let check = try HostCheckRunner.run(["check", "--capture", bundle])
        #expect(check.status == 2, "\(check.stdout)")
        #expect(!check.stdout.contains("PASS"))
        // Every assumption behind the gap is quoted, joined by "; "; the declaration closes it.
        #expect(check.stdout.contains(origin), "\(check.stdout)")
    }

    @Test func coverageOptionIsAppliedWithItsOrigin() throws {
        let pasted = try HostCheckRunner.run([
            "check", "--capture", Self.netstat, "--capture", Self.tasklist, "--coverage", "ipv6=none", "--coverage", "states=listening",
        ])
        #expect(pasted.status == 2, "\(pasted.stdout)")
        #expect(pasted.stdout.contains("ipv6, states: declared with --coverage)"), "\(pasted.stdout)")
        let facts = try HostCheckRunner.run(["facts", "--capture", Self.netstat, "--coverage", "ipv6=none", "--format", "json"])
        #expect(facts.status == 0)
        #expect(facts.stdout.contains(#""ipv6":"none""#))
        let snapshot = try HostCheckRunner.run(["check", "--snapshot", Self.netstat, "--coverage", "ipv6=none"])
        #expect(snapshot.status == 64, "--coverage describes pasted captures only")
    }

    @Test(arguments: [["--coverage", "ipv7=none"], ["--coverage", "ports=http"], ["--coverage", "states"]])
    func badCoverageIsAUsageError(_ option: [String]) throws {
        let run = try HostCheckRunner.run(["facts", "--capture", Self.netstat] + option)
        #expect(run.status == 64)
        #expect(run.stderr.contains("--coverage"), "\(run.stderr)")
        let check = try HostCheckRunner.run(["check", "--capture", Self.netstat] + option)
        #expect(check.status == 64)
    }

    @Test func aBundleOfANewerVersionIsAnError() throws {
        let fleet = try Self.fleet { directory in
            try Self.bundle("h1", in: directory, hostJSON: #"{"hostcheck_bundle": 3}"#)
        }
        let run = try Self.check(fleet)
        #expect(run.status == 2)
        #expect(run.stdout.contains("bundle version 3 is not one this hostcheck reads (1-2)"), "\(run.stdout)")
    }
}
