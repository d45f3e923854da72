#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// How urgently a host needs attention, the order human reports list hosts in: failing hosts
/// first, then hosts with an error, then with an unknown, then the rest (docs/reports.md,
/// "Fleets: failing first").
package enum HostRank: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// Some result failed.
    case failing = 0
    /// No fail, but some result is `error`.
    case error = 1
    /// No fail or error, but some result is `unknown`.
    case unknown = 2
    /// Every result passed, was skipped or waived (or the host has no result).
    case passing = 3

    /// The outcome that names this group (`fail` for failing hosts, `pass` for passing ones).
    package var outcome: Outcome {
        switch self {
        case .failing: .fail
        case .error: .error
        case .unknown: .unknown
        case .passing: .pass
        }
    }

    /// The rank of a host with these counts.
    package init(_ counts: OutcomeCounts) {
        if counts.fail > 0 {
            self = .failing
        } else if counts.error > 0 {
            self = .error
        } else if counts.unknown > 0 {
            self = .unknown
        } else {
            self = .passing
        }
    }

    /// `failing`, `error`, `unknown`, `passing`.
    package var word: String {
        switch self {
        case .failing: "failing"
        case .error: "error"
        case .unknown: "unknown"
        case .passing: "passing"
        }
    }

    package static func < (lhs: HostRank, rhs: HostRank) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The per-host output of a human report, held until the end of the run so that it can be
/// written failing hosts first, with memory bounded whatever the size of the fleet
/// (docs/architecture.md, "Performance").
///
/// The spool keeps an index entry per host (name, counts, rank, arrival order) and the host's
/// rendered text: in memory while the texts held there total at most ``memoryLimit`` bytes,
/// beyond that in a temporary file. The file is created with `mkstemp` (mode 0600, a fresh
/// name, `O_EXCL`) in `$TMPDIR` (else `/tmp`) and unlinked at once, so nothing is left on disk
/// whatever becomes of the run; its descriptor is closed by ``close()`` or when the spool is
/// dropped. When no temporary file can be made, texts stay in memory.
package struct HostSpool: Sendable {
    /// One host in the index.
    package struct Entry: Sendable {
        /// The host name.
        package var name: String
        /// The host's results per outcome.
        package var counts: OutcomeCounts
        /// Which group the host is listed in.
        package var rank: HostRank
        /// The host's position in the run (0 for the first host).
        package var order: Int
        fileprivate var storage: Storage
    }

    fileprivate enum Storage: Sendable {
        case memory(String)
        case file(offset: Int, length: Int)
    }

    /// The default bound on rendered text held in memory: 8 MiB.
    package static let defaultMemoryLimit = 8 << 20

    /// The most bytes of rendered text held in memory; the rest goes to the temporary file.
    package let memoryLimit: Int
    private let directory: String?
    private var entries: [Entry] = []
    private var memoryBytes = 0
    private var file: SpoolFile?
    private var fileEnd = 0
    private var fileFailed = false

    /// Creates an empty spool.
    /// - Parameters:
    ///   - memoryLimit: bytes of rendered text kept in memory before spilling.
    ///   - directory: where the temporary file is made; nil for `$TMPDIR`, else `/tmp`.
    package init(memoryLimit: Int = HostSpool.defaultMemoryLimit, directory: String? = nil) {
        self.memoryLimit = max(0, memoryLimit)
        self.directory = directory
    }

    /// The number of hosts added.
    package var count: Int { entries.count }

    /// Bytes of rendered text held in memory.
    package var bytesInMemory: Int { memoryBytes }

    /// Bytes of rendered text written to the temporary file.
    package var bytesSpilled: Int { fileEnd }

    /// Adds a host and its rendered text.
    package mutating func add(name: String, counts: OutcomeCounts, rendered: String) {
        let length = rendered.utf8.count
        var storage = Storage.memory(rendered)
        if memoryBytes + length > memoryLimit, let offset = spill(rendered) {
            storage = .file(offset: offset, length: length)
        } else {
            memoryBytes += length
        }
        entries.append(Entry(name: name, counts: counts, rank: HostRank(counts), order: entries.count, storage: storage))
    }

    /// The index in report order: by ``HostRank``, then in run order.
    package func ordered() -> [Entry] {
        entries.sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.order < $1.order }
    }

    /// The number of hosts of each rank.
    package func count(of rank: HostRank) -> Int {
        entries.reduce(0) { $0 + ($1.rank == rank ? 1 : 0) }
    }

    /// The rendered text of `entry`; throws ``HostSpoolError`` when the temporary file cannot be read.
    package func text(of entry: Entry) throws -> String {
        switch entry.storage {
        case .memory(let text):
            return text
        case .file(let offset, let length):
            guard let file else { throw HostSpoolError(reason: "the spool file is closed") }
            return try file.read(offset: offset, length: length)
        }
    }

    /// Writes the rendered text of every entry of `entries` to `out`, in that order.
    package func write(_ entries: some Sequence<Entry>, to out: inout some TextOutputStream) throws {
        for entry in entries { out.write(try text(of: entry)) }
    }

    /// Forgets every host and closes the temporary file.
    package mutating func close() {
        entries = []
        memoryBytes = 0
        file = nil
        fileEnd = 0
    }

    /// Appends `text` to the temporary file; nil (keep it in memory) when there is no file.
    private mutating func spill(_ text: String) -> Int? {
        if file == nil, !fileFailed {
            file = SpoolFile.make(in: directory)
            fileFailed = file == nil
        }
        guard let file else { return nil }
        let offset = fileEnd
        guard file.write(Array(text.utf8), at: offset) else {
            fileFailed = true
            return nil
        }
        fileEnd += text.utf8.count
        return offset
    }
}

/// The spool's temporary file could not be read back.
package struct HostSpoolError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    package var reason: String
    package var description: String { "report spool: \(reason)" }
}

/// An unlinked temporary file, closed when the last copy of the spool that holds it goes.
private final class SpoolFile: Sendable {
    let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { _ = close(descriptor) }

    /// Creates and unlinks `DIR/hostcheck-spool-XXXXXX`; nil when that fails.
    static func make(in directory: String?) -> SpoolFile? {
        let base = directory ?? (getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
        var template = Array((base + "/hostcheck-spool-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard fd >= 0 else { return nil }
        _ = template.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { unlink($0) } }
        return SpoolFile(descriptor: fd)
    }

    /// Writes every byte at `offset`.
    func write(_ bytes: [UInt8], at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                pwrite(descriptor, raw.baseAddress.map { $0 + done }, raw.count - done, off_t(offset + done))
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            done += written
        }
        return true
    }

    /// Reads `length` bytes at `offset` as UTF-8 text.
    func read(offset: Int, length: Int) throws -> String {
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let got = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress.map { $0 + done }, length - done, off_t(offset + done))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { throw HostSpoolError(reason: "cannot read back the temporary file") }
            done += got
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
