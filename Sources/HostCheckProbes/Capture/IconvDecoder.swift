#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts bytes of a named encoding to UTF-8 through the C library's `iconv`.
enum IconvDecoder {
    /// The UTF-8 bytes of `bytes` read as `encoding`; nil when the C library does not know the
    /// encoding, or the bytes hold an invalid or incomplete sequence.
    static func utf8(from bytes: ArraySlice<UInt8>, encoding: String) -> [UInt8]? {
        let descriptor = iconv_open("UTF-8", encoding)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        if bytes.isEmpty { return [] }
        // A double-byte character becomes at most 3 UTF-8 bytes, a single byte at most 3 too.
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 4)
        var input = Array(bytes)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return nil }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase)
                    .assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                guard iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                    return nil
                }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        output.removeLast(output.count - written)
        return output
    }
}
