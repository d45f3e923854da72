/// Reads RFC 4180 CSV records: quoted fields may hold commas, quotes (`""`) and line breaks.
struct CSVRecordReader {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1

    init(text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The next record and the line it starts on, or nil at the end.
    mutating func next() -> ([String], Int)? {
        guard index < scalars.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if quoted {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                quoted = true
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
            case "\r":
                continue
            case "\n":
                line += 1
                fields.append(String(field))
                return (fields, startLine)
            default:
                field.append(scalar)
            }
        }
        fields.append(String(field))
        return (fields, startLine)
    }
}
