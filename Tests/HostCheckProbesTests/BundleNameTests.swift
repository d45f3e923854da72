import HostCheckCore
@testable import HostCheckProbes
import Testing

/// The byte path of a bundle's name (``CaptureFiles/lastComponent(of:)``) gives what
/// ``FileSystem/lastComponent(of:)`` gives, on the paths it reads and those it leaves.
@Suite struct BundleNameTests {
    @Test(arguments: [
        "/tmp/hcfleets/10000/win-00001", "/tmp/fleet/win-1/", "/a//b//", "/", "//", "/a", "/a/.", "/a/..", "/a/./b",
        "/a/b/..", "/./a", "/../a", "/a/.b", "/a/b..", "/a/...", "relative/dir", ".", "..", "a/..", "/caf\u{E9}/h\u{F4}te",
        "/a/\u{301}b", "/a/b\u{301}", "/a\r\n/b", "/a/b c", "/a/\t", "/a/b/c.d",
    ])
    func theSameNameAsTheFileSystemGives(path: String) {
        #expect(CaptureFiles.lastComponent(of: path) == FileSystem.lastComponent(of: path))
    }
}
