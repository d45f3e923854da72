import HostCheckCore

/// The fields of one `tasklist` process, bound by position (headers are localized).
///
/// Position sets: 5 fields (default: image, PID, session name, session#, memory), 3 (`/svc`:
/// image, PID, services), 9 (`/v`: default + status, user, CPU time, window title).
enum TasklistColumns {
    /// The field counts `tasklist` writes.
    static let knownCounts: Set<Int> = [3, 5, 9]

    /// Builds a process from positional fields; nil when the PID is not a number.
    static func process(
        fields: [String], nameWidth: Int?, source: SourceLocation
    ) -> ProcessFact? {
        guard fields.count >= 2, Tokens.isDigits(Substring(fields[1])), fields[1].count <= 10,
              let pid = Int(fields[1]), !fields[0].isEmpty else { return nil }
        let name = fields[0]
        var process = ProcessFact(pid: pid, name: name, source: source)
        if let nameWidth, DisplayWidth.of(name) >= nameWidth { process.nameTruncated = true }
        if fields.count == 3 {
            process.services = services(fields[2])
            process.servicesListed = true
        }
        if fields.count == 9, !isNotAvailable(fields[6]) { process.user = fields[6] }
        return process
    }

    /// The services of a `/svc` field: comma-separated, `N/A` for none.
    static func services(_ field: String) -> [String] {
        if isNotAvailable(field) { return [] }
        return field.split(separator: ",").map { DisplayWidth.trimmed(String($0)) }.filter { !$0.isEmpty }
    }

    /// `N/A` and its translations.
    static func isNotAvailable(_ field: String) -> Bool {
        ["N/A", "Н/Д", ""].contains(field)
    }
}
