import Foundation
import HostCheckCore

/// The bytes of one capture file, named as the user gave it (or as `dir/name` in a bundle).
struct CaptureInput: Sendable {
    var file: String
    var bytes: [UInt8]
}

/// Reads capture files and bundle directories.
enum CaptureFiles {
    /// Reads every path: a file is one input; a directory is a bundle whose regular, non-hidden
    /// files are inputs in name order.
    /// - Throws: ``CaptureError`` when a path does not exist or cannot be read.
    static func read(paths: [String]) throws(CaptureError) -> (inputs: [CaptureInput], notes: [Diagnostic]) {
        var inputs: [CaptureInput] = []
        var notes: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CaptureError(path: path, message: "no such file or directory")
            }
            guard isDirectory.boolValue else {
                inputs.append(CaptureInput(file: path, bytes: try readFile(path)))
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
                    continue
                }
                inputs.append(CaptureInput(file: file, bytes: try readFile(file)))
            }
        }
        return (inputs, notes)
    }

    static func readFile(_ path: String) throws(CaptureError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CaptureError(path: path, message: "cannot read the file")
        }
        return [UInt8](data)
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
