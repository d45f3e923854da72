/// A localized text that appears when a capture is decoded with the right code page.
struct CodePageSignature: Sendable {
    var text: String
    /// The code pages of the text's language.
    var pages: [CodePage]
}

/// Bytes decoded into text, with the encoding chosen.
struct DecodedBytes: Sendable {
    var text: String
    var encoding: CaptureEncoding
    /// True when no known header or title confirmed the code page.
    var guessed = false
}

/// Turns the bytes of a capture file into text, recording the encoding it chose.
///
/// The order follows the capture-format spec §1: a byte-order mark (UTF-8, UTF-16LE,
/// UTF-16BE); UTF-16LE without a mark, told by NUL bytes in the odd positions; strict UTF-8;
/// then the OEM or ANSI code page under which most known localized words appear
/// (``WindowsLanguages/codePageSignatures``). Every encoding is chosen here, in one place.
enum CaptureDecoder {
    /// How many bytes are examined to choose a code page.
    static let sniffLimit = 64 * 1024

    /// The decoded text, or nil when nothing decodes (a double-byte page with invalid bytes).
    static func decode(
        _ bytes: [UInt8], signatures: [CodePageSignature] = WindowsLanguages.codePageSignatures
    ) -> DecodedBytes? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = strictUTF8(bytes.dropFirst(3)) else { return nil }
            return DecodedBytes(text: text, encoding: .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return DecodedBytes(text: utf16(bytes.dropFirst(2), littleEndian: true), encoding: .utf16LEBOM)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return DecodedBytes(text: utf16(bytes.dropFirst(2), littleEndian: false), encoding: .utf16BEBOM)
        }
        if looksLikeUTF16LE(sampleBytes(bytes)) {
            return DecodedBytes(text: utf16(bytes[...], littleEndian: true), encoding: .utf16LE)
        }
        if let text = strictUTF8(bytes[...]) {
            return DecodedBytes(text: text, encoding: .utf8)
        }
        return decodeCodePage(bytes, signatures: signatures)
    }

    /// The code page under which the most signature lines appear, a signature of the page's
    /// own language counting more (German `ABHÖREN` reads the same in CP437 and CP850, but
    /// German systems write CP850). Without any signature, the page giving the most letters is
    /// taken (CP437 first) and the result is marked `guessed`.
    static func decodeCodePage(_ bytes: [UInt8], signatures: [CodePageSignature]) -> DecodedBytes? {
        let sample = sampleBytes(bytes)
        var best: (page: CodePage, score: Int, plausibility: Int)?
        for page in CodePage.allCases {
            guard let text = page.decode(sample) else { continue }
            let score = signatureScore(text, page: page, signatures: signatures)
            let plausibility = plausibilityScore(text)
            if let current = best, (current.score, current.plausibility) >= (score, plausibility) { continue }
            best = (page, score, plausibility)
        }
        guard let best, let text = best.page.decode(bytes[...]) else { return nil }
        return DecodedBytes(text: text, encoding: best.page.encoding, guessed: best.score == 0)
    }

    /// The first bytes, cut after a line feed so that a double-byte character is never split.
    static func sampleBytes(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        guard bytes.count > sniffLimit else { return bytes[...] }
        let cut = bytes[..<sniffLimit].lastIndex(of: 0x0A).map { $0 + 1 } ?? sniffLimit
        return bytes[..<cut]
    }

    /// Two points per line holding a signature, three when the signature's language uses `page`.
    static func signatureScore(_ text: String, page: CodePage, signatures: [CodePageSignature]) -> Int {
        var score = 0
        for line in text.split(whereSeparator: \.isNewline)
        where line.unicodeScalars.contains(where: { $0.value >= 0x80 }) {
            guard let signature = signatures.first(where: { line.contains($0.text) }) else { continue }
            score += signature.pages.contains(page) ? 3 : 2
        }
        return score
    }

    /// Letters minus symbols among the non-ASCII characters (box drawing, controls and U+FFFD
    /// are what a wrong code page produces).
    static func plausibilityScore(_ text: String) -> Int {
        var score = 0
        for scalar in text.unicodeScalars where scalar.value >= 0x80 {
            if scalar.properties.isAlphabetic || scalar == "\u{A0}" || scalar == "\u{2019}" {
                score += 1
            } else {
                score -= 1
            }
        }
        return score
    }

    /// True when at least 30 % of the odd bytes are NUL and the even bytes are not (ASCII text
    /// written as UTF-16LE).
    static func looksLikeUTF16LE(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 4 else { return false }
        var oddNULs = 0
        var evenNULs = 0
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == 0 { evenNULs += 1 }
            if bytes[index + 1] == 0 { oddNULs += 1 }
            index += 2
        }
        let pairs = bytes.count / 2
        return oddNULs * 10 >= pairs * 3 && evenNULs * 10 < pairs
    }

    static func strictUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    /// Decodes UTF-16; an odd trailing byte is dropped and unpaired surrogates become U+FFFD.
    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
