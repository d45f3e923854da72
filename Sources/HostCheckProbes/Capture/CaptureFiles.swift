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

    /// The bytes of a file, read with `open`/`read` straight into an array (no `Data` copy).
    /// - Throws: ``CaptureError`` when the file cannot be opened or read.
    static func readFile(_ path: String) throws(CaptureError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CaptureError(path: path, message: "cannot open the file") }
        defer { close(descriptor) }
        var status = stat()
        let size = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CaptureError(path: path, message: "cannot read the file")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
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
