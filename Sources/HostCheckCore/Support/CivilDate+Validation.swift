/// Reading dates written by users (`--now`, a waiver's `expires`, a run's start time), with
/// one validation and one wording for every impossible field.
extension CivilDate {
    /// A calendar day as written, `YYYY-MM-DD`.
    package struct Day: Sendable, Hashable {
        package var year: Int
        package var month: Int
        package var day: Int

        /// Seconds since 1970 of 00:00:00 UTC on this day.
        package var midnightUTC: Int { CivilDate.daysSinceEpoch(year: year, month: month, day: day) * 86_400 }
    }

    /// Why a piece of text is not a date (the text itself is for the caller to name).
    package struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong, for example "February 2027 has 28 days"; nil when the text does not
        /// have the shape of a date at all.
        package var reason: String?

        /// A refusal with `reason` (nil: not shaped like a date).
        package init(reason: String?) {
            self.reason = reason
        }

        package var description: String { reason ?? "not a date" }
    }

    /// Reads `YYYY-MM-DD` (four-digit year, two-digit month and day, ASCII digits only) and
    /// checks that the day exists: `2027-02-30` is refused ("February 2027 has 28 days"), never
    /// rolled forward into March.
    package static func day(_ text: some StringProtocol) -> Result<Day, Invalid> {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2)
        else { return .failure(Invalid(reason: nil)) }
        if let reason = problem(year: year, month: month, day: day) { return .failure(Invalid(reason: reason)) }
        return .success(Day(year: year, month: month, day: day))
    }

    /// Why `year`-`month`-`day` is not a day of the proleptic Gregorian calendar, or nil when
    /// it is one.
    package static func problem(year: Int, month: Int, day: Int) -> String? {
        guard (1...12).contains(month) else { return "there is no month \(twoDigits(month))" }
        let days = daysIn(month: month, year: year)
        guard day >= 1 else { return "there is no day \(twoDigits(day))" }
        guard day <= days else { return "\(monthNames[month - 1]) \(year) has \(days) days" }
        return nil
    }

    /// Why a time of day is impossible, or nil. A leap second (`:60`) is refused: hostcheck's
    /// clock, like POSIX time, has none.
    package static func problem(hour: Int, minute: Int, second: Int) -> String? {
        if hour > 23 { return "hours run from 00 to 23, not \(twoDigits(hour))" }
        if minute > 59 { return "minutes run from 00 to 59, not \(twoDigits(minute))" }
        if second > 59 { return "seconds run from 00 to 59, not \(twoDigits(second))" }
        return nil
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    /// The unsigned decimal number in `bytes[start ..< start + count]`, nil unless all are ASCII digits.
    static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 && value >= 0 ? "0\(value)" : "\(value)"
    }
}
