import HostCheckRules

/// Which rule packs a command reads: the paths given, else `./rules`, else the built-in packs.
enum PackSelection {
    /// The pack sources for `paths` (files or directories of `*.yaml`/`*.yml`).
    /// Throws exit 66 for a path that does not exist, 65 for one over the pack limit or an entry
    /// of a directory that is not a regular file (docs/cli.md, "Limits").
    /// - Parameter includeTemplates: also read `*.example.yaml` templates in directories (lint does).
    /// - Parameter registry: its built-in packs are read when no path is given and there is no `./rules`.
    static func sources(for paths: [String], registry: Registry, includeTemplates: Bool = false) throws -> [PackSource] {
        if paths.isEmpty {
            if FileAccess.kind(of: "rules").isDirectory {
                return try sources(for: ["rules"], registry: registry, includeTemplates: includeTemplates)
            }
            return registry.packSources
        }
        var sources: [PackSource] = []
        for path in paths {
            if try FileAccess.type(of: path) == .directory {
                // An entry that is not a regular file (a FIFO, a device, a dangling link) is
                // never opened: it is a located error, exit 65.
                for name in try FileAccess.entries(of: path) where isPackFile(name, includeTemplates: includeTemplates) {
                    let file = FileAccess.join(path, name)
                    sources.append(PackSource(path: file, bytes: try FileAccess.read(file, as: .pack, origin: .listed)))
                }
            } else {
                sources.append(PackSource(path: path, bytes: try FileAccess.read(path, as: .pack)))
            }
        }
        return sources
    }

    /// Pack files in a directory: YAML files that are not templates (`*.example.yaml`).
    static func isPackFile(_ name: String, includeTemplates: Bool) -> Bool {
        (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && (includeTemplates || !name.contains(".example."))
    }
}
