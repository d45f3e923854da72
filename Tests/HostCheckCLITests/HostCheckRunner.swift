import Foundation
import Testing

/// Runs the built `hostcheck` binary and captures what it prints.
struct HostCheckRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum HostCheckRunner {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture of this test target.
    static func fixture(_ relativePath: String) -> String {
        packageRoot.appendingPathComponent("Tests/HostCheckCLITests/Fixtures").appendingPathComponent(relativePath).path
    }

    /// The `hostcheck` executable built beside the test bundle.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(testBinary.deletingLastPathComponent().appendingPathComponent("hostcheck"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("hostcheck"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("hostcheck"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/hostcheck"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw HostCheckRunnerError(message: "hostcheck binary not found near \(testBinary.path)")
    }

    /// Runs `hostcheck arguments` in `directory` (default: the package root).
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        executable: URL? = nil
    ) throws -> HostCheckRun {
        let process = Process()
        process.executableURL = try executable ?? binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try launch(process)
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        let errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return HostCheckRun(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `process`, retrying while its executable is busy (ETXTBSY): a binary a test has
    /// just copied can be held open for writing, for an instant, by a child that another test
    /// forked meanwhile and that has not reached exec yet.
    private static func launch(_ process: Process) throws {
        var attempt = 0
        while true {
            do {
                try process.run()
                return
            } catch let error as NSError where error.domain == NSPOSIXErrorDomain && error.code == Int(ETXTBSY) && attempt < 50 {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hostcheck-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct HostCheckRunnerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
