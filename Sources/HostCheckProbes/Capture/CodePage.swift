#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The Windows OEM and ANSI code pages a capture may be written in (docs/captures.md, "Encodings").
///
/// The case order is the order of preference when two pages decode equally well.
/// Single-byte pages decode through ``CodePageTables``; the double-byte pages of East Asian
/// systems decode through the C library's `iconv`, which names them `CP932` … `CP950`
/// (glibc's gconv modules, musl and macOS all carry them).
enum CodePage: String, Sendable, CaseIterable {
    case cp437, cp850, cp852, cp866, cp1252, cp1250, cp1251, cp932, cp936, cp949, cp950

    /// The encoding recorded in `host.sources[].encoding`.
    var encoding: CaptureEncoding {
        switch self {
        case .cp437: .cp437
        case .cp850: .cp850
        case .cp852: .cp852
        case .cp866: .cp866
        case .cp1250: .cp1250
        case .cp1251: .cp1251
        case .cp1252: .cp1252
        case .cp932: .cp932
        case .cp936: .cp936
        case .cp949: .cp949
        case .cp950: .cp950
        }
    }

    /// The upper half (0x80–0xFF) of a single-byte page; nil for a double-byte page.
    var upperHalf: [Unicode.Scalar]? {
        switch self {
        case .cp437: CodePage.scalars437
        case .cp850: CodePage.scalars850
        case .cp852: CodePage.scalars852
        case .cp866: CodePage.scalars866
        case .cp1250: CodePage.scalars1250
        case .cp1251: CodePage.scalars1251
        case .cp1252: CodePage.scalars1252
        case .cp932, .cp936, .cp949, .cp950: nil
        }
    }

    /// The `iconv` name of a double-byte page.
    var iconvName: String? {
        switch self {
        case .cp932: "CP932"
        case .cp936: "CP936"
        case .cp949: "CP949"
        case .cp950: "CP950"
        default: nil
        }
    }

    static let scalars437 = CodePageTables.cp437.flatMap(\.unicodeScalars)
    static let scalars850 = CodePageTables.cp850.flatMap(\.unicodeScalars)
    static let scalars852 = CodePageTables.cp852.flatMap(\.unicodeScalars)
    static let scalars866 = CodePageTables.cp866.flatMap(\.unicodeScalars)
    static let scalars1250 = CodePageTables.cp1250.flatMap(\.unicodeScalars)
    static let scalars1251 = CodePageTables.cp1251.flatMap(\.unicodeScalars)
    static let scalars1252 = CodePageTables.cp1252.flatMap(\.unicodeScalars)

    /// Decodes bytes; nil when a double-byte page finds an invalid sequence.
    func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        decodeToUTF8(bytes).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Decodes bytes into UTF-8 bytes; nil when a double-byte page finds an invalid sequence.
    func decodeToUTF8(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        if let upper = upperHalfUTF8 {
            var utf8: [UInt8] = []
            utf8.reserveCapacity(bytes.count + bytes.count / 4)
            for byte in bytes {
                if byte < 0x80 {
                    utf8.append(byte)
                } else {
                    utf8.append(contentsOf: upper[Int(byte) - 0x80])
                }
            }
            return utf8
        }
        guard let name = iconvName else { return nil }
        return IconvDecoder.utf8(from: bytes, encoding: name)
    }

    /// The UTF-8 bytes of each upper-half character of a single-byte page.
    var upperHalfUTF8: [[UInt8]]? {
        switch self {
        case .cp437: CodePage.utf8437
        case .cp850: CodePage.utf8850
        case .cp852: CodePage.utf8852
        case .cp866: CodePage.utf8866
        case .cp1250: CodePage.utf81250
        case .cp1251: CodePage.utf81251
        case .cp1252: CodePage.utf81252
        case .cp932, .cp936, .cp949, .cp950: nil
        }
    }

    static func utf8(_ scalars: [Unicode.Scalar]) -> [[UInt8]] {
        scalars.map { Array(String($0).utf8) }
    }

    static let utf8437 = utf8(scalars437)
    static let utf8850 = utf8(scalars850)
    static let utf8852 = utf8(scalars852)
    static let utf8866 = utf8(scalars866)
    static let utf81250 = utf8(scalars1250)
    static let utf81251 = utf8(scalars1251)
    static let utf81252 = utf8(scalars1252)

    /// Encodes text into a single-byte page; nil when a character has no byte there.
    func encode(_ text: String) -> [UInt8]? {
        guard let upper = upperHalf else { return nil }
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(scalar.value))
            } else if let index = upper.firstIndex(of: scalar), scalar != "\u{FFFD}" {
                bytes.append(UInt8(0x80 + index))
            } else {
                return nil
            }
        }
        return bytes
    }
}
