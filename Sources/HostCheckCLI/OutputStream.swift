#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered text stream over a file descriptor that remembers the first write error.
///
/// Writes to a path go to a temporary file beside it and are renamed into place by
/// ``finish()``, so a reader (node_exporter's textfile collector, a CI step) never sees a
/// half-written report.
struct FileOutput: TextOutputStream {
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let finalPath: String?
    private let temporaryPath: String?
    private(set) var failure: String?

    /// Standard output.
    static func standardOutput() -> FileOutput { FileOutput(fd: 1, finalPath: nil, temporaryPath: nil) }

    /// A file at `path`, written atomically. Throws exit 74 when it cannot be created.
    static func file(atomicallyAt path: String) throws -> FileOutput {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CLIError(.cannotWrite, "\(path): cannot write: \(String(cString: strerror(errno)))")
        }
        return FileOutput(fd: fd, finalPath: path, temporaryPath: temporary)
    }

    private init(fd: Int32, finalPath: String?, temporaryPath: String?) {
        self.fd = fd
        self.finalPath = finalPath
        self.temporaryPath = temporaryPath
        buffer.reserveCapacity(1 << 16)
    }

    mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Appends raw bytes (a JSON document made by a byte-level writer). A piece of 64 KiB or
    /// more (a batch of a large snapshot's sockets) is written as it is, after what is
    /// buffered, rather than copied through the buffer.
    mutating func write(bytes: [UInt8]) {
        if bytes.count >= 1 << 16 {
            flush()
            writeAll(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes every byte, unless an earlier write failed; remembers the first failure.
    private mutating func writeAll(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            offset += written
        }
    }

    /// Flushes, closes and renames a file output into place. Throws exit 74 on any failure.
    mutating func finish() throws {
        flush()
        let name = finalPath ?? "standard output"
        if let temporaryPath, let finalPath {
            if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
            if failure == nil, rename(temporaryPath, finalPath) != 0 {
                failure = String(cString: strerror(errno))
            }
            if failure != nil { unlink(temporaryPath) }
        }
        if let failure {
            throw CLIError(.cannotWrite, "\(name): cannot write: \(failure)")
        }
    }
}

/// Writes one line to standard error, unbuffered.
func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    bytes.withUnsafeBytes { raw in
        _ = systemWrite(2, raw.baseAddress, raw.count)
    }
}

/// write(2) from the C library (Glibc, Musl or Darwin), named apart from `FileOutput.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
