import HostCheckCore

/// A snapshot that loads, written and loaded again, gives equal values.
enum SnapshotProperties {
    /// The violated property, or nil (an input that does not load holds it trivially).
    static func check(_ bytes: [UInt8]) -> String? {
        guard let first = try? Snapshot(jsonBytes: bytes, file: "snapshot.json") else { return nil }
        return roundTrip(first)
    }

    /// The violation when `snapshot`, written compact or pretty and read again, differs.
    static func roundTrip(_ snapshot: Snapshot) -> String? {
        for pretty in [false, true] {
            let written = snapshot.jsonBytes(pretty: pretty)
            let again: Snapshot
            do {
                again = try Snapshot(jsonBytes: written, file: "written.json")
            } catch {
                return "a loaded snapshot, written (pretty: \(pretty)), does not load: \(error)"
            }
            if again != snapshot {
                return "a loaded snapshot, written (pretty: \(pretty)) and loaded again, differs"
            }
        }
        return nil
    }
}
