import HostCheckBuiltinPacks
import HostCheckRules

/// Which rule packs a command reads: the paths given, else `./rules`, else the built-in packs.
enum PackSelection {
    /// The pack sources for `paths` (files or directories of `*.yaml`/`*.yml`).
    /// Throws exit 66 for a path that does not exist.
    /// - Parameter includeTemplates: also read `*.example.yaml` templates in directories (lint does).
    static func sources(for paths: [String], includeTemplates: Bool = false) throws -> [PackSource] {
        if paths.isEmpty {
            if FileAccess.kind(of: "rules").isDirectory { return try sources(for: ["rules"], includeTemplates: includeTemplates) }
            return builtinSources()
        }
        var sources: [PackSource] = []
        for path in paths {
            let kind = FileAccess.kind(of: path)
            guard kind.exists else { throw CLIError(.noInput, "\(path): no such file or directory") }
            if kind.isDirectory {
                for name in try FileAccess.entries(of: path) where isPackFile(name, includeTemplates: includeTemplates) {
                    let file = FileAccess.join(path, name)
                    sources.append(PackSource(path: file, bytes: try FileAccess.read(file)))
                }
            } else {
                sources.append(PackSource(path: path, bytes: try FileAccess.read(path)))
            }
        }
        return sources
    }

    /// The packs compiled into the binary, named `builtin:FILE`.
    static func builtinSources() -> [PackSource] {
        BuiltinPacks.all.map { PackSource(path: "builtin:\($0.name)", bytes: $0.bytes) }
    }

    /// Pack files in a directory: YAML files that are not templates (`*.example.yaml`).
    static func isPackFile(_ name: String, includeTemplates: Bool) -> Bool {
        (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && (includeTemplates || !name.contains(".example."))
    }
}
