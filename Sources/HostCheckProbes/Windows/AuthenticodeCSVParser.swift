import HostCheckCore

/// Parses the signature export of `scripts/capture-windows.ps1` (docs/captures.md, "Owner
/// identity on Windows"): for each process that owns a listening socket, the executable it was
/// started from (`ExecutablePath`), its SHA-256 (`Get-FileHash`) and its Authenticode status
/// and signer subject (`Get-AuthenticodeSignature`), through `Export-Csv`.
///
/// A row says nothing about sockets: the capture assembler joins it to the process of its PID
/// and refuses the join when the paths disagree (PID reuse between the commands).
enum AuthenticodeCSVParser {
    /// The properties whose header marks the export.
    static let properties = ["ProcessId", "Path", "SHA256", "Status", "SignerSubject"]

    /// `System.Management.Automation.SignatureStatus` by number, as `ConvertTo-Json` 5.1
    /// writes enums; `Export-Csv` writes the names.
    static let statusNames = [
        "0": "Valid", "1": "UnknownError", "2": "NotSigned", "3": "HashMismatch", "4": "NotTrusted",
        "5": "NotSupportedFileFormat", "6": "Incompatible",
    ]

    static func parse(_ text: CaptureText) -> ProcessCapture {
        var result = PowerShellCSVTable(text, what: "signature export").processes(text) { record, pid, location, diagnostics in
            guard let path = record["Path"] else {
                diagnostics.append(Diagnostic(.warning, "signature row without the executable's path; not read", at: location))
                return nil
            }
            var identity = ProcessIdentity()
            if let hash = record["SHA256"] {
                if hash.count == 64, hash.utf8.allSatisfy({ $0 < 0x80 && Character(Unicode.Scalar($0)).isHexDigit }) {
                    identity.sha256 = hash.lowercased()
                } else {
                    diagnostics.append(Diagnostic(.warning, "SHA256 is not 64 hexadecimal digits; the hash is unknown", at: location))
                }
            }
            identity.signatureStatus = record["Status"].map { statusNames[$0] ?? $0 }
            identity.signer = record["SignerSubject"]
            return ProcessFact(pid: pid, name: nil, path: path, identity: identity, source: location)
        }
        result.describesSocketOwners = true
        return result
    }
}

extension AuthenticodeCSVParser {
    /// The signature export of `scripts/capture-windows.ps1`.
    static let descriptor = CaptureFormatDescriptor(
        id: "windows-authenticode-csv",
        summary: "PowerShell Get-FileHash and Get-AuthenticodeSignature of the socket owners' executables through Export-Csv",
        platform: .windows,
        coverage: .processList,
        recognise: { PowerShellCSVTable.recognise($0, properties: properties) },
        reading: .parsed(parse: { CaptureFacts(processes: parse($0.text)) }))
}
