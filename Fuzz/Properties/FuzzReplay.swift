import Foundation

/// The `main` of a fuzz target built without libFuzzer: checks every file of the paths given
/// (files or directories; by default `Fuzz/Corpus/<target>`) and prints each violation.
package enum FuzzReplay {
    /// The files the paths name, directories listed one level deep, sorted.
    package static func files(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Replays `target` over the paths in `arguments` (the program name first); 0 when every
    /// property held, 1 otherwise.
    package static func run(_ target: FuzzTarget, arguments: [String]) -> Int32 {
        let paths = arguments.count > 1 ? Array(arguments.dropFirst()) : ["Fuzz/Corpus/\(target.rawValue)"]
        let inputs = files(paths)
        var violations = 0
        for file in inputs {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            if let violation = target.check(Array(data)) {
                violations += 1
                print("\(file): \(violation)")
            }
        }
        print("fuzz-\(target.rawValue): \(inputs.count) inputs replayed, \(violations) violations")
        return violations == 0 ? 0 : 1
    }
}
