/// One line of comma-separated values (RFC 4180 without embedded line breaks).
///
/// Fields may be quoted; inside quotes a comma is data and `""` is one quote
/// (`"50,000 K"` is one field).
enum CSVLine {
    /// The fields of the line and whether each was quoted; nil when a quote is left open or
    /// text follows a closing quote.
    static func parse(_ line: Substring) -> [(value: String, quoted: Bool)]? {
        var fields: [(value: String, quoted: Bool)] = []
        var current = ""
        var quoted = false
        var inQuotes = false
        var afterClosingQuote = false
        var index = line.startIndex
        while index != line.endIndex {
            let character = line[index]
            index = line.index(after: index)
            if inQuotes {
                if character == "\"" {
                    if index != line.endIndex, line[index] == "\"" {
                        current.append("\"")
                        index = line.index(after: index)
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case ",":
                fields.append((current, quoted))
                current = ""
                quoted = false
                afterClosingQuote = false
            case "\"" where current.isEmpty && !quoted:
                inQuotes = true
                quoted = true
            default:
                if afterClosingQuote {
                    if character == " " || character == "\t" { continue }
                    return nil
                }
                current.append(character)
            }
        }
        if inQuotes { return nil }
        fields.append((current, quoted))
        return fields
    }
}
