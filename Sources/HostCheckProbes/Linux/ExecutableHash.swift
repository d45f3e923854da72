#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// The SHA-256 of the file a process runs, read through `/proc/PID/exe` (the running file
/// itself, whatever its path now names), cached by device, inode, size and modification time
/// for one run, and bounded: no file over ``sizeLimit``, nothing once ``timeBudget`` is spent.
/// A file that cannot be read whole and unchanged gets no hash, never a partial one.
struct ExecutableHasher {
    struct Key: Hashable {
        var id: FileID
        var size: Int64
        var seconds: Int64
        var nanoseconds: Int64
    }

    /// Files larger than this are not hashed (256 MiB).
    var sizeLimit: Int64 = 256 << 20
    /// The time all hashes of one run may take together, in seconds.
    var timeBudget: Double = 10
    private var spent: Double = 0
    private var cache: [Key: String] = [:]

    init(sizeLimit: Int64 = 256 << 20, timeBudget: Double = 10) {
        self.sizeLimit = sizeLimit
        self.timeBudget = timeBudget
    }

    /// The hash of the file behind `exeLink` (`<proc>/PID/exe`), or nil.
    mutating func hash(exeLink: String) -> String? {
        guard spent < timeBudget else { return nil }
        let fd = open(exeLink, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard case .success(let before) = FileStatus.of(descriptor: fd), before.isRegular, before.size <= sizeLimit else {
            return nil
        }
        let key = Key(id: before.id, size: before.size, seconds: before.modifiedSeconds, nanoseconds: before.modifiedNanoseconds)
        if let known = cache[key] { return known }
        let start = Self.now()
        defer { spent += Self.now() - start }
        var hash = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total: Int64 = 0
        while true {
            let got = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress, raw.count) }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            total += Int64(got)
            guard total <= sizeLimit, spent + Self.now() - start < timeBudget else { return nil }
            buffer.withUnsafeBufferPointer { hash.update(buffer: UnsafeBufferPointer(rebasing: $0[0..<got])) }
        }
        guard case .success(let after) = FileStatus.of(descriptor: fd), total == before.size,
              Key(id: after.id, size: after.size, seconds: after.modifiedSeconds, nanoseconds: after.modifiedNanoseconds) == key
        else { return nil }
        let digest = hash.hexDigest()
        cache[key] = digest
        return digest
    }

    /// Monotonic seconds.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
