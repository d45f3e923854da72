/// UTF-16 (little- or big-endian) to UTF-8, for captures Windows PowerShell 5.1 wrote with
/// `>` or `Out-File`.
///
/// Such a capture is nearly all ASCII: four code units at a time that are all ASCII become four
/// bytes with no decoding; anything else is decoded unit by unit, a surrogate pair as one
/// scalar, and an unpaired surrogate as U+FFFD (as the standard library's transcoder does). An
/// odd trailing byte is dropped. The bytes are read where they are (a mapped file is not copied).
enum UTF16Decoder {
    /// The UTF-8 bytes of the UTF-16 `bytes`.
    static func utf8(_ bytes: UnsafeBufferPointer<UInt8>, littleEndian: Bool) -> [UInt8] {
        let units = bytes.count / 2
        guard let base = bytes.baseAddress, units > 0 else { return [] }
        // A unit gives at most three bytes (a surrogate pair, two units, gives four).
        return [UInt8](unsafeUninitializedCapacity: units * 3) { output, written in
            written = 0
            guard let out = output.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            // The high byte of each unit, and bit 7 of its low byte, must be zero for ASCII.
            let nonASCII: UInt64 = littleEndian ? 0xFF80_FF80_FF80_FF80 : 0x80FF_80FF_80FF_80FF
            func unit(_ index: Int) -> UInt32 {
                let first = UInt32(base[2 * index])
                let second = UInt32(base[2 * index + 1])
                return littleEndian ? first | second << 8 : first << 8 | second
            }
            var index = 0
            while index < units {
                if index + 4 <= units {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * index, as: UInt64.self))
                    if word & nonASCII == 0 {
                        let shift: UInt64 = littleEndian ? 0 : 8
                        out[written] = UInt8(truncatingIfNeeded: word >> shift)
                        out[written + 1] = UInt8(truncatingIfNeeded: word >> (16 + shift))
                        out[written + 2] = UInt8(truncatingIfNeeded: word >> (32 + shift))
                        out[written + 3] = UInt8(truncatingIfNeeded: word >> (48 + shift))
                        written += 4
                        index += 4
                        continue
                    }
                }
                var scalar = unit(index)
                index += 1
                if scalar >= 0xD800, scalar <= 0xDFFF {
                    if scalar <= 0xDBFF, index < units, (0xDC00...0xDFFF).contains(unit(index)) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (unit(index) - 0xDC00)
                        index += 1
                    } else {
                        scalar = 0xFFFD
                    }
                }
                written += encode(scalar, into: out + written)
            }
        }
    }

    /// Writes the UTF-8 bytes of `scalar` (a Unicode scalar value) and returns how many.
    @inline(__always)
    private static func encode(_ scalar: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            out[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | scalar >> 6)
            out[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            out[0] = UInt8(0xE0 | scalar >> 12)
            out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            out[0] = UInt8(0xF0 | scalar >> 18)
            out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}
