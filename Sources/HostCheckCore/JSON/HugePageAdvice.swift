#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large reserved byte buffer with huge pages (`MADV_HUGEPAGE`):
/// the JSON of a large snapshot is hundreds of MB, and faulting it in 4 KiB at a time costs
/// about as much as writing it. Only advice: where it is not available, nothing happens.
enum HugePageAdvice {
    /// Advises the 2 MiB-aligned part of the array's reserved storage (after `reserveCapacity`).
    static func advise(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            advise(UnsafeRawPointer(base), bytes: bytes.capacity)
        }
    }

    /// Advises the 2 MiB-aligned part of `bytes` bytes of memory at `base` (8 MiB or more).
    static func advise(_ base: UnsafeRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= 8 << 20 else { return }
        let start = UInt(bitPattern: base)
        let huge: UInt = 2 << 20
        let first = (start + huge - 1) & ~(huge - 1)
        let end = (start + UInt(bytes)) & ~(huge - 1)
        guard end > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(pointer, Int(end - first), MADV_HUGEPAGE)
        #endif
    }
}
