import HostCheckCore

/// A snapshot (`hostcheck facts --format json`) in a bundle: a bundle may hold one snapshot
/// and a `host.json`, and nothing else.
enum BundledSnapshot {
    /// The key every snapshot has.
    private static let marker = Array("\"hostcheck_snapshot\"".utf8)

    /// Whether `bytes` are a JSON object holding the key `hostcheck_snapshot` (a capture never does).
    static func isSnapshot(_ bytes: FileBytes) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
            while start < buffer.count, [0x20, 0x09, 0x0A, 0x0D].contains(buffer[start]) { start += 1 }
            guard start < buffer.count, buffer[start] == 0x7B else { return false }
            let first = marker[0]
            var index = start
            let end = buffer.count - marker.count
            while index <= end {
                if buffer[index] == first, marker.indices.allSatisfy({ buffer[index + $0] == marker[$0] }) { return true }
                index += 1
            }
            return false
        }
    }

    /// Reads the snapshot of `file`; a snapshot that cannot be read is an error of the host.
    static func read(_ bytes: FileBytes, file: String) -> Result<Snapshot, JSONReadError> {
        var array = bytes.array
        if array.starts(with: [0xEF, 0xBB, 0xBF]) { array.removeFirst(3) }
        do {
            return .success(try Snapshot(jsonBytes: array, file: file))
        } catch {
            return .failure(error)
        }
    }

    /// The host of a bundle holding `snapshot` (read from `file`) and the other files
    /// `parsed`: `host.json` labels, coverage and platform claim applied; anything else in the
    /// bundle (a capture, a second snapshot) is an error of the host.
    static func assemble(
        _ snapshot: Snapshot, file: String, others: [ParsedCapture], extraSnapshots: [String], hostName: String?,
        notes: [Diagnostic]
    ) -> Snapshot {
        var result = snapshot
        result.diagnostics += notes
        for extra in extraSnapshots {
            result.diagnostics.append(Diagnostic(
                .error, "a second snapshot in the bundle (a bundle holds one snapshot and a host.json)",
                at: SourceLocation(file: extra)))
        }
        for other in others where other.bundleInfo == nil {
            result.diagnostics.append(Diagnostic(
                .error, "a bundle with a snapshot holds only a host.json beside it, not \(other.source.format) captures",
                at: SourceLocation(file: other.source.file)))
        }
        for other in others { result.diagnostics += other.diagnostics }
        if let (info, infoFile) = BundleDeclarations.bundleInfo(others) {
            if let claim = BundleDeclarations.platformClaim(info, file: infoFile, snapshot: snapshot) {
                result.diagnostics.append(claim)
                result.host.platform = .unknown
            }
            result.host.labels.merge(info.labels) { _, new in new }
            if let host = info.host { result.host.name = host }
            if !info.sources.isEmpty {
                result.diagnostics.append(Diagnostic(
                    .warning, "'sources' describes captures; the bundle holds a snapshot, whose coverage stands",
                    at: SourceLocation(file: infoFile)))
            }
            BundleDeclarations.applyCoverage(info, to: &result.host)
        }
        if let hostName { result.host.name = hostName }
        return result
    }
}
