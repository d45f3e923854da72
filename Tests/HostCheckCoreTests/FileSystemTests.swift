import HostCheckCore
import Testing

@Suite struct FileSystemTests {
    @Test(arguments: [
        ("/var/captures/wh-1", "wh-1"),
        ("/var/captures/wh-1/", "wh-1"),
        ("/var/captures/./wh-1/.", "wh-1"),
        ("/var/captures/wh-1/..", "captures"),
        ("/", nil),
        ("/..", nil),
    ] as [(String, String?)])
    func lastComponentResolvesDotsLexically(path: String, expected: String?) {
        #expect(FileSystem.lastComponent(of: path) == expected)
    }

    @Test func relativePathsStartAtTheWorkingDirectory() throws {
        let directory = try #require(FileSystem.workingDirectory())
        #expect(FileSystem.lastComponent(of: ".") == FileSystem.lastComponent(of: directory))
    }

    @Test func kindsAndEntries() throws {
        #expect(FileSystem.isDirectory("/") == true)
        #expect(FileSystem.isDirectory(#filePath) == false)
        #expect(FileSystem.isDirectory("/no/such/path") == nil)
        let here = String(#filePath.dropLast("/FileSystemTests.swift".count))
        let names = try #require(FileSystem.entries(ofDirectory: here))
        #expect(names.contains("FileSystemTests.swift"))
        #expect(!names.contains(".") && !names.contains(".."))
        #expect(FileSystem.entries(ofDirectory: #filePath) == nil)
    }

    /// The listing's types: directories and regular files named, links and the rest left to a
    /// `stat`; a file listed as regular is read from its descriptor, a link in its place refused.
    @Test func typedEntriesAndListedRegularFiles() throws {
        let here = String(#filePath.dropLast("/FileSystemTests.swift".count))
        let entries = try #require(FileSystem.typedEntries(ofDirectory: here))
        #expect(entries.map(\.name).sorted() == (FileSystem.entries(ofDirectory: here) ?? []).sorted())
        #expect(entries.first { $0.name == "FileSystemTests.swift" }?.type == .regular)
        #expect(FileSystem.typedEntries(ofDirectory: #filePath) == nil)
        let parent = try #require(FileSystem.typedEntries(ofDirectory: here + "/.."))
        #expect(parent.first { $0.name == "HostCheckCoreTests" }?.type == .directory)
        let bytes = try InputFile.bytes(#filePath, kind: .pack, origin: .listed, listedRegular: true)
        #expect(bytes.count == (try InputFile.read(#filePath, kind: .pack)).count)
        #expect(throws: InputError.self) {
            try InputFile.bytes("/proc/self/exe", kind: .pack, origin: .listed, listedRegular: true)
        }
    }

    @Test func readReturnsEveryByteOrAReason() throws {
        let bytes = try InputFile.read(#filePath, kind: .pack)
        #expect(String(decoding: bytes, as: UTF8.self).contains("readReturnsEveryByteOrAReason"))
        #expect(throws: InputError(.notFound, path: "/no/such/file", "no such file or directory")) {
            try InputFile.read("/no/such/file", kind: .pack)
        }
        #expect(throws: InputError(.notRegular, path: "/", "is a directory")) { try InputFile.read("/", kind: .pack) }
    }
}
