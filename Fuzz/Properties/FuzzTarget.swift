/// The fuzz targets (docs/fuzzing.md): each names its corpus directory under `Fuzz/Corpus/` and
/// checks one input against the properties that must hold for every input.
package enum FuzzTarget: String, CaseIterable, Sendable {
    /// A rule pack: it loads, or every error is located (`file:line:col`).
    case packs
    /// A capture file through the format recogniser and every parser.
    case captures
    /// A snapshot JSON document: one that loads, written and loaded again, is equal.
    case snapshots
    /// A waiver file: it loads, or every error is located.
    case waivers
    /// A CSV capture (tasklist, PowerShell exports) behind a header the input's first byte picks.
    case csv
    /// A bundle's `host.json` beside a fixed `netstat` capture.
    case hostjson

    /// The violated property for `bytes`, or nil when every property holds.
    package func check(_ bytes: [UInt8]) -> String? {
        switch self {
        case .packs: PackProperties.check(bytes)
        case .captures: CaptureProperties.check(bytes)
        case .snapshots: SnapshotProperties.check(bytes)
        case .waivers: WaiverProperties.check(bytes)
        case .csv: CaptureProperties.check(CSVHeaders.framed(bytes))
        case .hostjson: HostJSONProperties.check(bytes)
        }
    }
}
