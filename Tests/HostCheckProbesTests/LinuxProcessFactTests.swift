import Testing
@testable import HostCheckProbes

@Suite struct LinuxProcessFactTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// comm (as the file holds it), executable path, expected name, expected truncation.
    /// argv[0] is never read: the process writes it.
    @Test(arguments: [
        ("sshd\n", String?.some("/usr/sbin/sshd"), "sshd", false),
        ("gnome-keyring-d\n", "/usr/bin/gnome-keyring-daemon", "gnome-keyring-daemon", false),
        ("gnome-keyring-d\n", nil, "gnome-keyring-d", true),
        ("java-long-servi\n", "/usr/bin/java", "java-long-servi", true),
        ("exactly15bytes!\n", "/opt/exactly15bytes!", "exactly15bytes!", false),
        ("exactly15bytes!\n", nil, "exactly15bytes!", true),
        ("two\nlines\n", nil, "two\nlines", false),
        ("no-newline", nil, "no-newline", false),
        ("", nil, "", false),
    ])
    func namesFromCommAndExecutable(comm: String, exePath: String?, name: String, truncated: Bool) {
        let result = ProcessName.name(comm: ProcessName.comm(fromFile: Self.bytes(comm)), exePath: exePath)
        #expect(result.name == name)
        #expect(result.truncated == truncated)
    }

    @Test(arguments: [
        ("vim\0test.go\0+10\0", String?.some("vim test.go +10")),
        ("nginx: master process /usr/sbin/nginx", "nginx: master process /usr/sbin/nginx"),
        ("/usr/bin/padded --title\0\0\0\0\0", "/usr/bin/padded --title"),
        ("\0\0", nil),
        ("", nil),
    ])
    func joinsCommandLines(raw: String, expected: String?) {
        #expect(ProcessName.cmdline(Self.bytes(raw)) == expected)
    }

    @Test func readsPPidAndRealUIDFromStatus() {
        let status = ProcStatus(parsing: Self.bytes(
            "Name:\tfake\\nUid:\t0\nUmask:\t0022\nPid:\t42\nPPid:\t7\nUid:\t1000\t0\t0\t0\nGid:\t5\t5\t5\t5\n"))
        #expect(status.ppid == 7)
        #expect(status.realUID == 1000)
        let empty = ProcStatus(parsing: Self.bytes("Name:\tx\nUid:\tabc\n"))
        #expect(empty.ppid == nil)
        #expect(empty.realUID == nil)
    }

    @Test func parsesPasswdFilesAndFallsBackToTheNumber() {
        let names = UserNameResolver.parsePasswd(Self.bytes(
            "root:x:0:0:root:/root:/bin/bash\nbad\nalice:x:1000:1000::/home/alice:/bin/sh\nalias:x:1000:1000::/:/bin/sh\n"))
        #expect(names == [0: "root", 1000: "alice"])
        var numeric = UserNameLookup.numeric.makeResolver()
        #expect(numeric.name(of: 0) == "0")
    }

    @Test(.enabled(if: LinuxLive.procIsReadable)) func systemLookupNamesRoot() {
        var resolver = UserNameLookup.system.makeResolver()
        #expect(resolver.name(of: 0) == "root")
        #expect(UserNameLookup.default(procRoot: "/proc") == .system)
        #expect(UserNameLookup.default(procRoot: "/tmp/x") == .numeric)
    }
}
