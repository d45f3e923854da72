#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// Why the bytes of a capture file are not read as text, and the line where that shows.
struct CaptureDecodeError: Error, Sendable, Equatable {
    var message: String
    /// The 1-based line (as ``CaptureText`` counts lines) of the first offending byte.
    var line: Int

    /// A NUL byte: no text capture holds one.
    static func nul(line: Int) -> CaptureDecodeError {
        CaptureDecodeError(message: "binary file, not text (a NUL byte); not read", line: line)
    }

    /// Too many control bytes, or UTF-16 that is not text.
    static func binary(_ reason: String, line: Int) -> CaptureDecodeError {
        CaptureDecodeError(message: "binary file, not text (\(reason)); not read", line: line)
    }

    /// Neither UTF-8, UTF-16 nor a known code page decodes the bytes.
    static func undecodable(line: Int) -> CaptureDecodeError {
        CaptureDecodeError(
            message: "cannot decode the file: binary, or not utf-8, utf-16 or a known code page", line: line)
    }
}

/// Tells binary data from text by looking at a bounded window, so that a file of NULs or
/// random bytes is refused without reading (or transcoding) the rest of it
/// (docs/captures.md, "Binary data and long lines").
enum BinarySniff {
    /// The offset of the first NUL byte, nil when there is none (`memchr`, so a text is
    /// checked at memory speed).
    static func firstNUL(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// Whether a byte is a control character other than tab, line feed and carriage return.
    @inline(__always)
    static func isControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    /// The offset of the first control byte when more than one byte in 20 of `sample` is one
    /// (what a text capture never has, and random bytes always do); nil otherwise.
    static func controlHeavy(_ sample: UnsafeBufferPointer<UInt8>) -> Int? {
        var controls = 0
        var first: Int?
        for (offset, byte) in sample.enumerated() where isControl(byte) {
            controls += 1
            if first == nil { first = offset }
        }
        return controls * 20 > sample.count ? first : nil
    }

    /// The 1-based line of the byte at `offset`, lines ending at CRLF, LF or a lone CR as
    /// ``CaptureText`` counts them.
    static func line(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var previous: UInt8 = 0
        for byte in bytes.prefix(max(0, min(offset, bytes.count))) {
            if byte == 0x0D || byte == 0x0A && previous != 0x0D { line += 1 }
            previous = byte
        }
        return line
    }

    /// A located error when `utf8` (decoded text) holds a NUL byte.
    static func refuseNUL(_ utf8: FileBytes) throws(CaptureDecodeError) {
        let line: Int? = utf8.withUnsafeBufferPointer { bytes in
            firstNUL(bytes).map { Self.line(ofOffset: $0, in: bytes) }
        }
        if let line { throw .nul(line: line) }
    }

    /// A located error when the first ``CaptureDecoder/sniffLimit`` bytes of a single-byte
    /// text (UTF-8 or a code page) hold a NUL: the rest is not read.
    static func refuseBinaryHead(_ bytes: FileBytes) throws(CaptureDecodeError) {
        let line: Int? = bytes.withUnsafeBufferPointer { all in
            let head = UnsafeBufferPointer(rebasing: all.prefix(CaptureDecoder.sniffLimit))
            return firstNUL(head).map { Self.line(ofOffset: $0, in: head) }
        }
        if let line { throw .nul(line: line) }
    }

    /// A located error when the first ``CaptureDecoder/sniffLimit`` bytes of UTF-16, decoded,
    /// hold a NUL (U+0000), too many control characters, or an unpaired surrogate (U+FFFD) in
    /// more than one code unit of 64 (random bytes have one in 32; text none): random bytes
    /// after a byte-order mark are refused before the whole file is transcoded.
    static func refuseBinaryUTF16(_ bytes: FileBytes, littleEndian: Bool) throws(CaptureDecodeError) {
        let units = min(bytes.count, CaptureDecoder.sniffLimit) / 2
        let sample: [UInt8] = bytes.withUnsafeBufferPointer { all in
            UTF16Decoder.utf8(UnsafeBufferPointer(rebasing: all.prefix(units * 2)), littleEndian: littleEndian)
        }
        try sample.withUnsafeBufferPointer { (decoded) throws(CaptureDecodeError) in
            if let offset = firstNUL(decoded) { throw .nul(line: line(ofOffset: offset, in: decoded)) }
            if let offset = controlHeavy(decoded) {
                throw .binary("control characters", line: line(ofOffset: offset, in: decoded))
            }
            var replacements = 0
            var first: Int?
            var index = 0
            while index + 2 < decoded.count {
                if decoded[index] == 0xEF, decoded[index + 1] == 0xBF, decoded[index + 2] == 0xBD {
                    replacements += 1
                    if first == nil { first = index }
                    index += 3
                } else {
                    index += 1
                }
            }
            if let first, replacements * 64 > units {
                throw .binary("unpaired utf-16 surrogates", line: line(ofOffset: first, in: decoded))
            }
        }
    }
}
