#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large array's storage with huge pages (`MADV_HUGEPAGE`), where
/// transparent huge pages are enabled only on request: a 60 MB capture gives arrays of
/// hundreds of MB, and the JSON of a large snapshot is as big; faulting them in 4 KiB at a
/// time costs about as much as filling them.
///
/// Only advice: nothing changes in the array, and where the call is not available or fails,
/// nothing happens.
package enum HugePageAdvice {
    /// Below this many bytes nothing is asked.
    package static let threshold = 8 << 20

    /// Advises the 2 MiB-aligned part of the array's reserved storage (call after
    /// `reserveCapacity`, before the elements are written).
    package static func advise<Element>(_ array: [Element]) {
        array.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            advise(UnsafeRawPointer(base), bytes: array.capacity * MemoryLayout<Element>.stride)
        }
    }

    /// Advises the 2 MiB-aligned part of `bytes` bytes of memory at `base`.
    package static func advise(_ base: UnsafeRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= threshold else { return }
        let start = UInt(bitPattern: base)
        let huge: UInt = 2 << 20
        let first = (start + huge - 1) & ~(huge - 1)
        let end = (start + UInt(bytes)) & ~(huge - 1)
        guard end > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(pointer, Int(end - first), MADV_HUGEPAGE)
        #endif
    }
}
