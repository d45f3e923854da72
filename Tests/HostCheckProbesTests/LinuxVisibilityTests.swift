import Testing
@testable import HostCheckProbes

@Suite struct LinuxVisibilityTests {
    @Test(arguments: [
        ("Name:\tx\nNSpid:\t4239\n", false),
        ("Name:\tx\nNSpid:\t48213\t7\n", true),
        ("Name:\tx\n", false),
    ])
    func detectsAChildPIDNamespace(status: String, child: Bool) {
        #expect(ProcessVisibility.inChildPIDNamespace(status: Array(status.utf8)) == child)
    }

    @Test(arguments: [
        ("22 27 0:21 / /proc rw,relatime - proc proc rw\n", false),
        ("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=2\n", true),
        ("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=invisible,gid=4\n", true),
        ("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=0\n", false),
        ("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=off\n", false),
        ("30 27 0:40 / /mnt/proc rw - proc proc rw,hidepid=2\n", false),
        ("1 2 3:4 / /proc rw shared:5 - tmpfs tmpfs rw,hidepid=2\n", false),
    ])
    func detectsHidepid(mountinfo: String, hides: Bool) {
        #expect(ProcessVisibility.procHidesProcesses(mountinfo: Array(mountinfo.utf8)) == hides)
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
    }
}
