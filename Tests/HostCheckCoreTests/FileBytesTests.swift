import Foundation
import HostCheckCore
import Testing

@Suite struct FileBytesTests {
    /// A file of `count` bytes (a repeating pattern) in a new temporary directory.
    static func temporaryFile(count: Int) throws -> (path: String, bytes: [UInt8]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostcheck-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 251) }
        let file = directory.appendingPathComponent("capture.txt")
        try Data(bytes).write(to: file)
        return (file.path, bytes)
    }

    @Test(arguments: [1, 4095, 4096, 70_001])
    func aMappedFileHasTheBytesAReadGives(count: Int) throws {
        let (path, expected) = try Self.temporaryFile(count: count)
        let mapped = try InputFile.bytes(path, kind: .capture, mappingFrom: 1)
        #expect(mapped.isMapped)
        #expect(mapped.count == count)
        #expect(mapped.array == expected)
        #expect(mapped.array == (try InputFile.read(path, kind: .capture)))
        #expect(mapped.withUnsafeBufferPointer { Array($0) } == expected)
    }

    @Test func smallEmptyAndIrregularFilesAreRead() throws {
        let (path, expected) = try Self.temporaryFile(count: 1000)
        let small = try InputFile.bytes(path, kind: .capture)
        #expect(!small.isMapped && small.array == expected)
        let (empty, _) = try Self.temporaryFile(count: 0)
        let none = try InputFile.bytes(empty, kind: .capture, mappingFrom: 0)
        #expect(!none.isMapped && none.isEmpty)
        // /proc files report size 0 and are read to their end.
        let status = try InputFile.bytes("/proc/self/status", kind: .capture, mappingFrom: 0)
        #expect(!status.isMapped && status.starts(with: Array("Name:".utf8)))
        #expect(throws: InputError.self) { try InputFile.bytes("/no/such/file", kind: .capture) }
        #expect(throws: InputError.self) { try InputFile.bytes("/", kind: .capture) }
    }

    @Test(arguments: [false, true])
    func droppingAPrefixCopiesNothingAndKeepsTheRest(mapped: Bool) throws {
        let (path, expected) = try Self.temporaryFile(count: 5000)
        let bytes = try InputFile.bytes(path, kind: .capture, mappingFrom: mapped ? 1 : .max)
        #expect(bytes.isMapped == mapped)
        #expect(bytes.starts(with: Array(expected.prefix(3))))
        #expect(!bytes.starts(with: [expected[0] &+ 1]))
        let rest = bytes.dropFirst(3)
        #expect(rest.count == 4997 && rest.array == Array(expected.dropFirst(3)))
        #expect(rest.dropFirst(10_000).isEmpty)
        #expect(bytes.dropFirst(-1).count == 5000)
    }
}
