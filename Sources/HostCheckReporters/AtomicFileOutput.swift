#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A report file written atomically: the text goes to a temporary file beside `path`, and
/// ``commit()`` renames it over `path`, so a reader (node_exporter's textfile collector, a CI
/// upload step) never sees half a report. Dropping it without ``commit()`` leaves a temporary
/// file; call ``discard()`` on failure. The value owns a file descriptor: keep one copy, pass it
/// `inout`, and commit or discard it once.
///
/// ```swift
/// var file = try AtomicFileOutput(path: "out/hostcheck.prom")
/// try reporter.begin(run, to: &file)
/// …
/// try file.commit()
/// ```
public struct AtomicFileOutput: TextOutputStream, Sendable {
    /// An error creating, writing or renaming the file (the CLI exits 74).
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        /// The `errno` description.
        public var reason: String
        public var description: String { "\(path): error: cannot write: \(reason)" }
    }

    public let path: String
    /// The temporary file written until ``commit()``.
    public let temporaryPath: String
    private var descriptor: Int32
    private var failure: WriteError?

    /// Creates the temporary file (`.PATH.tmp-PID-N` in the same directory, mode 0644).
    /// - Throws: ``WriteError`` when it cannot be created.
    public init(path: String) throws(WriteError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var attempt = 0
        while true {
            let candidate = "\(directory).\(name).tmp-\(getpid())-\(attempt)"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                temporaryPath = candidate
                descriptor = fd
                return
            }
            if errno != EEXIST || attempt > 100 { throw WriteError(path: path, reason: Self.describeErrno()) }
            attempt += 1
        }
    }

    /// Appends `string`; the first failure is kept and thrown by ``commit()``.
    public mutating func write(_ string: String) {
        guard failure == nil, descriptor >= 0 else { return }
        var text = string
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = WriteError(path: path, reason: Self.describeErrno())
                    return
                }
                offset += written
            }
        }
    }

    /// Flushes to disk and renames the temporary file over `path`.
    /// - Throws: ``WriteError`` for any earlier write failure or a failed sync or rename
    ///   (the temporary file is removed then).
    public mutating func commit() throws(WriteError) {
        if let failure {
            discard()
            throw failure
        }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: "already committed or discarded") }
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let error = WriteError(path: path, reason: Self.describeErrno())
            descriptor = -1
            unlink(temporaryPath)
            throw error
        }
        descriptor = -1
        if rename(temporaryPath, path) != 0 {
            let error = WriteError(path: path, reason: Self.describeErrno())
            unlink(temporaryPath)
            throw error
        }
    }

    /// Closes and removes the temporary file; `path` is left as it was.
    public mutating func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }

    private static func describeErrno() -> String {
        String(cString: strerror(errno))
    }
}

/// The C `write(2)`, named so that ``AtomicFileOutput/write(_:)`` does not shadow it.
private func systemWrite(_ fd: Int32, _ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int {
    write(fd, bytes, count)
}
