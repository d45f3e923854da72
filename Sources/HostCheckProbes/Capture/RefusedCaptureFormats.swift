import HostCheckCore

/// Formats recognised only to say why they are not read and what to capture instead.
enum RefusedCaptureFormats {
    /// PowerShell `Format-Table` output (`Get-NetTCPConnection`, `Get-Process`): columns dropped and cut.
    static let powershellTable = CaptureFormatDescriptor(
        id: "powershell-table", summary: "PowerShell Format-Table output (refused: columns are dropped and cut)",
        platform: .windows, coverage: .nothing,
        recognise: { lines in
            Recognition.firstMarker(lines) { line in
                let tokens = Tokens.split(line)
                return tokens.contains("LocalAddress") || tokens.joined(separator: " ").hasPrefix("Handles NPM(K)")
            }
        },
        reading: .refused(
            "powershell table output is refused: Format-Table output drops and cuts columns; run "
                + "'Get-NetTCPConnection | Select-Object LocalAddress,LocalPort,RemoteAddress,RemotePort,State,"
                + "OwningProcess | ConvertTo-Csv -NoTypeInformation' (or 'netstat -ano') instead"))

    /// A JSON document that is neither a bundle's `host.json` nor PowerShell output.
    static let json = CaptureFormatDescriptor(
        id: "json", summary: "another JSON document (refused: give a snapshot with --snapshot)",
        platform: .unknown, coverage: .nothing,
        recognise: { FormatRecognizer.startsJSON($0) ? .marker(line: 0) : nil },
        reading: .refused(
            "recognised format 'json' is not read here: only hostcheck snapshots (--snapshot) and PowerShell "
                + "ConvertTo-Json of Get-NetTCPConnection, Get-NetUDPEndpoint or Get-Process are read"))

    /// Linux `/proc/net/unix`.
    static let procNetUnix = CaptureFormatDescriptor(
        id: "proc-net-unix", summary: "Linux /proc/net/unix (refused: no tcp or udp sockets)",
        platform: .linux, coverage: .nothing,
        recognise: { Recognition.firstHeader($0, "Num RefCount Protocol") },
        reading: .refused("recognised format 'proc-net-unix' lists no tcp or udp sockets"))

    /// Linux `/proc/[pid]/status`.
    static let procPidStatus = CaptureFormatDescriptor(
        id: "proc-pid-status", summary: "Linux /proc/[pid]/status (refused: no sockets)",
        platform: .linux, coverage: .nothing,
        recognise: { lines in
            guard lines.contains(where: { $0.hasPrefix("Pid:") }) else { return nil }
            return Recognition.firstMarker(lines) { Tokens.split($0).first == "Name:" }
        },
        reading: .refused("recognised format 'proc-pid-status' lists no tcp or udp sockets"))
}
