#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// The `hosts` entries of the results JSON, laid out as each host is reported and kept as
/// bytes: up to ``memoryLimit`` in memory, the rest in a temporary file removed as soon as it
/// is opened, so that a fleet's memory does not grow with its hosts (docs/architecture.md,
/// "Performance"; Benchmarks/README.md, "Fleet").
///
/// The entries are written by a writer of their own, opened at the depth of the `hosts` array,
/// so their separators and indentation are those of the one-writer document.
struct JSONHostEntries: Sendable {
    /// How many bytes of entries are kept in memory before they go to the temporary file.
    static let memoryLimit = 1 << 20

    private var writer: JSONWriter
    private var pending: [UInt8] = []
    /// The temporary file's descriptor, -1 until the first spill.
    private var spill: Int32 = -1
    /// How many entries were written.
    private(set) var count = 0

    init(pretty: Bool) {
        writer = JSONWriter(pretty: pretty)
        writer.beginObject()
        writer.key("hosts")
        writer.beginArray()
        _ = writer.takeBytes()
    }

    /// Writes one entry with `body`, which writes exactly one value.
    mutating func append(_ body: (inout JSONWriter) -> Void) throws {
        body(&writer)
        count += 1
        pending.append(contentsOf: writer.takeBytes())
        if pending.count >= Self.memoryLimit { try flush() }
    }

    /// Hands the bytes of every entry, in order and in pieces that each end after an ASCII byte
    /// (so none cuts a character), to `body`, then forgets them.
    mutating func drain(_ body: ([UInt8]) throws -> Void) throws {
        defer { closeSpill() }
        var carry: [UInt8] = []
        if spill >= 0 {
            guard lseek(spill, 0, SEEK_SET) == 0 else { throw SpillError.system("cannot read back the temporary file of host entries") }
            var chunk = [UInt8](repeating: 0, count: Self.memoryLimit)
            while true {
                let got = chunk.withUnsafeMutableBytes { read(spill, $0.baseAddress, $0.count) }
                if got < 0, errno == EINTR { continue }
                guard got >= 0 else { throw SpillError.system("cannot read back the temporary file of host entries") }
                if got == 0 { break }
                carry.append(contentsOf: chunk[..<got])
                guard let last = carry.lastIndex(where: { $0 < 0x80 }) else { continue }
                try body(Array(carry[...last]))
                carry.removeFirst(last + 1)
            }
        }
        carry.append(contentsOf: pending)
        if !carry.isEmpty { try body(carry) }
        pending = []
        count = 0
    }

    private mutating func flush() throws {
        if spill < 0 { spill = try Self.openTemporary() }
        var offset = 0
        while offset < pending.count {
            let wrote = pending.withUnsafeBytes { bytes in
                bytes.baseAddress.map { write(spill, $0 + offset, bytes.count - offset) } ?? 0
            }
            if wrote < 0, errno == EINTR { continue }
            guard wrote > 0 else { throw SpillError.system("cannot write the temporary file of host entries") }
            offset += wrote
        }
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func closeSpill() {
        if spill >= 0 { _ = close(spill) }
        spill = -1
    }

    /// A new file in `$TMPDIR` (else `/tmp`), unlinked at once: it lives as long as its descriptor.
    private static func openTemporary() throws -> Int32 {
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/hostcheck-hosts-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw SpillError.system("cannot create a temporary file in \(directory)") }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        return descriptor
    }

    /// A temporary file that cannot be created, written or read back.
    struct SpillError: Error, CustomStringConvertible {
        var description: String

        /// `message`, with the system's reason (`errno`).
        static func system(_ message: String) -> SpillError {
            SpillError(description: "\(message): \(String(cString: strerror(errno)))")
        }
    }
}
