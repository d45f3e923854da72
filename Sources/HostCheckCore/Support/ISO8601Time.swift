/// Reads ISO 8601 date-times (`2026-12-04T10:00:00Z`) as Unix seconds, without Foundation,
/// refusing impossible fields instead of rolling them over (`2026-02-30T10:00:00Z` is not
/// 2 March).
///
/// Accepted: `YYYY-MM-DD`, `T` (or `t`, or a space), `HH:MM:SS`, optional fractional seconds
/// (`.123`), then `Z` (or `z`), `+HH:MM` or `-HH:MM`.
package enum ISO8601Time {
    /// Seconds since 1970-01-01T00:00:00Z of `text`; ``CivilDate/Invalid`` with a reason when a
    /// field is out of range, without one when `text` is not shaped like a date-time.
    package static func unixSeconds(_ text: some StringProtocol) -> Result<Double, CivilDate.Invalid> {
        let bytes = Array(text.utf8)
        let shapeless = CivilDate.Invalid(reason: nil)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = CivilDate.digits(bytes, 0, 4), let month = CivilDate.digits(bytes, 5, 2),
              let day = CivilDate.digits(bytes, 8, 2), let hour = CivilDate.digits(bytes, 11, 2),
              let minute = CivilDate.digits(bytes, 14, 2), let second = CivilDate.digits(bytes, 17, 2)
        else { return .failure(shapeless) }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return .failure(shapeless) }
        }
        guard index < bytes.count else { return .failure(shapeless) }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let hours = CivilDate.digits(bytes, index + 1, 2), let minutes = CivilDate.digits(bytes, index + 4, 2)
            else { return .failure(shapeless) }
            if hours > 23 || minutes > 59 {
                return .failure(CivilDate.Invalid(reason: "a UTC offset runs to at most 23:59"))
            }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        default:
            return .failure(shapeless)
        }
        guard index == bytes.count else { return .failure(shapeless) }
        if let reason = CivilDate.problem(year: year, month: month, day: day)
            ?? CivilDate.problem(hour: hour, minute: minute, second: second) {
            return .failure(CivilDate.Invalid(reason: reason))
        }
        let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
        return .success(Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offset) + fraction)
    }
}
