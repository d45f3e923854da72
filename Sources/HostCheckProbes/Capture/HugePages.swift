#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large array's storage with huge pages (`MADV_HUGEPAGE`), where
/// transparent huge pages are enabled only on request: a 60 MB capture gives arrays of
/// hundreds of MB, and faulting them in 4 KiB at a time costs more than filling them.
///
/// Only advice: nothing changes in the array, and where the call is not available or fails,
/// nothing happens.
enum HugePages {
    /// Below this many bytes of capacity nothing is asked.
    static let threshold = 8 << 20

    /// Advises the 2 MiB-aligned part of the array's reserved storage (call after
    /// `reserveCapacity`, before the elements are written).
    static func advise<Element>(_ array: [Element]) {
        array.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            advise(UnsafeRawPointer(base), bytes: array.capacity * MemoryLayout<Element>.stride)
        }
    }

    /// Faults in the storage for `count` elements past the array's current end (within its
    /// capacity) at once (`MADV_POPULATE_WRITE`), so that a task can prepare memory another
    /// will fill later, instead of faulting it page by page while filling it.
    static func populate<Element>(_ array: [Element], upTo count: Int) {
        #if os(Linux)
        let stride = MemoryLayout<Element>.stride
        let end = min(count, array.capacity)
        guard end > array.count, (end - array.count) * stride >= threshold else { return }
        array.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let page: UInt = 4096
            let first = (UInt(bitPattern: UnsafeRawPointer(base + array.count)) + page - 1) & ~(page - 1)
            let last = UInt(bitPattern: UnsafeRawPointer(base) + end * stride) & ~(page - 1)
            guard last > first, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
            // MADV_POPULATE_WRITE (Linux 5.14); older kernels refuse it and nothing happens.
            _ = madvise(pointer, Int(last - first), 23)
        }
        #endif
    }

    /// Advises the 2 MiB-aligned part of `bytes` bytes of memory at `base`.
    static func advise(_ base: UnsafeRawPointer, bytes: Int) {
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
