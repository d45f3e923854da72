#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way hostcheck reads an input file (docs/cli.md, "Limits").
///
/// The file is opened `O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY` (so a FIFO without a
/// writer never blocks the open) and then `fstat`ed, never the other way round:
/// - a regular file larger than its ``InputKind/regularLimit`` is refused from its size, before
///   a byte is read; a smaller one is mapped (captures of 4 MiB or more) or read whole;
/// - a directory is refused;
/// - anything else is a stream (a pipe, `-`, `/dev/stdin`, a FIFO, a character device): only
///   when it was named on the command line (``Origin/named``); it is read in blocking chunks
///   and refused once past ``InputKind/streamLimit``, and one that gives no byte (a FIFO with
///   no writer) is refused as empty.
///
/// A file found by listing a directory, or named by a pack (``Origin/listed``), must be a
/// regular file: it is `stat`ed first and anything else (FIFO, device, socket, dangling link,
/// symlink loop) is refused without being opened; one the listing itself says is a regular
/// file (`listedRegular`, its `d_type`: not a link) is opened without following a link and
/// checked on its descriptor.
package enum InputFile {
    /// The most bytes read from a non-regular input: 64 MiB.
    package static let streamLimit = 64 << 20
    /// The size from which a capture is mapped rather than read.
    package static let mappingThreshold = 4 << 20
    /// The size of one read from a stream.
    private static let chunkSize = 1 << 20

    /// How the input was found.
    package enum Origin: Sendable, Hashable {
        /// Named on the command line: a stream is read, within its limit.
        case named
        /// Found in a directory hostcheck lists (a bundle, a fleet, a pack directory) or named by
        /// a pack's `include:`: only a regular file is read.
        case listed
    }

    /// What a path names, after symbolic links.
    package enum EntryType: Sendable, Hashable {
        case regular
        case directory
        /// Anything else, described (`a FIFO`, `a character device`, `a socket`).
        case other(String)
    }

    /// What `path` names, following symbolic links; `-` is standard input.
    /// - Throws: ``InputError`` when nothing is there (`a dangling symbolic link` when a link
    ///   points nowhere) or it cannot be examined (`too many levels of symbolic links`).
    package static func type(of path: String) throws(InputError) -> EntryType {
        var status = stat()
        let result = path == "-" ? fstat(0, &status) : stat(path, &status)
        guard result == 0 else {
            let number = errno
            var link = stat()
            if number == ENOENT, lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
                throw InputError(.notFound, path: path, "a dangling symbolic link")
            }
            throw InputError.system(number, path: path)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other(describe(status.st_mode))
        }
    }

    /// The bytes of `path`, within the limits of `kind`; a regular capture of
    /// `mappingFrom` bytes or more is mapped. `listedRegular` says a directory listing named
    /// it a regular file (``FileSystem/ListedType/regular``): it is not `stat`ed before it is
    /// opened (without following a link), only `fstat`ed.
    /// - Throws: ``InputError``, one located message with its cause.
    package static func bytes(
        _ path: String, kind: InputKind, origin: Origin = .named, mappingFrom threshold: Int = mappingThreshold,
        listedRegular: Bool = false
    ) throws(InputError) -> FileBytes {
        let checkedOnDescriptor = origin == .listed && listedRegular
        if origin == .listed, !checkedOnDescriptor {
            switch try type(of: path) {
            case .regular: break
            case .directory: throw InputError(.notRegular, path: path, "is a directory")
            case .other(let what): throw InputError(.notRegular, path: path, "not a regular file (\(what))")
            }
        }
        let descriptor = try openInput(path, followingLinks: !checkedOnDescriptor)
        defer { if path != "-" { close(descriptor) } }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw InputError.system(errno, path: path) }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            let size = Int(status.st_size)
            guard size <= kind.regularLimit else {
                throw InputError(
                    .tooLarge, path: path,
                    "\(size) bytes, over the \(ByteCount.text(kind.regularLimit)) limit for \(kind.noun)")
            }
            if size >= threshold, let mapping = MappedFile.map(descriptor: descriptor) { return FileBytes(mapping) }
            return FileBytes(try readChunks(descriptor, path: path, first: size + 1, limit: kind.regularLimit) { limit in
                InputError(.tooLarge, path: path, "grew past the \(ByteCount.text(limit)) limit for \(kind.noun) while being read")
            })
        case S_IFDIR:
            throw InputError(.notRegular, path: path, "is a directory")
        default:
            let what = (status.st_mode & S_IFMT) == S_IFIFO ? "a pipe or FIFO" : describe(status.st_mode)
            guard origin == .named else {
                throw InputError(.notRegular, path: path, "not a regular file (\(describe(status.st_mode)))")
            }
            let flags = fcntl(descriptor, F_GETFL)
            if flags >= 0, flags & O_NONBLOCK != 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
            if (status.st_mode & S_IFMT) == S_IFIFO { awaitWriter(descriptor) }
            let bytes = try readChunks(descriptor, path: path, first: chunkSize, limit: kind.streamLimit) { limit in
                InputError(
                    .tooLarge, path: path,
                    "more than \(ByteCount.text(limit)) from \(what), the limit for \(kind.noun) that is not a regular file")
            }
            guard !bytes.isEmpty else {
                let why = (status.st_mode & S_IFMT) == S_IFIFO ? " (no writer, or it closed at once)" : ""
                throw InputError(.empty, path: path, "empty input: \(what) gave no byte\(why)")
            }
            return FileBytes(bytes)
        }
    }

    /// The bytes of `path` as an array (never mapped), within the limits of `kind`.
    /// - Throws: ``InputError``, one located message with its cause.
    package static func read(_ path: String, kind: InputKind, origin: Origin = .named) throws(InputError) -> [UInt8] {
        try bytes(path, kind: kind, origin: origin, mappingFrom: .max).array
    }

    /// Opens `path` without blocking and without becoming its controlling terminal (and, when
    /// not `followingLinks`, not through a symbolic link); `-` is standard input (not closed
    /// afterwards).
    private static func openInput(_ path: String, followingLinks: Bool = true) throws(InputError) -> Int32 {
        if path == "-" { return 0 }
        let descriptor = openNonBlocking(path, followingLinks: followingLinks)
        guard descriptor >= 0 else {
            let number = errno
            if number == ENXIO || number == EOPNOTSUPP, case .other(let what)? = try? type(of: path) {
                throw InputError(.notRegular, path: path, "not a regular file (\(what))")
            }
            if number == ENOENT { _ = try type(of: path) }
            throw InputError.system(number, path: path)
        }
        return descriptor
    }

    /// How long a FIFO opened before its writer is given for the writer to come.
    package static let writerWait: Int32 = 1000

    /// Waits, at most ``writerWait`` milliseconds, for a FIFO to have something to say: data,
    /// or a writer that came and went. A FIFO whose writer has not opened it yet would
    /// otherwise read as empty; one whose writer never comes is then read as empty, not waited
    /// for.
    private static func awaitWriter(_ descriptor: Int32) {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while poll(&request, 1, writerWait) < 0 && errno == EINTR {}
    }

    /// Reads `descriptor` to its end in chunks (the first of `first` bytes); past `limit`
    /// bytes it stops and throws `overLimit(limit)`.
    private static func readChunks(
        _ descriptor: Int32, path: String, first: Int, limit: Int, overLimit: (Int) -> InputError
    ) throws(InputError) -> [UInt8] {
        var chunks: [[UInt8]] = []
        var total = 0
        var size = max(min(first, limit + 1), 1)
        while true {
            var failure: Int32 = 0
            var ended = false
            let chunk = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                count = 0
                while count < buffer.count {
                    let got = readSome(descriptor, buffer.baseAddress.map { $0 + count }, buffer.count - count)
                    if got < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if got == 0 {
                        ended = true
                        return
                    }
                    count += got
                }
            }
            if failure != 0 { throw InputError.system(failure, path: path) }
            total += chunk.count
            if total > limit { throw overLimit(limit) }
            chunks.append(chunk)
            if ended { break }
            size = min(chunkSize, limit + 1 - total)
        }
        if chunks.count == 1 { return chunks[0] }
        var joined: [UInt8] = []
        joined.reserveCapacity(total)
        for chunk in chunks { joined += chunk }
        return joined
    }

    /// `a FIFO`, `a character device`, ...: what a non-regular mode is.
    static func describe(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        default: return "not a file"
        }
    }
}

/// `open(2)` for reading, never blocking on a FIFO and never taking a terminal; when not
/// `followingLinks`, a symbolic link is refused (`ELOOP`).
private func openNonBlocking(_ path: String, followingLinks: Bool) -> Int32 {
    open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (followingLinks ? 0 : O_NOFOLLOW))
}

/// `read(2)`, out of the reach of ``InputFile/read(_:kind:origin:)``'s name.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
