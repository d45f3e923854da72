/// Helpers that keep diagnostics to one short line of input.
package enum MessageText {
    /// `text` quoted for a message: control characters and newlines replaced, at most `limit`
    /// characters (an ellipsis marks a cut).
    package static func quote(_ text: String, limit: Int = 40) -> String {
        "'" + clip(text, limit: limit) + "'"
    }

    /// `text` with control characters replaced and cut to `limit` characters.
    static func clip(_ text: String, limit: Int = 40) -> String {
        // Printable ASCII within the limit is its own clip (one Character per byte, none a control).
        if text.utf8.count <= limit, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = ""
        var count = 0
        for character in text {
            if count == limit {
                out += "…"
                break
            }
            if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                out += "?"
            } else {
                out.append(character)
            }
            count += 1
        }
        return out
    }

    /// The closest candidate within a small edit distance, for "did you mean" hints.
    static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let folded = candidate.lowercased()
            let isPrefix = lowered.count >= 3 && folded.hasPrefix(lowered)
            let distance = isPrefix ? 1 : editDistance(lowered, folded)
            let allowed = candidate.count <= 3 ? 1 : (candidate.count <= 8 ? 2 : 3)
            guard distance <= allowed else { continue }
            if best == nil || distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// `a, b or c`.
    static func orList(_ words: [String]) -> String {
        guard let last = words.last, words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + last
    }

    /// " (did you mean 'x'?)" or "".
    package static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String {
        guard let match = suggestion(for: word, among: candidates) else { return "" }
        return " (did you mean '\(match)'?)"
    }

    /// Optimal string alignment distance (an adjacent transposition costs 1).
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.prefix(64))
        let b = Array(rhs.prefix(64))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, table[i - 2][j - 2] + 1)
                }
                table[i][j] = best
            }
        }
        return table[a.count][b.count]
    }
}
