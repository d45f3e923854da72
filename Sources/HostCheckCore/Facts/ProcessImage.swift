/// The image a process runs, named the same way whatever the source: PowerShell `Get-Process`
/// says `svchost`, `tasklist` and `Win32_Process` say `svchost.exe`, a path ends in
/// `svchost.exe` (docs/rule-packs.md, "Windows identity: signer, signature status, sha256 and image").
///
/// The image is the lower-cased basename (after the last `\` or `/`) of the path when the
/// path is known, else of the name, with one trailing `.exe` removed.
public enum ProcessImage {
    /// The image of a process, and whether it may be only the beginning of the real image (a
    /// name cut by `tasklist` or Linux `comm`, with no path to complete it); nil when the
    /// process has neither a path nor a name.
    public static func of(_ process: ProcessFact) -> (image: String, truncated: Bool)? {
        if let path = process.path, let image = normalised(path), !image.isEmpty { return (image, false) }
        guard let name = process.name else { return nil }
        if process.nameTruncated { return (cutPrefix(name), true) }
        return normalised(name).map { ($0, false) }
    }

    /// The lower-cased basename of `text` without one trailing `.exe`; nil when it is empty.
    public static func normalised(_ text: String) -> String? {
        let base = basename(text).lowercased()
        let image = base.hasSuffix(".exe") ? String(base.dropLast(4)) : base
        return image.isEmpty ? nil : image
    }

    /// The part after the last `\` or `/`.
    public static func basename(_ text: String) -> Substring {
        guard let slash = text.lastIndex(where: { $0 == "\\" || $0 == "/" }) else { return Substring(text) }
        return text[text.index(after: slash)...]
    }

    /// A cut name as a prefix of the image: lower-cased, with the part of `.exe` it may end in
    /// removed (`averyveryverylongimagena.e` → `averyveryverylongimagena`). Whatever the full
    /// name, its image begins with this prefix, so a rule can still tell "cannot be" from
    /// "may be".
    static func cutPrefix(_ name: String) -> String {
        let lowered = basename(name).lowercased()
        for suffix in [".exe", ".ex", ".e", "."] where lowered.hasSuffix(suffix) {
            return String(lowered.dropLast(suffix.count))
        }
        return lowered
    }

    /// Whether two records name the same image: equal images, or a cut name that the other's
    /// file name (its image, with or without `.exe`) begins with; two cut names agree when one
    /// begins the other. Unknown (nil image) agrees with anything.
    public static func agree(_ first: ProcessFact, _ second: ProcessFact) -> Bool {
        guard let a = of(first), let b = of(second) else { return true }
        let cutA = a.truncated ? basename(first.name ?? "").lowercased() : nil
        let cutB = b.truncated ? basename(second.name ?? "").lowercased() : nil
        switch (cutA, cutB) {
        case (nil, nil): return a.image == b.image
        case (let x?, let y?): return x.hasPrefix(y) || y.hasPrefix(x)
        case (let x?, nil): return b.image.hasPrefix(x) || (b.image + ".exe").hasPrefix(x)
        case (nil, let y?): return a.image.hasPrefix(y) || (a.image + ".exe").hasPrefix(y)
        }
    }
}
