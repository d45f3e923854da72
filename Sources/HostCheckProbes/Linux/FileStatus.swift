#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file as `stat` names it: device and inode.
struct FileID: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
}

/// The parts of `struct stat` the identity checks use (docs/architecture.md, "Facts").
struct FileStatus: Sendable, Hashable {
    var id: FileID
    /// `st_nlink`: 0 for a file deleted while open (or executing).
    var links: UInt64
    var size: Int64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
    var isRegular: Bool

    /// `stat(path)`, following symbolic links (so `/proc/PID/exe` is the running file itself).
    static func of(_ path: String) -> Result<FileStatus, SystemError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(.current) }
        return .success(FileStatus(info))
    }

    /// `fstat(fd)`.
    static func of(descriptor: Int32) -> Result<FileStatus, SystemError> {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.current) }
        return .success(FileStatus(info))
    }

    init(id: FileID, links: UInt64, size: Int64 = 0, modifiedSeconds: Int64 = 0, modifiedNanoseconds: Int64 = 0, isRegular: Bool = true) {
        self.id = id
        self.links = links
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
        self.isRegular = isRegular
    }

    init(_ info: stat) {
        self.init(
            id: FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)),
            links: UInt64(info.st_nlink),
            size: Int64(info.st_size),
            modifiedSeconds: Int64(info.st_mtim.tv_sec),
            modifiedNanoseconds: Int64(info.st_mtim.tv_nsec),
            isRegular: (info.st_mode & S_IFMT) == S_IFREG)
    }
}
