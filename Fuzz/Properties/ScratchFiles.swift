import Foundation

/// Where the capture targets write their input: one directory per process, reused by every
/// input, because the capture reader reads files.
enum ScratchFiles {
    /// The process's directory under the temporary directory.
    static let directory: String = {
        let path = FileManager.default.temporaryDirectory.path + "/hostcheck-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: path + "/bundle", withIntermediateDirectories: true)
        return path
    }()

    /// Writes `bytes` to `name` in the directory and gives its path; nil when it cannot.
    static func write(_ bytes: [UInt8], as name: String) -> String? {
        let path = directory + "/" + name
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            return nil
        }
        return path
    }
}
