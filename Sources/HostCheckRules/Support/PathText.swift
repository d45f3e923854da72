/// Path arithmetic on text (Foundation's `deletingLastPathComponent` traps on some inputs).
enum PathText {
    /// The directory part of `path` (`rules/a.yaml` → `rules`, `a.yaml` → ``, `/a` → `/`).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// `reference` relative to the directory of `base`, unless it is absolute.
    static func resolve(_ reference: String, relativeTo base: String) -> String {
        let directory = directory(of: base)
        if reference.hasPrefix("/") || directory.isEmpty { return reference }
        return directory.hasSuffix("/") ? directory + reference : directory + "/" + reference
    }

    /// `path` with `.` and `..` components and repeated slashes removed, for comparing paths.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        return (absolute ? "/" : "") + parts.joined(separator: "/")
    }
}
