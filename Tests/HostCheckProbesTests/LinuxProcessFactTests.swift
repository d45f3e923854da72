import Testing
@testable import HostCheckProbes

@Suite struct LinuxProcessFactTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// comm (as the file holds it), raw cmdline, expected name, expected truncation.
    @Test(arguments: [
        ("sshd\n", "/usr/sbin/sshd\0-D\0", "sshd", false),
        ("gnome-keyring-d\n", "/usr/bin/gnome-keyring-daemon\0--start\0", "gnome-keyring-daemon", false),
        ("gnome-keyring-d\n", "gnome-keyring-daemon --start", "gnome-keyring-daemon", false),
        ("gnome-keyring-d\n", "", "gnome-keyring-d", true),
        ("java-long-servi\n", "/usr/bin/java\0-jar\0", "java-long-servi", true),
        ("exactly15bytes!\n", "exactly15bytes!\0", "exactly15bytes!", false),
        ("two\nlines\n", "two\nlines\0", "two\nlines", false),
        ("no-newline", "", "no-newline", false),
        ("", "", "", false),
    ])
    func namesFromCommAndArgv0(comm: String, cmdline: String, name: String, truncated: Bool) {
        let result = ProcessName.name(comm: ProcessName.comm(fromFile: Self.bytes(comm)), cmdline: Self.bytes(cmdline))
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

    @Test(arguments: [
        ("/usr/sbin/sshd", String?.some("/usr/sbin/sshd")),
        ("/opt/app/server (deleted)", "/opt/app/server"),
        (" (deleted)", " (deleted)"),
        ("", nil),
    ])
    func stripsDeletedFromExe(link: String, expected: String?) {
        #expect(ProcessName.exePath(Self.bytes(link)) == expected)
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
