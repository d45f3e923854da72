#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The result of reading one process's `fd` directory.
package enum FDDirectoryOutcome: Sendable, Hashable {
    /// Every descriptor was read.
    case read
    /// The directory (or a link in it) may not be read: `EACCES`/`EPERM` or another error.
    case unreadable(errno: Int32)
    /// The process exited before or while its descriptors were read (`ENOENT`/`ESRCH`).
    case vanished
}

/// Directory reads of a `/proc` tree: the seam where tests inject `EACCES` or a vanished
/// process for a chosen PID, because running as root bypasses permission checks.
package protocol FDDirectoryReader: Sendable {
    /// The process IDs under the proc root (its all-digit entries).
    func processIDs() -> Result<[Int32], SystemError>

    /// Calls `body` with the inode of every `socket:[INODE]` link in `<root>/<pid>/fd`.
    func forEachSocketInode(pid: Int32, _ body: (UInt64) -> Void) -> FDDirectoryOutcome

    /// The same for the descriptors whose number is `lane` modulo `lanes`, so one big directory
    /// can be read by several threads (by number, not position: a descriptor opened or closed
    /// meanwhile cannot shift another one out of every share).
    func forEachSocketInode(pid: Int32, lane: Int, of lanes: Int, _ body: (UInt64) -> Void) -> FDDirectoryOutcome

    /// How many descriptors `pid` has open, when that is cheap to learn; nil otherwise.
    func descriptorCount(pid: Int32) -> Int?
}

extension FDDirectoryReader {
    /// Lane 0 reads the whole directory; other lanes read nothing.
    package func forEachSocketInode(pid: Int32, lane: Int, of lanes: Int, _ body: (UInt64) -> Void) -> FDDirectoryOutcome {
        lane == 0 ? forEachSocketInode(pid: pid, body) : .read
    }

    package func descriptorCount(pid: Int32) -> Int? { nil }
}

/// Reads a real `/proc` (or a fixture tree) with `opendir`/`readdir`/`readlinkat`.
package struct SystemFDDirectoryReader: FDDirectoryReader {
    package var procRoot: String

    package init(procRoot: String) {
        self.procRoot = procRoot
    }

    package func processIDs() -> Result<[Int32], SystemError> {
        guard let directory = opendir(procRoot) else { return .failure(SystemError(code: errno)) }
        defer { closedir(directory) }
        var pids: [Int32] = []
        while let entry = readdir(directory) {
            let pid = withUnsafeBytes(of: entry.pointee.d_name) { Self.parsePID($0) }
            if let pid { pids.append(pid) }
        }
        pids.sort()
        return .success(pids)
    }

    package func forEachSocketInode(pid: Int32, _ body: (UInt64) -> Void) -> FDDirectoryOutcome {
        forEachSocketInode(pid: pid, lane: 0, of: 1, body)
    }

    /// On Linux 6.2 and later `stat` of `/proc/PID/fd` gives the number of open descriptors
    /// as its size; only the live `/proc` is asked (a fixture directory's size is not a count).
    package func descriptorCount(pid: Int32) -> Int? {
        guard procRoot == "/proc" else { return nil }
        var info = stat()
        guard stat(procRoot + "/" + String(pid) + "/fd", &info) == 0, info.st_size > 0 else { return nil }
        return Int(info.st_size)
    }

    package func forEachSocketInode(pid: Int32, lane: Int, of lanes: Int, _ body: (UInt64) -> Void) -> FDDirectoryOutcome {
        let path = procRoot + "/" + String(pid) + "/fd"
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return Self.outcome(errno) }
        guard let directory = fdopendir(fd) else {
            let code = errno
            close(fd)
            return Self.outcome(code)
        }
        defer { closedir(directory) }
        var link = [CChar](repeating: 0, count: 64)
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                let code = errno
                return code == 0 ? .read : Self.outcome(code)
            }
            let name = UnsafeRawPointer(entry).advanced(by: Self.nameOffset).assumingMemoryBound(to: CChar.self)
            if name.pointee == CChar(UInt8(ascii: ".")) { continue }
            if lanes > 1, Self.descriptorNumber(name) % lanes != lane { continue }
            let got = readlinkat(fd, name, &link, link.count)
            if got < 0 {
                let code = errno
                if code == ENOENT || code == EINVAL { continue }
                return Self.outcome(code)
            }
            if got < link.count, let inode = Self.socketInode(link, count: got) { body(inode) }
        }
    }

    /// The number a NUL-terminated descriptor name spells (0 for anything else).
    static func descriptorNumber(_ name: UnsafePointer<CChar>) -> Int {
        var value = 0
        var cursor = name
        while cursor.pointee >= 48, cursor.pointee <= 57, value < Int.max / 20 {
            value = value * 10 + Int(cursor.pointee - 48)
            cursor += 1
        }
        return value
    }

    /// Where `d_name` sits in a `dirent`.
    static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19

    /// `ENOENT`/`ESRCH` mean the process is gone; anything else leaves the directory unread.
    static func outcome(_ code: Int32) -> FDDirectoryOutcome {
        code == ENOENT || code == ESRCH ? .vanished : .unreadable(errno: code)
    }

    /// The PID an all-digit, NUL-terminated directory name spells, else nil.
    static func parsePID(_ name: UnsafeRawBufferPointer) -> Int32? {
        var value: Int32 = 0
        var digits = 0
        for byte in name {
            if byte == 0 { break }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 9 else { return nil }
            value = value * 10 + Int32(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// The inode of a `socket:[INODE]` link target, else nil.
    static func socketInode(_ link: [CChar], count: Int) -> UInt64? {
        let prefix: [CChar] = [115, 111, 99, 107, 101, 116, 58, 91]  // "socket:["
        guard count > prefix.count + 1, link[count - 1] == 93 else { return nil }  // "]"
        for index in 0..<prefix.count where link[index] != prefix[index] { return nil }
        var value: UInt64 = 0
        for index in prefix.count..<(count - 1) {
            let byte = link[index]
            guard byte >= 48, byte <= 57 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - 48))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
