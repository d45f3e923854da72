#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole regular file mapped read-only into memory (`mmap`, `PROT_READ`, `MAP_PRIVATE`),
/// unmapped when the last reference goes.
///
/// A large capture is read this way: its pages are those of the page cache, so nothing is
/// copied and no fresh memory is zeroed (reading 60 MB into an array takes about 50 ms).
/// The memory is never written, which is what makes sharing the mapping between tasks safe;
/// its address is kept as an integer so that the class is `Sendable` by its stored values.
///
/// As with every reader that maps files (ripgrep, git), a file truncated by another process
/// while it is read ends the process with `SIGBUS`; a file whose size changes while it is
/// being mapped is not mapped (``map(descriptor:)`` returns nil and it is read instead).
package final class MappedFile: Sendable {
    private let address: UInt
    /// The size of the file, in bytes (never 0).
    package let count: Int

    private init(address: UInt, count: Int) {
        self.address = address
        self.count = count
    }

    /// Maps the regular file open at `descriptor` whole, its pages read in at once
    /// (`MAP_POPULATE` where there is one); nil for an empty or irregular file, a file that
    /// changed size meanwhile, or a failed `mmap`.
    package static func map(descriptor: Int32) -> MappedFile? {
        var before = stat()
        guard fstat(descriptor, &before) == 0, (before.st_mode & S_IFMT) == S_IFREG, before.st_size > 0,
              let size = Int(exactly: before.st_size) else { return nil }
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let base = mmap(nil, size, PROT_READ, flags, descriptor, 0), base != MAP_FAILED else { return nil }
        var after = stat()
        guard fstat(descriptor, &after) == 0, after.st_size == before.st_size else {
            munmap(base, size)
            return nil
        }
        return MappedFile(address: UInt(bitPattern: base), count: size)
    }

    /// Calls `body` with the file's bytes, valid during the call.
    package func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        let start = UnsafePointer<UInt8>(bitPattern: address)
        return try withExtendedLifetime(self) { () throws(E) -> R in
            try body(UnsafeBufferPointer(start: start, count: count))
        }
    }

    deinit {
        if let base = UnsafeMutableRawPointer(bitPattern: address) { munmap(base, count) }
    }
}
