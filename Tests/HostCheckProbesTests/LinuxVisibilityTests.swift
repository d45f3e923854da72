import Testing
@testable import HostCheckProbes

@Suite struct LinuxVisibilityTests {
    @Test(arguments: [
        ("Name:\tx\nNSpid:\t4239\n", false),
        ("Name:\tx\nNSpid:\t48213\t7\n", true),
        ("Name:\tx\n", false),
    ])
    func detectsAChildPIDNamespaceFromNSpid(status: String, child: Bool) {
        #expect(ProcessVisibility.inChildPIDNamespace(status: Array(status.utf8)) == child)
    }

    static let initial = ProcessVisibility.initialPIDNamespace
    static let child: UInt64 = 4_026_532_175

    /// (own namespace, the proc root's PID 1's, NSpid entries, hidden): PID 1 decides when it
    /// can be read; else our own inode, then NSpid.
    @Test(arguments: [
        (initial, initial, 1, false),
        (UInt64?.none, UInt64?.none, 1, false),
        (child, child, 1, true),                       // unshare --pid --fork --mount-proc, as root
        (child, nil, 1, true),                         // the same, PID 1 not ours to read: the inode counts
        (child, initial, 2, false),                    // a child namespace over the host's proc root
        (child, nil, 2, true),                         // the same, not ours to read: assume hidden
        (nil, nil, 2, true),                           // only NSpid says so
        (initial, child, 1, true),                     // the proc root shows a child namespace
    ] as [(UInt64?, UInt64?, Int, Bool)])
    func detectsAProcRootOfAChildPIDNamespace(own: UInt64?, root: UInt64?, nspid: Int, hidden: Bool) {
        let pids = (0..<nspid).map { String(100 - $0) }.joined(separator: "\t")
        let evidence = ProcessVisibility.Evidence(
            status: Array("Name:\tx\nNSpid:\t\(pids)\n".utf8), mountinfo: nil,
            ownPIDNamespace: own, rootPIDNamespace: root, userNamespace: nil, mountPoint: "/proc")
        #expect(ProcessVisibility.showsChildPIDNamespace(evidence) == hidden)
        #expect((ProcessVisibility.hiddenProcessesReason(evidence) != nil) == hidden)
    }

    @Test(arguments: [
        ("22 27 0:21 / /proc rw,relatime - proc proc rw\n", String?.none),
        ("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=2\n", "2"),
        ("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=invisible,gid=4\n", "invisible"),
        ("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=0\n", nil),
        ("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=off\n", nil),
        ("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=ptraceable\n", "ptraceable"),
        ("30 27 0:40 / /mnt/proc rw - proc proc rw,hidepid=2\n", nil),
        ("1 2 3:4 / /proc rw shared:5 - tmpfs tmpfs rw,hidepid=2\n", nil),
        // subset=pid hides the files that are not processes (net/, sys/), no process.
        ("22 27 0:21 / /proc rw,relatime - proc proc rw,subset=pid\n", nil),
        // Stacked: the mount on top (mounted on the other) is the one in use, whatever the order.
        ("22 1 0:21 / /proc rw - proc proc rw\n66 22 0:41 / /proc rw - proc proc rw,hidepid=2\n", "2"),
        ("66 22 0:41 / /proc rw - proc proc rw,hidepid=2\n22 1 0:21 / /proc rw - proc proc rw\n", "2"),
        ("22 1 0:21 / /proc rw - proc proc rw,hidepid=2\n66 22 0:41 / /proc rw - proc proc rw\n", nil),
        ("22 1 0:21 / /proc rw - proc proc rw,hidepid=2\n66 22 0:41 / /proc rw - tmpfs tmpfs rw\n", nil),
        ("bogus\n\n22 27\n", nil),
    ])
    func readsHidepidOfTheMountInUse(mountinfo: String, hidepid: String?) {
        let evidence = ProcessVisibility.Evidence(mountinfo: Array(mountinfo.utf8), mountPoint: "/proc")
        #expect(ProcessVisibility.hidepid(evidence)?.value == hidepid)
    }

    @Test func findsAMountPointWithEscapedSpaces() {
        let evidence = ProcessVisibility.Evidence(
            mountinfo: Array("40 1 0:50 / /host\\040proc rw - proc proc rw,hidepid=2\n".utf8), mountPoint: "/host proc")
        #expect(ProcessVisibility.hidepid(evidence)?.value == "2")
    }

    /// (CapEff, user namespace, fsgid, groups, hidepid gid=, sees every process).
    @Test(arguments: [
        ("000001ffffffffff", ProcessVisibility.initialUserNamespace, 0, "0", UInt32?.none, true),    // root on the host
        ("0000000000080000", ProcessVisibility.initialUserNamespace, 0, "", nil, true),              // CAP_SYS_PTRACE only
        ("000001ffffffffff", 4_026_532_200, 0, "0", nil, false),        // root of a user namespace of its own
        ("00000000a80425fb", ProcessVisibility.initialUserNamespace, 0, "0", nil, false),  // docker's default caps
        ("0000000000000000", ProcessVisibility.initialUserNamespace, 65534, "65534", nil, false),   // nobody
        ("0000000000000000", ProcessVisibility.initialUserNamespace, 65534, "65534 27", 27, true),  // in gid=27
        ("0000000000000000", ProcessVisibility.initialUserNamespace, 27, "", 27, true),             // fsgid 27
        ("0000000000000000", ProcessVisibility.initialUserNamespace, 65534, "65534", 27, false),
        ("zz", ProcessVisibility.initialUserNamespace, 0, "0", nil, false),
    ] as [(String, UInt64, Int, String, UInt32?, Bool)])
    func hidepidSparesOnlyPtraceCapableAndItsGroup(
        caps: String, userNamespace: UInt64, fsgid: Int, groups: String, group: UInt32?, sees: Bool
    ) {
        let status = "Name:\tx\nGid:\t\(fsgid)\t\(fsgid)\t\(fsgid)\t\(fsgid)\nGroups:\t\(groups)\nCapEff:\t\(caps)\n"
        let evidence = ProcessVisibility.Evidence(
            status: Array(status.utf8), userNamespace: userNamespace, mountPoint: "/proc")
        #expect(ProcessVisibility.seesEveryProcess(evidence, exemptGroup: group) == sees)
    }

    @Test func noStatusMeansHidepidHides() {
        let evidence = ProcessVisibility.Evidence(
            mountinfo: Array("22 1 0:21 / /proc rw - proc proc rw,hidepid=2\n".utf8),
            userNamespace: ProcessVisibility.initialUserNamespace, mountPoint: "/proc")
        #expect(ProcessVisibility.hiddenProcessesReason(evidence)
            == "/proc is mounted with hidepid=2, so other users' processes are not visible")
    }

    @Test(arguments: [
        ("net:[4026531840]", UInt64?.some(4026531840)),
        ("net:[]", nil),
        ("mnt:[4026531840]", nil),
        ("net:[12x]", nil),
        ("bogus", nil),
    ])
    func parsesNamespaceLinks(link: String, inode: UInt64?) {
        #expect(NetworkNamespaces.inode(linkTarget: Array(link.utf8)) == inode)
        #expect(ProcessVisibility.namespaceInode(linkTarget: Array(link.utf8), kind: "net") == inode)
    }

    @Test func readsPIDAndUserNamespaceLinks() {
        #expect(ProcessVisibility.namespaceInode(linkTarget: Array("pid:[4026531836]".utf8), kind: "pid") == 4_026_531_836)
        #expect(ProcessVisibility.namespaceInode(linkTarget: Array("net:[4026531836]".utf8), kind: "pid") == nil)
        #expect(ProcessVisibility.namespaceInode(linkTarget: Array("user:[4026531837]".utf8), kind: "user") == 4_026_531_837)
    }
}
