/// The headers the CSV target puts in front of its input, so that the CSV parsers see it.
enum CSVHeaders {
    /// One header line per CSV format (tasklist, `Get-NetTCPConnection`, `Get-CimInstance
    /// Win32_Process`, `Get-Process`, `Get-AuthenticodeSignature`), the input's first byte picking one.
    static let headers = [
        "\"Image Name\",\"PID\",\"Session Name\",\"Session#\",\"Mem Usage\"\r\n",
        "\"Image Name\",\"PID\",\"Services\"\r\n",
        "\"LocalAddress\",\"LocalPort\",\"RemoteAddress\",\"RemotePort\",\"State\",\"OwningProcess\"\r\n",
        "\"LocalAddress\",\"LocalPort\",\"OwningProcess\"\r\n",
        "\"ProcessId\",\"ParentProcessId\",\"Name\",\"ExecutablePath\",\"CommandLine\"\r\n",
        "\"Id\",\"ProcessName\",\"Path\"\r\n",
        "\"ProcessId\",\"Path\",\"SHA256\",\"Status\",\"SignerSubject\"\r\n",
        "",
    ]

    /// The input behind the header its first byte picks (the rest of the input follows).
    static func framed(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.first else { return [] }
        return Array(headers[Int(first) % headers.count].utf8) + bytes.dropFirst()
    }
}
