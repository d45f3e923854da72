#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An `errno` value from a failed system call.
package struct SystemError: Error, Sendable, Hashable, CustomStringConvertible {
    package var code: Int32

    package init(code: Int32) {
        self.code = code
    }

    /// The process or file is gone (`ENOENT`, `ESRCH`).
    package var isGone: Bool { code == ENOENT || code == ESRCH }
    /// We may not read it (`EACCES`, `EPERM`).
    package var isDenied: Bool { code == EACCES || code == EPERM }

    package var description: String {
        switch code {
        case ENOENT: "no such file or directory"
        case ESRCH: "no such process"
        case EACCES: "permission denied"
        case EPERM: "operation not permitted"
        default: "errno \(code)"
        }
    }

    /// The current thread's `errno`.
    static var current: SystemError { SystemError(code: errno) }
}

/// Thin wrappers over the file system calls the live probe needs: whole-file reads and
/// `readlink`, without Foundation, returning bytes or the `errno`.
enum SystemIO {
    /// Reads a whole file (procfs files report size 0, so this reads until end of file).
    static func readFile(_ path: String, sizeHint: Int = 4096) -> Result<[UInt8], SystemError> {
        readFile(relativeTo: AT_FDCWD, path, sizeHint: sizeHint)
    }

    /// Reads a whole file named relative to an open directory descriptor.
    static func readFile(relativeTo directory: Int32, _ name: String, sizeHint: Int = 4096) -> Result<[UInt8], SystemError> {
        let fd = openat(directory, name, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.current) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: max(sizeHint, 256))
        var count = 0
        while true {
            if count == buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return read(fd, base + count, raw.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(.current)
            }
            if got == 0 { break }
            count += got
        }
        buffer.removeSubrange(count...)
        return .success(buffer)
    }

    /// The target of a symbolic link, as bytes (cut at the first NUL).
    static func readLink(_ path: String) -> Result<[UInt8], SystemError> {
        readLink(relativeTo: AT_FDCWD, path)
    }

    /// The target of a symbolic link named relative to an open directory descriptor.
    static func readLink(relativeTo directory: Int32, _ name: String) -> Result<[UInt8], SystemError> {
        var capacity = 256
        while capacity <= 1 << 16 {
            var buffer = [UInt8](repeating: 0, count: capacity)
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return readlinkat(directory, name, base.assumingMemoryBound(to: CChar.self), raw.count)
            }
            if got < 0 { return .failure(.current) }
            if got < capacity {
                buffer.removeSubrange(got...)
                if let nul = buffer.firstIndex(of: 0) { buffer.removeSubrange(nul...) }
                return .success(buffer)
            }
            capacity *= 4
        }
        return .failure(SystemError(code: ENAMETOOLONG))
    }

    /// This machine's host name, or nil.
    static func hostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// The current time as ISO 8601 UTC with seconds (`2026-11-27T10:00:00Z`).
    static func utcTimestamp() -> String {
        var now = time(nil)
        var parts = tm()
        guard gmtime_r(&now, &parts) != nil else { return "1970-01-01T00:00:00Z" }
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))Z"
    }
}

extension SystemIO {
    /// The number of online processors (at least 1).
    static func onlineProcessors() -> Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
