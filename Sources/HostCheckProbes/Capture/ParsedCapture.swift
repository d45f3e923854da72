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
    static func parse(_ input: consuming CaptureInput) -> ParsedCapture {
        switch prepare(input) {
        case .done(let parsed): parsed
        case .recognised(let parsed, let text, let decoded, let format): parseRecognised(parsed, text, decoded, format)
        }
    }

    /// ``parse(_:)``, reading a large Windows `netstat` capture in up to `tasks` chunks at once.
    static func parse(_ input: consuming CaptureInput, tasks: Int) async -> ParsedCapture {
        switch prepare(input) {
        case .done(let parsed):
            return parsed
        case .recognised(var parsed, let text, _, .windowsNetstat):
            parsed.netstat = await NetstatParser.parse(text, tasks: tasks)
            return parsed
        case .recognised(let parsed, let text, let decoded, let format):
            return parseRecognised(parsed, text, decoded, format)
        }
    }

    /// An input decoded and recognised, or already finished (not decodable, not recognised).
    private enum Prepared {
        case done(ParsedCapture)
        case recognised(ParsedCapture, CaptureText, DecodedBytes, CaptureFormat)
    }

    private static func prepare(_ input: consuming CaptureInput) -> Prepared {
        var parsed = ParsedCapture(source: CaptureSource(file: input.file, format: unknownFormat))
        let fileLocation = SourceLocation(file: input.file)
        guard !input.bytes.isEmpty else {
            parsed.diagnostics.append(Diagnostic(.error, "empty capture file", at: fileLocation))
            return .done(parsed)
        }
        guard let decoded = CaptureDecoder.decode(input.bytes) else {
            parsed.diagnostics.append(Diagnostic(
                .error, "cannot decode the file: binary, or not utf-8, utf-16 or a known code page", at: fileLocation))
            return .done(parsed)
        }
        let text = CaptureText(file: input.file, encoding: decoded.encoding, utf8: decoded.utf8)
        parsed.source.encoding = decoded.encoding.rawValue
        if decoded.guessed {
            parsed.diagnostics.append(Diagnostic(
                .warning, "no known header or title decoded; code page \(decoded.encoding.rawValue) is a guess",
                at: fileLocation))
        }
        if let json = BundleInfo.candidateText(decoded.utf8), BundleInfo.looksLikeBundleInfo(json) {
            parsed.source.format = bundleInfoFormat
            switch BundleInfo.parse(json) {
            case .success(let info): parsed.bundleInfo = info
            case .failure(let error): parsed.diagnostics.append(Diagnostic(.error, error.message, at: fileLocation))
            }
            return .done(parsed)
        }
        guard let format = FormatRecognizer.recognise(text.lines(upTo: FormatRecognizer.scanLimit)) else {
            parsed.diagnostics.append(Diagnostic(
                .error, "unrecognised capture format (expected netstat, tasklist, ss, lsof, /proc/net or PowerShell output)",
                at: fileLocation))
            return .done(parsed)
        }
        parsed.source.format = format.rawValue
        return .recognised(parsed, text, decoded, format)
    }

    /// Parses a recognised input with the parser of its format.
    private static func parseRecognised(
        _ parsed: ParsedCapture, _ text: CaptureText, _ decoded: DecodedBytes, _ format: CaptureFormat
    ) -> ParsedCapture {
        var parsed = parsed
        let fileLocation = SourceLocation(file: text.file)
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
        case .bsdNetstat:
            parsed.netstat = BSDNetstatParser.parse(text)
        case .procNet:
            parsed.netstat = ProcNetParser.parse(text)
        case .powershellCSV:
            (parsed.netstat, parsed.tasklist) = PowerShellCSVParser.parse(text)
        case .powershellJSON:
            (parsed.netstat, parsed.tasklist) = PowerShellJSONParser.parse(text, raw: decoded.text)
        case .powershellTable:
            parsed.diagnostics.append(Diagnostic(
                .error, "powershell table output is refused: \(format.unsupportedHint ?? "")", at: fileLocation))
        case .procNetUnix, .procPidStatus:
            parsed.diagnostics.append(Diagnostic(
                .error, "recognised format '\(format.rawValue)' lists no tcp or udp sockets", at: fileLocation))
        case .json:
            parsed.diagnostics.append(Diagnostic(
                .error, "recognised format 'json' is not read here: \(format.unsupportedHint ?? "")", at: fileLocation))
        }
        return parsed
    }
}
