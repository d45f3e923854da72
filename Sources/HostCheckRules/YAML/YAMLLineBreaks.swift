/// The lines of a YAML input as libyaml counts them (line breaks: CR LF, CR, LF, NEL, LS, PS),
/// so that a location libyaml gives past the end of the input is put back on its last line.
///
/// libyaml forces a line break at the end of a stream whose last line has none, and a syntax
/// error found there is placed on a line the file does not have (docs/architecture.md, "Rule
/// packs": every error is located in the file).
enum YAMLLineBreaks {
    /// The 0-based index of the input's last line: the number of line breaks in it. UTF-16
    /// with a byte-order mark is decoded as libyaml decodes it; anything else as UTF-8.
    static func lastLineIndex(_ bytes: [UInt8]) -> Int {
        var breaks = 0
        var afterCR = false
        for scalar in scalars(bytes) {
            switch scalar.value {
            case 0x0A:
                if !afterCR { breaks += 1 }
            case 0x0D, 0x85, 0x2028, 0x2029:
                breaks += 1
            default:
                break
            }
            afterCR = scalar.value == 0x0D
        }
        return breaks
    }

    private static func scalars(_ bytes: [UInt8]) -> String.UnicodeScalarView {
        if bytes.count >= 2 && (bytes[0], bytes[1]) == (0xFF, 0xFE) || bytes.count >= 2 && (bytes[0], bytes[1]) == (0xFE, 0xFF) {
            let littleEndian = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 2
            while index + 1 < bytes.count {
                let (low, high) = littleEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
                units.append(UInt16(high) << 8 | UInt16(low))
                index += 2
            }
            return String(decoding: units, as: UTF16.self).unicodeScalars
        }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars
    }
}
