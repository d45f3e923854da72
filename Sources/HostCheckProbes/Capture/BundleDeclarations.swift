import HostCheckCore

/// What a bundle's `host.json` states about its captures, applied and checked
/// (docs/captures.md, "Declared coverage"):
/// - each `sources` command line declares the coverage of its file;
/// - `coverage` declares the coverage of the host;
/// - `platform` must agree with the platform of the captures' formats.
enum BundleDeclarations {
    /// The `host.json` read among `parsed`, with its file; the first when several are given.
    static func bundleInfo(_ parsed: [ParsedCapture]) -> (info: BundleInfo, file: String)? {
        for file in parsed {
            if let info = file.bundleInfo { return (info, file.source.file) }
        }
        return nil
    }

    /// Sets ``ParsedCapture/declaredCoverage`` of every socket listing named in `sources`;
    /// returns the warnings (a command that cannot be read, a file not in the bundle).
    static func declareSources(_ parsed: inout [ParsedCapture]) -> [Diagnostic] {
        guard let (info, infoFile) = bundleInfo(parsed), !info.sources.isEmpty else { return [] }
        let directory = infoFile.lastIndex(of: "/").map { String(infoFile[...$0]) } ?? ""
        var warnings: [Diagnostic] = []
        for source in info.sources {
            let location = SourceLocation(file: infoFile, line: source.line)
            let wanted = directory + source.file
            guard let index = parsed.firstIndex(where: { $0.source.file == wanted || baseName($0.source.file) == source.file })
            else {
                warnings.append(Diagnostic(.warning, "'sources' names \(source.file), which is not in the bundle", at: location))
                continue
            }
            guard let listing = parsed[index].sockets else { continue }
            switch CaptureCommand.declaration(source.command, format: parsed[index].source.format, elevated: info.elevated) {
            case .success(let declaration):
                let evidence = listing.coverage ?? SnapshotAssembler.inferredCoverage(listing)
                parsed[index].declaredCoverage = (declaration.keepingPartial(of: evidence), "declared: \(source.command)")
            case .failure(let error):
                warnings.append(Diagnostic(
                    .warning, "the command of \(source.file) declares no coverage: \(error.message)", at: location))
            }
        }
        return warnings
    }

    /// An error when `host.json` names a platform the captures contradict (a Windows `netstat`
    /// under `"platform": "linux"`): a `host.json` is written on the host it describes.
    static func platformClaims(_ parsed: [ParsedCapture]) -> [Diagnostic] {
        guard let (info, infoFile) = bundleInfo(parsed), let claimed = info.platform else { return [] }
        guard let file = parsed.first(where: { $0.platform != .unknown && $0.platform != claimed }) else { return [] }
        return [Diagnostic(
            .error,
            "host.json says platform '\(claimed.rawValue)', but \(file.source.file) is a \(file.platform.rawValue) capture "
                + "(\(file.source.format)); the host is error",
            at: SourceLocation(file: infoFile))]
    }

    /// The platform `host.json` claims against a snapshot's, as an error when they differ.
    static func platformClaim(_ info: BundleInfo, file: String, snapshot: Snapshot) -> Diagnostic? {
        guard let claimed = info.platform, snapshot.host.platform != .unknown, snapshot.host.platform != claimed else {
            return nil
        }
        return Diagnostic(
            .error,
            "host.json says platform '\(claimed.rawValue)', but the snapshot is of a \(snapshot.host.platform.rawValue) host; "
                + "the host is error",
            at: SourceLocation(file: file))
    }

    /// `coverage` of `host.json` applied to the host.
    static func applyCoverage(_ info: BundleInfo, to host: inout HostInfo) {
        guard let declaration = info.coverage, !declaration.isEmpty else { return }
        host.coverage = declaration.applied(toEvidence: host.coverage, origin: "declared in host.json")
    }

    private static func baseName(_ path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }
}
