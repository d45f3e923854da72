import Foundation
import HostCheckCore

/// The bytes of one capture file, named as the user gave it (or as `dir/name` in a bundle).
struct CaptureInput: Sendable {
    var file: String
    var bytes: [UInt8]
}

/// Reads capture files and bundle directories.
enum CaptureFiles {
    /// Lists every file to read: a file path is itself; a directory is a bundle whose regular,
    /// non-hidden files are read in name order (sub-directories are ignored with a note).
    /// - Throws: ``CaptureError`` when a path does not exist or a directory cannot be listed.
    static func files(paths: [String]) throws(CaptureError) -> (files: [String], notes: [Diagnostic]) {
        var files: [String] = []
        var notes: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CaptureError(path: path, message: "no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: path).sorted()
            } catch {
                throw CaptureError(path: path, message: "cannot list the directory")
            }
            for name in names where !name.hasPrefix(".") {
                let file = path.hasSuffix("/") ? path + name : path + "/" + name
                var childIsDirectory: ObjCBool = false
                _ = manager.fileExists(atPath: file, isDirectory: &childIsDirectory)
                if childIsDirectory.boolValue {
                    notes.append(Diagnostic(.note, "sub-directory of a bundle ignored", at: SourceLocation(file: file)))
                } else {
                    files.append(file)
                }
            }
        }
        return (files, notes)
    }

    /// The bytes of a file, read with `open`/`read` straight into an array's storage (no
    /// `Data` and no chunk copies); a file that grows while it is read is read to its end.
    /// - Throws: ``CaptureError`` when the file cannot be opened or read.
    static func readFile(_ path: String) throws(CaptureError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CaptureError(path: path, message: "cannot open the file") }
        defer { close(descriptor) }
        var status = stat()
        var capacity = (fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0) + 1
        var bytes: [UInt8] = []
        while true {
            var failed = false
            var ended = false
            let chunk = [UInt8](unsafeUninitializedCapacity: max(capacity - bytes.count, 1 << 16)) { buffer, count in
                count = 0
                if let base = buffer.baseAddress { HugePages.advise(UnsafeRawPointer(base), bytes: buffer.count) }
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
            if failed { throw CaptureError(path: path, message: "cannot read the file") }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if ended { return bytes }
            capacity = bytes.count * 2
        }
    }

    /// The host name a list of paths implies: the name of the first bundle directory.
    static func bundleName(paths: [String]) -> String? {
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                  isDirectory.boolValue else { continue }
            let name = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
            if !name.isEmpty, name != "/", name != "." { return name }
        }
        return nil
    }
}
