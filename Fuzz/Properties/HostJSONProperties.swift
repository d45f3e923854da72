import HostCheckCore
import HostCheckProbes

/// A bundle's `host.json` beside a fixed capture: whatever it says, every socket still names
/// its source line, coverage claims nothing without a source and the snapshot round-trips.
enum HostJSONProperties {
    /// The capture the bundle holds beside `host.json`.
    static let netstat = """
        Active Connections

          Proto  Local Address          Foreign Address        State           PID
          TCP    0.0.0.0:3691           0.0.0.0:0              LISTENING       6120
          TCP    [::]:3691              [::]:0                 LISTENING       6120
          UDP    0.0.0.0:5353           *:*                                    1444

        """

    /// The violated property, or nil.
    static func check(_ bytes: [UInt8]) -> String? {
        guard let capture = ScratchFiles.write(Array(netstat.utf8), as: "bundle/netstat.txt"),
              ScratchFiles.write(bytes, as: "bundle/host.json") != nil
        else { return nil }
        let snapshot: Snapshot
        do {
            snapshot = try CaptureProbe(
                paths: [ScratchFiles.directory + "/bundle"], hostName: nil, formats: CaptureFormatCatalog.builtin
            ).snapshot()
        } catch {
            return nil
        }
        if snapshot.host.name.isEmpty { return "a host without a name" }
        return CaptureProperties.check(snapshot, files: [capture, ScratchFiles.directory + "/bundle/host.json"])
    }
}
