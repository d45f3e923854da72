/// The report formats this module provides, in the order `hostcheck list reporters` shows
/// them. A new format is one file with its reporter and one line here.
public enum ReporterCatalog {
    /// Every built-in report format's descriptor, in catalog order.
    public static var builtin: [ReporterDescriptor] {
        [
            TextReporter.descriptor,
            JSONReporter.descriptor,
            JUnitReporter.descriptor,
            SARIFReporter.descriptor,
            TAPReporter.descriptor,
            MarkdownReporter.descriptor,
            GitHubReporter.descriptor,
            PrometheusReporter.descriptor,
            NagiosReporter.descriptor,
            HTMLReporter.descriptor,
            CSVReporter.descriptor,
            NDJSONReporter.descriptor,
        ]
    }
}
