import HostCheckCore

/// One capture file after decoding, recognition and parsing.
struct ParsedCapture: Sendable {
    /// The file with its detected format (`unknown` when not recognised) and encoding (nil when
    /// not decoded).
    var source: CaptureSource
    /// The platform its format comes from (`unknown` when the format does not tell).
    var platform: Platform = .unknown
    /// The sockets it lists, when its format lists sockets.
    var sockets: SocketCapture?
    /// The processes it lists, when its format lists processes.
    var processes: ProcessCapture?
    /// The bundle's `host.json`, when this file is one.
    var bundleInfo: BundleInfo?
    /// Problems with the file as a whole (undecodable, unrecognised, refused).
    var diagnostics: [Diagnostic] = []
    /// Coverage stated for this file (its command in `host.json` `sources`), and where that was
    /// stated; it replaces what the parser decided for the dimensions it states.
    var declaredCoverage: (declaration: CoverageDeclaration, origin: String)?

    /// The format recorded for a file that could not be recognised.
    static let unknownFormat = "unknown"
    /// The format recorded for a bundle's `host.json`.
    static let bundleInfoFormat = "hostcheck-bundle-info"

    /// Decodes, recognises among `formats` and parses one input.
    static func parse(_ input: consuming CaptureInput, formats: [CaptureFormatDescriptor]) -> ParsedCapture {
        switch prepare(input, formats: formats) {
        case .done(let parsed):
            return parsed
        case .recognised(var parsed, let document, let format):
            switch format.reading {
            case .parsed(let parse, _): parsed.add(parse(document), document)
            case .refused(let message): parsed.refuse(message, file: document.text.file)
            }
            return parsed
        }
    }

    /// ``parse(_:formats:)``, reading a large capture on up to `tasks` tasks when its format can.
    static func parse(_ input: consuming CaptureInput, formats: [CaptureFormatDescriptor], tasks: Int) async -> ParsedCapture {
        switch prepare(input, formats: formats) {
        case .done(let parsed):
            return parsed
        case .recognised(var parsed, let document, let format):
            switch format.reading {
            case .parsed(_, let parallel?): parsed.add(await parallel(document, tasks), document)
            case .parsed(let parse, nil): parsed.add(parse(document), document)
            case .refused(let message): parsed.refuse(message, file: document.text.file)
            }
            return parsed
        }
    }

    private mutating func add(_ facts: CaptureFacts, _ document: CaptureDocument) {
        sockets = facts.sockets
        processes = facts.processes
        if document.decoded.oddTrailingByte { markOddTrailingByte(document.text) }
    }

    private mutating func refuse(_ message: String, file: String) {
        diagnostics.append(Diagnostic(.error, message, at: SourceLocation(file: file)))
    }

    /// An input decoded and recognised, or already finished (not decodable, not recognised).
    private enum Prepared {
        case done(ParsedCapture)
        case recognised(ParsedCapture, CaptureDocument, CaptureFormatDescriptor)
    }

    private static func prepare(_ input: consuming CaptureInput, formats: [CaptureFormatDescriptor]) -> Prepared {
        var parsed = ParsedCapture(source: CaptureSource(file: input.file, format: unknownFormat))
        let fileLocation = SourceLocation(file: input.file)
        guard !input.bytes.isEmpty else {
            parsed.diagnostics.append(Diagnostic(.error, "empty capture file", at: fileLocation))
            return .done(parsed)
        }
        let decoded: DecodedBytes
        do {
            decoded = try CaptureDecoder.read(input.bytes)
        } catch {
            parsed.diagnostics.append(Diagnostic(.error, error.message, at: SourceLocation(file: input.file, line: error.line)))
            return .done(parsed)
        }
        let text = CaptureText(file: input.file, encoding: decoded.encoding, utf8: decoded.utf8)
        parsed.source.encoding = decoded.encoding.rawValue
        parsed.diagnostics += longLineErrors(text)
        if decoded.guessed {
            parsed.diagnostics.append(Diagnostic(
                .warning, "no known header or title decoded; code page \(decoded.encoding.rawValue) is a guess",
                at: fileLocation))
        }
        if let json = BundleInfo.candidateText(decoded.utf8), BundleInfo.looksLikeBundleInfo(json) {
            parsed.source.format = bundleInfoFormat
            switch BundleInfo.parse(json, file: input.file) {
            case .success(let info):
                parsed.bundleInfo = info
                parsed.diagnostics += info.diagnostics
            case .failure(let error): parsed.diagnostics.append(error.diagnostic)
            }
            return .done(parsed)
        }
        if let (format, rows) = QuickRecognition.recognise(text, among: formats) {
            parsed.source.format = format.id
            parsed.platform = format.platform
            return .recognised(parsed, CaptureDocument(text: text, decoded: decoded, knownRows: rows), format)
        }
        let lines = FormatRecognizer.lines(of: text)
        guard let format = FormatRecognizer.recognise(lines, among: formats) else {
            // Text made only of lines too long to read has had its one error per line.
            if !text.lineRanges.longLines.isEmpty, lines.allSatisfy(Tokens.isBlank) { return .done(parsed) }
            parsed.diagnostics.append(Diagnostic(
                .error, "unrecognised capture format (expected netstat, tasklist, ss, lsof, /proc/net or PowerShell output)",
                at: fileLocation))
            return .done(parsed)
        }
        parsed.source.format = format.id
        parsed.platform = format.platform
        return .recognised(parsed, CaptureDocument(text: text, decoded: decoded), format)
    }

    /// How many lines too long to read are reported one by one; the rest are counted in one
    /// more error.
    static let reportedLongLines = 10

    /// One located error per line longer than ``CaptureText/maximumLineBytes`` (up to
    /// ``reportedLongLines``), naming its length, never its text.
    static func longLineErrors(_ text: CaptureText) -> [Diagnostic] {
        let long = text.lineRanges.longLines
        let limit = "\(CaptureText.maximumLineBytes >> 20) MiB"
        var errors = long.prefix(reportedLongLines).map { line in
            Diagnostic(
                .error, "line longer than \(limit) (\(line.byteCount) bytes); not read",
                at: text.location(line: line.index + 1))
        }
        if long.count > reportedLongLines {
            let rest = long[reportedLongLines]
            errors.append(Diagnostic(
                .error, "\(long.count - reportedLongLines) more lines longer than \(limit); not read",
                at: text.location(line: rest.index + 1)))
        }
        return errors
    }
}
