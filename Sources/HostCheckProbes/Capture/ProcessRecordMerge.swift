import HostCheckCore

/// How two records of one PID from different sources (or rows) are joined
/// (docs/architecture.md, "Path of a capture file", step 7): they must name the same program,
/// else the PID was reused between the commands and neither record can be trusted.
enum ProcessRecordMerge {
    /// What the two records disagree on, quoted for the warning (`'magaya.exe'`, `path 'C:\x.exe'`);
    /// nil when they agree: the same image, and the same path and file hash where both know them.
    static func conflict(_ first: ProcessFact, _ second: ProcessFact) -> (first: String, second: String)? {
        if !ProcessImage.agree(first, second) {
            return (quoted(first.name ?? first.path), quoted(second.name ?? second.path))
        }
        if let a = first.path, let b = second.path, !samePath(a, b) {
            return ("path " + quoted(a), "path " + quoted(b))
        }
        if let a = first.identity.sha256, let b = second.identity.sha256, a != b {
            return ("sha256 " + a, "sha256 " + b)
        }
        if let a = first.identity.signatureStatus, let b = second.identity.signatureStatus, a != b {
            return ("signature " + quoted(a), "signature " + quoted(b))
        }
        if let a = first.identity.signer, let b = second.identity.signer, a != b {
            return ("signer " + quoted(a), "signer " + quoted(b))
        }
        return nil
    }

    /// Fills what `record` does not know from `other`, which names the same program.
    static func complete(_ record: inout ProcessFact, with other: ProcessFact) {
        record.servicesListed = record.servicesListed || other.servicesListed
        for service in other.services where !record.services.contains(service) {
            record.services.append(service)
        }
        if record.name == nil {
            record.name = other.name
            record.nameTruncated = other.nameTruncated
        }
        record.user = record.user ?? other.user
        record.ppid = record.ppid ?? other.ppid
        record.path = record.path ?? other.path
        record.cmdline = record.cmdline ?? other.cmdline
        record.identity.sha256 = record.identity.sha256 ?? other.identity.sha256
        record.identity.signer = record.identity.signer ?? other.identity.signer
        record.identity.signatureStatus = record.identity.signatureStatus ?? other.identity.signatureStatus
    }

    /// Equal paths; Windows paths (with a `\`) in any case, as NTFS compares them.
    static func samePath(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        return a.contains("\\") && b.contains("\\") && a.lowercased() == b.lowercased()
    }

    /// `'text'`, at most 120 characters of it (the text comes from the capture).
    private static func quoted(_ text: String?) -> String {
        let text = text ?? "?"
        return "'" + (text.count > 120 ? text.prefix(119) + "…" : Substring(text)) + "'"
    }
}
