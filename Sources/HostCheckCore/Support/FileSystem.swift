#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why ``FileSystem/readFile(_:)`` failed.
package struct FileReadError: Error, Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// The file does not exist, or is not ours to open.
        case cannotOpen
        /// It opened but a read failed (a directory, an I/O error).
        case cannotRead
    }

    package var kind: Kind
    /// `cannot open the file` or `cannot read the file`, for messages.
    package var message: String {
        kind == .cannotOpen ? "cannot open the file" : "cannot read the file"
    }

    package init(_ kind: Kind) {
        self.kind = kind
    }
}

/// The few file-system calls hostcheck makes, on the C library (no Foundation: it costs
/// milliseconds of start-up that a host check run at 1,000 sockets cannot afford).
package enum FileSystem {
    /// Whether `path` is a directory (following symbolic links); nil when it does not exist.
    package static func isDirectory(_ path: String) -> Bool? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in a directory, without `.` and `..`, in no particular order; nil when it
    /// cannot be listed.
    package static func entries(ofDirectory path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The working directory, nil when it cannot be read (it was removed).
    package static func workingDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The last component of a path after `.` and `..` are resolved lexically (a relative path
    /// against the working directory): `wh-1` for `captures/wh-1/`, the working directory's
    /// name for `.`; nil for `/`.
    package static func lastComponent(of path: String) -> String? {
        var full = path
        if !path.hasPrefix("/"), let directory = workingDirectory() { full = directory + "/" + path }
        var components: [Substring] = []
        for component in full.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return components.last.map(String.init)
    }

    /// The bytes of a file, read with `open`/`read` straight into an array's storage (no chunk
    /// copies; large buffers get huge-page advice); a file that grows while it is read is read
    /// to its end.
    /// - Throws: ``FileReadError`` when the file cannot be opened or read.
    package static func readFile(_ path: String) throws(FileReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileReadError(.cannotOpen) }
        defer { close(descriptor) }
        return try readToEnd(descriptor: descriptor)
    }

    /// The size from which ``readFileBytes(_:mappingFrom:)`` maps a file rather than read it.
    package static let mappingThreshold = 4 << 20

    /// The bytes of a file: a regular file of at least `threshold` bytes is mapped
    /// (``MappedFile``), anything else (smaller, a pipe, a file that changes size while it is
    /// mapped) is read as ``readFile(_:)`` reads it.
    /// - Throws: ``FileReadError`` when the file cannot be opened or read.
    package static func readFileBytes(_ path: String, mappingFrom threshold: Int = mappingThreshold) throws(FileReadError) -> FileBytes {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileReadError(.cannotOpen) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_size >= threshold, let mapping = MappedFile.map(descriptor: descriptor) {
            return FileBytes(mapping)
        }
        return FileBytes(try readToEnd(descriptor: descriptor))
    }

    /// Reads what is left of the file open at `descriptor`, to its end.
    private static func readToEnd(descriptor: Int32) throws(FileReadError) -> [UInt8] {
        var status = stat()
        var capacity = (fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0) + 1
        var bytes: [UInt8] = []
        while true {
            var failed = false
            var ended = false
            let chunk = [UInt8](unsafeUninitializedCapacity: max(capacity - bytes.count, 1 << 16)) { buffer, count in
                count = 0
                if let base = buffer.baseAddress { HugePageAdvice.advise(UnsafeRawPointer(base), bytes: buffer.count) }
                while count < buffer.count {
                    let got = read(descriptor, buffer.baseAddress.map { $0 + count }, buffer.count - count)
                    if got < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        return
                    }
                    if got == 0 {
                        ended = true
                        return
                    }
                    count += got
                }
            }
            if failed { throw FileReadError(.cannotRead) }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if ended { return bytes }
            capacity = bytes.count * 2
        }
    }
}
