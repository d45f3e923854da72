#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Whether the proc root can show this probe every process that may hold a socket of its
/// network namespaces. When it cannot, no fd walk is complete, so an inode nobody was seen
/// holding stays `unknown` (docs/architecture.md, "Facts": never fail open).
enum ProcessVisibility {
    /// Why some processes are invisible, or nil when nothing says so.
    static func hiddenProcessesReason(procRoot: String) -> String? {
        if case .success(let status) = SystemIO.readFile(procRoot + "/self/status"), inChildPIDNamespace(status: status) {
            return "the probe runs in a child pid namespace, so processes outside it are not visible"
        }
        if procRoot == "/proc", geteuid() != 0,
           case .success(let mounts) = SystemIO.readFile("/proc/self/mountinfo", sizeHint: 16 * 1024),
           procHidesProcesses(mountinfo: mounts) {
            return "/proc is mounted with hidepid, so other users' processes are not visible"
        }
        return nil
    }

    /// `NSpid:` lists one PID per nested namespace; more than one means a child namespace.
    static func inChildPIDNamespace(status: [UInt8]) -> Bool {
        let key = Array("NSpid:".utf8)
        for line in status.split(separator: 0x0A) where line.starts(with: key) {
            let fields = line.dropFirst(key.count).split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            return fields.count > 1
        }
        return false
    }

    /// The `/proc` mount's super options carry `hidepid=` other than `0`/`off`.
    static func procHidesProcesses(mountinfo: [UInt8]) -> Bool {
        for line in mountinfo.split(separator: 0x0A) {
            let text = String(decoding: line, as: UTF8.self)
            let fields = text.split(separator: " ")
            guard fields.count > 4, fields[4] == "/proc", let dash = fields.firstIndex(of: "-"),
                  dash + 3 < fields.count, fields[dash + 1] == "proc" else { continue }
            for option in fields[dash + 3].split(separator: ",") where option.hasPrefix("hidepid=") {
                let value = option.dropFirst("hidepid=".count)
                if value != "0", value != "off" { return true }
            }
        }
        return false
    }
}
