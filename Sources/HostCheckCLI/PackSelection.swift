import HostCheckRules

/// Which rule packs a command reads (docs/cli.md, "Packs"), the one rule for `check`, `lint`,
/// `test`, `list rules` and `explain`: the paths given, else the packs built into the binary.
/// A `./rules` directory is read only when it is named (`hostcheck check rules/`), so the
/// directory a command runs in never decides the rules.
enum PackSelection {
    /// The pack sources for `paths` (files or directories of `*.yaml`/`*.yml`); the registry's
    /// built-in packs when `paths` is empty.
    ///
    /// A directory gives its pack files in name order, without templates (``isTemplate(_:)``);
    /// a file named on the command line is read whatever its name, a template included.
    /// Throws exit 66 for a path that does not exist, 65 for one over the pack limit or an entry
    /// of a directory that is not a regular file (docs/cli.md, "Limits").
    static func sources(for paths: [String], registry: Registry) throws -> [PackSource] {
        if paths.isEmpty { return registry.packSources }
        var sources: [PackSource] = []
        for path in paths {
            if try FileAccess.type(of: path) == .directory {
                // An entry that is not a regular file (a FIFO, a device, a dangling link) is
                // never opened: it is a located error, exit 65.
                for name in try FileAccess.entries(of: path) where isPackFile(name) {
                    let file = FileAccess.join(path, name)
                    sources.append(PackSource(path: file, bytes: try FileAccess.read(file, as: .pack, origin: .listed)))
                }
            } else {
                sources.append(PackSource(path: path, bytes: try FileAccess.read(path, as: .pack)))
            }
        }
        return sources
    }

    /// A pack file in a directory: a `*.yaml` or `*.yml` file that is not a template.
    static func isPackFile(_ name: String) -> Bool {
        (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !isTemplate(name)
    }

    /// A template (`*.example.yaml`, `*.example.yml`): documentation to copy from, skipped in a
    /// directory and read only when named.
    static func isTemplate(_ name: String) -> Bool {
        name.hasSuffix(".example.yaml") || name.hasSuffix(".example.yml")
    }
}
