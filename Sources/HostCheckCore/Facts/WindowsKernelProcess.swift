/// The Windows kernel process, PID 4 (`System`): the one place that knows it.
///
/// Windows reports sockets the kernel holds (SMB, HTTP.sys) as owned by PID 4, and a
/// `tasklist` may or may not list it. A listed PID 4 is marked `kernel`; when no process list
/// names it, its record is synthesised, so that `owner.kernel: true` and `owner.name: System`
/// hold either way. On other platforms PID 4 is an ordinary process.
public enum WindowsKernelProcess {
    /// The PID Windows gives the kernel.
    public static let pid = 4
    /// The image name Windows shows for it.
    public static let name = "System"

    /// Whether `pid` is the kernel process on a host of `platform`.
    public static func isKernel(pid: Int, platform: Platform) -> Bool {
        pid == self.pid && platform == .windows
    }

    /// The record of the kernel process, located where a socket named it.
    public static func record(source: SourceLocation) -> ProcessFact {
        ProcessFact(pid: pid, name: name, kernel: true, source: source)
    }

    /// The record an owner `pid` without a process record stands for: the kernel process for
    /// PID 4 on Windows, nil otherwise.
    public static func standIn(for pid: Int, platform: Platform, source: SourceLocation) -> ProcessFact? {
        isKernel(pid: pid, platform: platform) ? record(source: source) : nil
    }

    /// On Windows, marks a listed PID 4 as the kernel, or adds its record when a socket names it.
    public static func complete(_ processes: inout [ProcessFact], sockets: [SocketFact], platform: Platform) {
        guard platform == .windows else { return }
        if let index = processes.firstIndex(where: { $0.pid == pid }) {
            processes[index].kernel = true
        } else if let index = sockets.indices.first(where: { sockets[$0].pids.contains(pid) }) {
            // Indices, not elements: a large capture's sockets are not copied one by one.
            processes.append(record(source: sockets[index].source))
        }
    }
}
