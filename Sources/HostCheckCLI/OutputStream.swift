#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered text stream over a file descriptor that remembers the first write error.
///
/// A report path is opened through ``ReportDestination``: a regular file is written to a
/// temporary beside it and renamed into place by ``finish()``, so a reader (node_exporter's
/// textfile collector, a CI step) never sees a half-written report; devices, FIFOs and the
/// standard streams are written in place.
struct FileOutput: TextOutputStream {
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let destination: ReportDestination?
    private(set) var failure: String?

    /// Standard output.
    static func standardOutput() -> FileOutput { FileOutput(fd: 1, destination: nil) }

    /// The report destination `path` (docs/cli.md, "Reports"). Throws exit 74 when it is
    /// refused or cannot be opened.
    static func destination(_ path: String, followSymlinks: Bool) throws -> FileOutput {
        let destination = try ReportDestination.open(path, followSymlinks: followSymlinks)
        return FileOutput(fd: destination.descriptor, destination: destination)
    }

    /// Whether the output is a terminal.
    var isTerminal: Bool { isatty(fd) == 1 }

    private init(fd: Int32, destination: ReportDestination?) {
        self.fd = fd
        self.destination = destination
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

    /// Flushes and closes the output; a replaced file is renamed into place. Throws exit 74 on
    /// any failure (a temporary is then removed and the final path left as it was).
    mutating func finish() throws {
        flush()
        let name = destination?.path ?? "standard output"
        if let destination {
            if failure == nil {
                failure = destination.finish()?.reason
            } else {
                destination.abandon()
            }
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
