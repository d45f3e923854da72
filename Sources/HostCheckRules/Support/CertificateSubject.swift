/// The names in a certificate subject as Windows prints it (`X509Certificate.Subject`:
/// `CN=Magaya Corporation, O=Magaya Corporation, L=Miami, S=Florida, C=US`), for
/// `owner.signer` (docs/rule-packs.md, "Windows identity: signer, signature status, sha256 and image").
enum CertificateSubject {
    /// The values of the `CN` and `O` attributes, in order; a value in quotes may hold commas
    /// (`O="Magaya, Inc."`, with `""` for a quote), and `\,` is an escaped comma. Empty when the
    /// subject names neither.
    static func names(_ subject: String) -> [String] {
        attributes(subject).compactMap { key, value in
            let key = key.uppercased()
            return (key == "CN" || key == "O") && !value.isEmpty ? value : nil
        }
    }

    /// The `KEY=value` attributes of the subject, split at commas outside quotes.
    static func attributes(_ subject: String) -> [(key: String, value: String)] {
        var result: [(String, String)] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        var rawParts: [String] = []
        for character in subject {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
                current.append(character)
            } else if character == ",", !inQuotes {
                rawParts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        rawParts.append(current)
        for part in rawParts {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = part[..<equals].trimmingBlanks()
            result.append((String(key), value(part[part.index(after: equals)...].trimmingBlanks())))
        }
        return result
    }

    /// An attribute value without its quotes and escapes.
    private static func value(_ raw: Substring) -> String {
        var result = ""
        if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
            var previousQuote = false
            for character in raw.dropFirst().dropLast() {
                if character == "\"", previousQuote { previousQuote = false; continue }
                previousQuote = character == "\""
                result.append(character)
            }
            return result
        }
        var escaped = false
        for character in raw {
            if !escaped, character == "\\" { escaped = true; continue }
            escaped = false
            result.append(character)
        }
        return result
    }
}

private extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let start = drop(while: blank)
        guard let last = start.lastIndex(where: { !blank($0) }) else { return start[start.endIndex...] }
        return start[...last]
    }
}
