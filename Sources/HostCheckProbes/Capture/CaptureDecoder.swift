#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// A localized text that appears when a capture is decoded with the right code page.
struct CodePageSignature: Sendable {
    var text: String
    /// The code pages of the text's language.
    var pages: [CodePage]
}

/// Bytes decoded into text (kept as UTF-8 bytes), with the encoding chosen.
package struct DecodedBytes: Sendable {
    var utf8: FileBytes
    var encoding: CaptureEncoding
    /// True when no known header or title confirmed the code page.
    var guessed = false
    /// True when UTF-16 text ended with an odd byte (dropped): the file was cut, the copy is
    /// incomplete (docs/captures.md, "Nothing read is lost silently").
    var oddTrailingByte = false

    init(utf8: FileBytes, encoding: CaptureEncoding, guessed: Bool = false) {
        self.utf8 = utf8
        self.encoding = encoding
        self.guessed = guessed
    }

    init(utf8: [UInt8], encoding: CaptureEncoding, guessed: Bool = false) {
        self.init(utf8: FileBytes(utf8), encoding: encoding, guessed: guessed)
    }

    /// The text as a `String` (for the small JSON documents).
    var text: String { utf8.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) } }
}

/// Turns the bytes of a capture file into text, recording the encoding it chose.
///
/// The order follows docs/captures.md, "Encodings": a byte-order mark (UTF-8, UTF-16LE,
/// UTF-16BE); UTF-16LE without a mark, told by NUL bytes in the odd positions; strict UTF-8;
/// then the OEM or ANSI code page under which most known localized words appear
/// (``WindowsLanguages/codePageSignatures``). Every encoding is chosen here, in one place.
enum CaptureDecoder {
    /// How many bytes are examined to choose a code page.
    static let sniffLimit = 64 * 1024

    /// The decoded text, or nil when nothing decodes (a double-byte page with invalid bytes) or
    /// the bytes are binary (``read(_:signatures:)``).
    static func decode(
        _ bytes: [UInt8], signatures: [CodePageSignature] = WindowsLanguages.codePageSignatures
    ) -> DecodedBytes? {
        decode(FileBytes(bytes), signatures: signatures)
    }

    /// ``decode(_:signatures:)`` for the bytes of a file, which UTF-8 text keeps uncopied.
    static func decode(
        _ bytes: FileBytes, signatures: [CodePageSignature] = WindowsLanguages.codePageSignatures
    ) -> DecodedBytes? {
        try? read(bytes, signatures: signatures)
    }

    /// The decoded text of a file's bytes.
    ///
    /// Binary data is refused from a bounded window (``BinarySniff``): a NUL byte in the first
    /// ``sniffLimit`` bytes (of the decoded window, for UTF-16), or too many control bytes
    /// where a code page is chosen, and the rest is neither read nor transcoded. A NUL further
    /// on refuses the file too (found with `memchr` in the decoded text).
    /// - Throws: ``CaptureDecodeError``, located at the line of the first offending byte.
    static func read(
        _ bytes: FileBytes, signatures: [CodePageSignature] = WindowsLanguages.codePageSignatures
    ) throws(CaptureDecodeError) -> DecodedBytes {
        let decoded = try transcode(bytes, signatures: signatures)
        try BinarySniff.refuseNUL(decoded.utf8)
        return decoded
    }

    private static func transcode(
        _ bytes: FileBytes, signatures: [CodePageSignature]
    ) throws(CaptureDecodeError) -> DecodedBytes {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = bytes.dropFirst(3)
            try BinarySniff.refuseBinaryHead(body)
            guard UTF8Validation.isValid(body) else { throw .undecodable(line: firstInvalidLine(body)) }
            return DecodedBytes(utf8: body, encoding: .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            let body = bytes.dropFirst(2)
            try BinarySniff.refuseBinaryUTF16(body, littleEndian: true)
            var decoded = DecodedBytes(utf8: utf16(body, littleEndian: true), encoding: .utf16LEBOM)
            decoded.oddTrailingByte = body.count % 2 == 1
            return decoded
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            let body = bytes.dropFirst(2)
            try BinarySniff.refuseBinaryUTF16(body, littleEndian: false)
            var decoded = DecodedBytes(utf8: utf16(body, littleEndian: false), encoding: .utf16BEBOM)
            decoded.oddTrailingByte = body.count % 2 == 1
            return decoded
        }
        if bytes.withUnsafeBufferPointer({ looksLikeUTF16LE(UnsafeBufferPointer(rebasing: $0[..<sampleCount($0)])) }) {
            try BinarySniff.refuseBinaryUTF16(bytes, littleEndian: true)
            var decoded = DecodedBytes(utf8: utf16(bytes, littleEndian: true), encoding: .utf16LE)
            decoded.oddTrailingByte = bytes.count % 2 == 1
            return decoded
        }
        try BinarySniff.refuseBinaryHead(bytes)
        if UTF8Validation.isValid(bytes) {
            return DecodedBytes(utf8: bytes, encoding: .utf8)
        }
        return try decodeCodePage(bytes, signatures: signatures)
    }

    /// The line of the first byte that is not valid UTF-8 (1 when there is none).
    private static func firstInvalidLine(_ bytes: FileBytes) -> Int {
        bytes.withUnsafeBufferPointer { all in
            UTF8Validation.firstInvalidOffset(all).map { BinarySniff.line(ofOffset: $0, in: all) } ?? 1
        }
    }

    /// ``decodeCodePage(_:signatures:)`` for the bytes of a file: the binary checks are made
    /// on the sample, before anything is copied.
    /// - Throws: ``CaptureDecodeError`` for too many control bytes or undecodable bytes.
    static func decodeCodePage(
        _ bytes: FileBytes, signatures: [CodePageSignature]
    ) throws(CaptureDecodeError) -> DecodedBytes {
        let controls: Int? = bytes.withUnsafeBufferPointer { all in
            let sample = sampleBytes(all)
            return sample.withUnsafeBufferPointer { BinarySniff.controlHeavy($0) }
                .map { BinarySniff.line(ofOffset: $0, in: all) }
        }
        if let controls { throw .binary("control bytes", line: controls) }
        guard let decoded = decodeCodePage(bytes.array, signatures: signatures) else {
            throw .undecodable(line: firstInvalidLine(bytes))
        }
        return decoded
    }

    /// The code page under which the most signature lines appear, a signature of the page's
    /// own language counting more (German `ABHÖREN` reads the same in CP437 and CP850, but
    /// German systems write CP850). Without any signature, the page giving the most letters is
    /// taken (CP437 first) and the result is marked `guessed`.
    static func decodeCodePage(_ bytes: [UInt8], signatures: [CodePageSignature]) -> DecodedBytes? {
        let sample = sampleBytes(bytes)
        // Text captures hold no NUL and few control bytes; anything else is a binary file.
        let controls = sample.lazy.filter(BinarySniff.isControl).count
        guard !sample.contains(0), controls * 20 <= sample.count else { return nil }
        var best: (page: CodePage, score: Int, plausibility: Int)?
        for page in CodePage.allCases {
            guard let text = page.decode(sample) else { continue }
            let score = signatureScore(text, page: page, signatures: signatures)
            let plausibility = plausibilityScore(text)
            if let current = best, (current.score, current.plausibility) >= (score, plausibility) { continue }
            best = (page, score, plausibility)
        }
        guard let best, let utf8 = best.page.decodeToUTF8(bytes[...]) else { return nil }
        return DecodedBytes(utf8: utf8, encoding: best.page.encoding, guessed: best.score == 0)
    }

    /// The first bytes, cut after a line feed so that a double-byte character is never split.
    static func sampleBytes(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        bytes.withUnsafeBufferPointer { sampleBytes($0) }
    }

    /// ``sampleBytes(_:)`` of a buffer, copied out of it.
    static func sampleBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> ArraySlice<UInt8> {
        ArraySlice(bytes[..<sampleCount(bytes)])
    }

    /// How many bytes ``sampleBytes(_:)`` takes from the start of `bytes`.
    static func sampleCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard bytes.count > sniffLimit else { return bytes.count }
        return bytes[..<sniffLimit].lastIndex(of: 0x0A).map { $0 + 1 } ?? sniffLimit
    }

    /// How many non-ASCII lines are examined per code page.
    static let scoredLines = 50

    /// Two points per line holding a signature, three when the signature's language uses `page`
    /// (the first ``scoredLines`` lines with non-ASCII text are examined).
    static func signatureScore(_ text: String, page: CodePage, signatures: [CodePageSignature]) -> Int {
        var score = 0
        let candidates = text.split(whereSeparator: \.isNewline)
            .lazy.filter { $0.unicodeScalars.contains(where: { $0.value >= 0x80 }) }.prefix(scoredLines)
        for line in candidates {
            guard let signature = signatures.first(where: { line.firstRange(of: $0.text) != nil }) else { continue }
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
        bytes.withUnsafeBufferPointer { looksLikeUTF16LE($0) }
    }

    /// ``looksLikeUTF16LE(_:)`` of a buffer (the sample of a file, not copied).
    static func looksLikeUTF16LE(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Without a NUL no odd byte is one: nearly every capture is told so by one `memchr`.
        guard bytes.count >= 4, let base = bytes.baseAddress, memchr(base, 0, bytes.count) != nil else { return false }
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

    /// Decodes UTF-16 into UTF-8 bytes (``UTF16Decoder``): an odd trailing byte is dropped and
    /// unpaired surrogates become U+FFFD.
    static func utf16(_ bytes: FileBytes, littleEndian: Bool) -> [UInt8] {
        bytes.withUnsafeBufferPointer { UTF16Decoder.utf8($0, littleEndian: littleEndian) }
    }
}
