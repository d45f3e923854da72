import HostCheckCore

/// Words, short labels and CSS classes for outcomes in the HTML report.
///
/// Every coloured element also carries a text label, so the page never relies on colour alone.
enum HTMLReportLabels {
    /// Outcomes from the most to the least urgent, the order of summaries and host sections.
    static let urgency: [Outcome] = [.fail, .error, .unknown, .waived, .skip, .pass]

    /// The position of `outcome` in ``urgency`` (0 is the most urgent).
    static func rank(_ outcome: Outcome) -> Int {
        urgency.firstIndex(of: outcome) ?? urgency.count
    }

    /// A four-letter label for matrix cells and badges (`FAIL`, `UNKN`).
    static func short(_ outcome: Outcome) -> String {
        switch outcome {
        case .pass: "PASS"
        case .fail: "FAIL"
        case .unknown: "UNKN"
        case .error: "ERR"
        case .skip: "SKIP"
        case .waived: "WAIV"
        }
    }

    /// The word used in counts (`failed`, `unknown`).
    static func word(_ outcome: Outcome) -> String {
        switch outcome {
        case .pass: "passed"
        case .fail: "failed"
        case .unknown: "unknown"
        case .error: "error"
        case .skip: "skipped"
        case .waived: "waived"
        }
    }

    /// The CSS class that colours an outcome (`o-fail`).
    static func cssClass(_ outcome: Outcome) -> String { "o-" + outcome.rawValue }
}
