import HostCheckCore

/// GitHub Actions workflow commands, shown as annotations on the run and the pull request:
/// `--format github`.
///
/// `::error` for each fail and `::warning` for each unknown or error, one per evidence location
/// (`file=`, `line=`, `col=`), or one without a location when the result has none; the title is
/// `PACK/RULE on HOST`. A `::notice` carries the summary. Data and properties are escaped the way
/// the Actions toolkit does (`%`, CR, LF; and `:` `,` in properties) after control characters are
/// neutralised, so captured text can neither start a new command nor colour the log.
package struct GitHubReporter: BuiltinReporter {
    package static let id = "github"
    package static let summary = "GitHub Actions annotations (::error / ::warning workflow commands)"

    package let options: ReporterOptions

    package init(options: ReporterOptions) {
        self.options = options
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        for diagnostic in run.diagnostics { writeDiagnostic(diagnostic, to: &out) }
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        for result in results.results {
            let command: String
            switch result.outcome {
            case .fail: command = "error"
            case .unknown, .error: command = "warning"
            case .pass, .skip, .waived: continue
            }
            let title = "\(ResultText.ruleID(result)) on \(result.host)"
            let prefix = result.outcome == .fail ? "" : "\(result.outcome.rawValue): "
            let locations = result.evidence.filter { $0.source != nil }
            if locations.isEmpty {
                out.write(GitHubCommand.line(command, location: nil, title: title, message: prefix + result.message))
            }
            for evidence in locations {
                let message = prefix + result.message + " — " + ResultText.evidenceLine(evidence)
                out.write(GitHubCommand.line(command, location: evidence.source, title: title, message: message))
            }
        }
        for diagnostic in results.diagnostics where diagnostic.severity == .error {
            writeDiagnostic(diagnostic, to: &out)
        }
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        for diagnostic in summary.diagnostics { writeDiagnostic(diagnostic, to: &out) }
        out.write(GitHubCommand.line("notice", location: nil, title: "hostcheck", message: ResultText.summaryLine(summary)))
    }

    private func writeDiagnostic(_ diagnostic: Diagnostic, to out: inout some TextOutputStream) {
        let command = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
        out.write(GitHubCommand.line(command, location: diagnostic.location, title: "hostcheck", message: diagnostic.message))
    }
}

/// Formatting of one workflow command line.
enum GitHubCommand {
    /// `::error file=F,line=L,col=C,title=T::message\n`.
    static func line(_ command: String, location: SourceLocation?, title: String, message: String) -> String {
        var properties: [String] = []
        if let location {
            properties.append("file=" + property(location.file))
            if let line = location.line { properties.append("line=\(line)") }
            if let column = location.column { properties.append("col=\(column)") }
        }
        properties.append("title=" + property(title))
        return "::\(command) \(properties.joined(separator: ","))::\(data(message))\n"
    }

    /// Escapes command data: `%`, CR and LF (after neutralising every control character).
    static func data(_ text: String) -> String {
        TerminalText.neutralised(text).replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    /// Escapes a property value: as data, plus `:` and `,`.
    static func property(_ text: String) -> String {
        data(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
