/// Recognises the format of a capture from its content, never from its file name.
///
/// Windows formats are identified structurally (a `tasklist` ruler, `netstat` rows, quoted
/// `tasklist` CSV rows), so a localized capture is recognised too. Other known formats are
/// recognised so that the diagnostic can name them.
enum FormatRecognizer {
    /// How many lines are examined at most.
    static let scanLimit = 400

    /// The format of the text, or nil when nothing known is found.
    static func recognise(_ lines: [Substring]) -> CaptureFormat? {
        var netstatRows = 0
        var csvRows = 0
        var listBlocks = 0
        var headerlessRows = 0
        var previous: Substring?
        var nonBlank: [Substring] = []
        for line in lines.prefix(scanLimit) where !Tokens.isBlank(line) {
            nonBlank.append(line)
            if TasklistTableParser.rulerColumns(line) != nil { return .windowsTasklistTable }
            if NetstatRow(line: line) != nil || NetstatDecoration.isKnown(line)
                || WindowsLanguages.elevationMessages.contains(DisplayWidth.trimmed(String(line))) {
                netstatRows += 1
            } else if TasklistCSVParser.isDataRow(line) {
                csvRows += 1
            } else if TasklistListParser.isPIDLine(line), let previous, TasklistListParser.labelled(previous) != nil {
                listBlocks += 1
            } else if TasklistTableParser.hasDefaultShape(line) {
                headerlessRows += 1
            }
            previous = line
        }
        if let other = otherFormat(nonBlank) { return other }
        if netstatRows > 0, netstatRows >= csvRows { return .windowsNetstat }
        if csvRows > 0 { return .windowsTasklistCSV }
        if listBlocks > 0 { return .windowsTasklistList }
        if headerlessRows > 0 { return .windowsTasklistTable }
        return nil
    }

    /// Known formats this build does not read, told by their fixed (not localized) headers or
    /// row shapes.
    static func otherFormat(_ lines: [Substring]) -> CaptureFormat? {
        guard let first = lines.first else { return nil }
        let head = first.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
        if head.hasPrefix("{") || head.hasPrefix("[") {
            let powershell = lines.prefix(scanLimit).contains {
                $0.contains("\"OwningProcess\"") || $0.contains("\"ProcessName\"")
            }
            return powershell ? .powershellJSON : .json
        }
        if head.hasPrefix("#TYPE ") { return .powershellCSV }
        for line in lines.prefix(20) {
            let tokens = Tokens.split(line)
            guard let firstToken = tokens.first else { continue }
            let collapsed = tokens.joined(separator: " ")
            if line.hasPrefix("\""), collapsed.contains("\"LocalAddress\"") || collapsed.contains("\"ProcessName\"")
                || collapsed.contains("\"OwningProcess\"") {
                return .powershellCSV
            }
            if tokens.contains("LocalAddress") || collapsed.hasPrefix("Handles NPM(K)") { return .powershellTable }
            if collapsed.hasPrefix("Netid State Recv-Q") || collapsed.hasPrefix("State Recv-Q Send-Q") {
                return .linuxSS
            }
            if collapsed.hasPrefix("sl local_address rem_address") { return .procNet }
            if collapsed.hasPrefix("Num RefCount Protocol") { return .procNetUnix }
            if collapsed.hasPrefix("COMMAND PID") { return .lsof }
            if firstToken == "Name:", lines.contains(where: { $0.hasPrefix("Pid:") }) { return .procPidStatus }
            let bsdProtocols: Set<Substring> = ["tcp4", "tcp6", "tcp46", "udp4", "udp6", "udp46"]
            if tokens.count >= 5, bsdProtocols.contains(firstToken) || bsdProtocols.contains(tokens[2]) {
                return .bsdNetstat
            }
            if tokens.count >= 9, Tokens.isDigits(tokens[1]), ["IPv4", "IPv6"].contains(tokens[4]),
               ["TCP", "UDP"].contains(tokens[7]) {
                return .lsof
            }
            if tokens.count >= 5, ["tcp", "udp", "tcp6", "udp6", "raw", "raw6"].contains(firstToken),
               Tokens.isDigits(tokens[1]), Tokens.isDigits(tokens[2]) {
                return .linuxNetstat
            }
            if tokens.count >= 6, firstToken.hasSuffix(":"), Tokens.isDigits(firstToken.dropLast()),
               tokens[1].contains(":"), tokens[1].count >= 13 {
                return .procNet
            }
        }
        return nil
    }
}
