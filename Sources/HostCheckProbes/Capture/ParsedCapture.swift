import HostCheckCore

/// One capture file after decoding, recognition and parsing.
struct ParsedCapture: Sendable {
    /// The file with its detected format (`unknown` when not recognised) and encoding (nil when
    /// not decoded).
    var source: CaptureSource
    var netstat: SocketCapture?
    var tasklist: TasklistCapture?
    /// The bundle's `host.json`, when this file is one.
    var bundleInfo: BundleInfo?
    /// Problems with the file as a whole (undecodable, unrecognised, unsupported).
    var diagnostics: [Diagnostic] = []

    /// The format recorded for a file that could not be recognised.
    static let unknownFormat = "unknown"
    /// The format recorded for a bundle's `host.json`.
    static let bundleInfoFormat = "hostcheck-bundle-info"

    /// Decodes, recognises and parses one input.
    static func parse(_ input: CaptureInput) -> ParsedCapture {
        var parsed = ParsedCapture(source: CaptureSource(file: input.file, format: unknownFormat))
        let fileLocation = SourceLocation(file: input.file)
        guard !input.bytes.isEmpty else {
            parsed.diagnostics.append(Diagnostic(.error, "empty capture file", at: fileLocation))
            return parsed
        }
        guard let decoded = CaptureDecoder.decode(input.bytes) else {
            parsed.diagnostics.append(Diagnostic(
                .error, "cannot decode the file: not utf-8, utf-16 or a known code page", at: fileLocation))
            return parsed
        }
        let text = CaptureText(file: input.file, encoding: decoded.encoding, text: decoded.text)
        parsed.source.encoding = decoded.encoding.rawValue
        if decoded.guessed {
            parsed.diagnostics.append(Diagnostic(
                .warning, "no known header or title decoded; code page \(decoded.encoding.rawValue) is a guess",
                at: fileLocation))
        }
        if BundleInfo.looksLikeBundleInfo(decoded.text) {
            parsed.source.format = bundleInfoFormat
            switch BundleInfo.parse(decoded.text) {
            case .success(let info): parsed.bundleInfo = info
            case .failure(let error): parsed.diagnostics.append(Diagnostic(.error, error.message, at: fileLocation))
            }
            return parsed
        }
        guard let format = FormatRecognizer.recognise(text.lines(upTo: FormatRecognizer.scanLimit)) else {
            parsed.diagnostics.append(Diagnostic(
                .error, "unrecognised capture format (expected windows netstat or tasklist output)",
                at: fileLocation))
            return parsed
        }
        parsed.source.format = format.rawValue
        switch format {
        case .windowsNetstat:
            parsed.netstat = NetstatParser.parse(text)
        case .windowsTasklistTable:
            parsed.tasklist = TasklistTableParser.parse(text)
        case .windowsTasklistCSV:
            parsed.tasklist = TasklistCSVParser.parse(text)
        case .windowsTasklistList:
            parsed.tasklist = TasklistListParser.parse(text)
        case .linuxNetstat:
            (parsed.netstat, parsed.tasklist) = LinuxNetstatParser.parse(text)
        case .linuxSS:
            (parsed.netstat, parsed.tasklist) = SSParser.parse(text)
        case .lsof:
            (parsed.netstat, parsed.tasklist) = LsofParser.parse(text)
        case .procNet:
            parsed.netstat = ProcNetParser.parse(text)
        case .powershellCSV:
            (parsed.netstat, parsed.tasklist) = PowerShellCSVParser.parse(text)
        case .powershellJSON:
            (parsed.netstat, parsed.tasklist) = PowerShellJSONParser.parse(text, raw: decoded.text)
        default:
            let hint = format.unsupportedHint.map { ": \($0)" } ?? ""
            parsed.diagnostics.append(Diagnostic(
                .error, "recognised format '\(format.rawValue)' is not yet supported\(hint)", at: fileLocation))
        }
        return parsed
    }
}
