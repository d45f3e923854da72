extension RegexParser {
    /// A parsed backslash escape: what it matches and the letter after the backslash.
    struct Escape {
        var node: RegexNode
        var letter: Unicode.Scalar
    }

    /// Reads `\X` at the current position: a class (`\d`), an anchor (`\b`, `\A`, `\z`), a
    /// control character (`\n`), a code point (`\x41`, `\x{263A}`, `\u263A`), or escaped
    /// punctuation. Backreferences, `\p{...}` and other letters are refused.
    mutating func parseEscape(inBracket: Bool) throws(RegexSyntaxError) -> Escape {
        let start = index
        index += 1
        guard let letter = current else {
            throw RegexSyntaxError("the pattern ends with a lone '\\'; write \\\\ for a backslash", at: start)
        }
        index += 1
        let node: RegexNode
        switch letter {
        case "d": node = .set(ScalarSet(ScalarSet.digitRanges))
        case "D": node = .set(ScalarSet(ScalarSet.digitRanges, negated: true))
        case "w": node = .set(ScalarSet(ScalarSet.wordRanges))
        case "W": node = .set(ScalarSet(ScalarSet.wordRanges, negated: true))
        case "s": node = .set(ScalarSet(ScalarSet.spaceRanges))
        case "S": node = .set(ScalarSet(ScalarSet.spaceRanges, negated: true))
        case "b" where inBracket: node = .scalar(0x08)
        case "b": node = .assertion(.wordBoundary)
        case "B": node = .assertion(.notWordBoundary)
        case "A": node = .assertion(.start)
        case "z": node = .assertion(.end)
        case "n": node = .scalar(0x0A)
        case "t": node = .scalar(0x09)
        case "r": node = .scalar(0x0D)
        case "f": node = .scalar(0x0C)
        case "v": node = .scalar(0x0B)
        case "a": node = .scalar(0x07)
        case "e": node = .scalar(0x1B)
        case "0" where !(peek(0).map(isDigit) ?? false): node = .scalar(0x00)
        case "x": node = .scalar(try codePoint(braced: current == "{", fixedDigits: 2, escapeAt: start))
        case "u": node = .scalar(try codePoint(braced: current == "{", fixedDigits: 4, escapeAt: start))
        case "1"..."9", "k", "g":
            throw RegexSyntaxError(
                "backreferences (\\\(letter)) are not supported: regular expressions here run in linear time; write the repeated text out, or use two conditions under all:",
                at: start)
        case "p", "P":
            throw RegexSyntaxError(
                "Unicode property classes (\\\(letter){...}) are not supported; write a bracket class such as [a-zA-Z] or use \\w, \\d, \\s",
                at: start)
        case "Z":
            throw RegexSyntaxError("\\Z is not supported; write $ or \\z for the end of the text", at: start)
        default:
            guard !isASCIIAlphanumeric(letter) else {
                throw RegexSyntaxError(
                    "unknown escape '\\\(letter)'; the escapes are \\d \\w \\s \\D \\W \\S \\b \\B \\A \\z \\n \\t \\r \\f \\v \\a \\e \\0 \\xHH \\x{H...} \\uHHHH, and \\ before punctuation",
                    at: start)
            }
            node = .scalar(letter.value)
        }
        return Escape(node: node, letter: letter)
    }

    /// `HH` / `HHHH` or `{H...}` after `\x` / `\u`: a Unicode scalar value.
    private mutating func codePoint(braced: Bool, fixedDigits: Int, escapeAt start: Int) throws(RegexSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        var digits = 0
        if braced { index += 1 }
        while let scalar = current, let digit = hexValue(scalar), braced || digits < fixedDigits {
            value = value &* 16 &+ digit
            digits += 1
            index += 1
            if digits > 8 { break }
        }
        let closed = !braced || current == "}"
        if braced && closed { index += 1 }
        guard closed, digits > 0, braced || digits == fixedDigits, digits <= 8, Unicode.Scalar(value) != nil else {
            throw RegexSyntaxError(
                "invalid code point escape; write \\xHH (two hex digits), \\uHHHH (four) or \\x{H...} with a Unicode scalar value",
                at: start)
        }
        return value
    }

    private func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: scalar.value - 0x30
        case 0x41...0x46: scalar.value - 0x41 + 10
        case 0x61...0x66: scalar.value - 0x61 + 10
        default: nil
        }
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

    private func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A)
    }
}
