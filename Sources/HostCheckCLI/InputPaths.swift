/// The files a run reads, for ``OutputConflicts``: no report may be written over one of them.
extension InputSource {
    /// Captures and bundle directories, the snapshot, or the fleet directory with its bundles.
    var inputPaths: [InputPath] {
        switch self {
        case .live, .plugin: return []
        case .capture(let paths): return paths.map { InputPath(path: $0, role: "--capture", depth: 1) }
        case .snapshot(let path): return [InputPath(path: path, role: "--snapshot")]
        case .fleet(let directory): return [InputPath(path: directory, role: "--fleet", depth: 2)]
        }
    }
}

extension RuleOptions {
    /// Pack files and directories (`./rules` when none is given) and `--vars` files.
    var inputPaths: [InputPath] {
        let packPaths = packs.isEmpty ? ["rules"] : packs
        return packPaths.map { InputPath(path: $0, role: "a rule pack", depth: 1) }
            + variableFiles.map { InputPath(path: $0, role: "--vars") }
    }
}
