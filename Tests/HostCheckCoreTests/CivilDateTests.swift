import Foundation
import Testing
import HostCheckCore

/// One date check for every date a user writes (`--now`, a waiver's `expires`).
@Suite struct CivilDateTests {
    @Test(arguments: [
        ("2027-02-30", "February 2027 has 28 days"),
        ("2027-02-29", "February 2027 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),
        ("2026-13-01", "there is no month 13"),
        ("2026-00-10", "there is no month 00"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-01-00", "there is no day 00"),
        ("2026-12-32", "December 2026 has 31 days"),
    ])
    func impossibleDaysSayWhy(text: String, reason: String) {
        #expect(CivilDate.day(text) == .failure(CivilDate.Invalid(reason: reason)))
    }

    @Test(arguments: ["", "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T", "+026-01-01", "2026-0a-01", "２０２６-01-01"])
    func shapelessTextIsNotADate(text: String) {
        #expect(CivilDate.day(text) == .failure(CivilDate.Invalid(reason: nil)))
    }

    @Test(arguments: [
        ("1970-01-01", 0),
        ("2024-02-29", 1_709_164_800),
        ("2000-02-29", 951_782_400),
        ("2026-12-04", 1_796_342_400),
    ])
    func realDaysAreMidnightUTC(text: String, seconds: Int) throws {
        #expect(try CivilDate.day(text).get().midnightUTC == seconds)
    }

    @Test(arguments: [
        ("2026-12-04T10:00:00Z", 1_796_378_400.0),
        ("2026-12-04t10:00:00z", 1_796_378_400.0),
        ("2026-12-04 10:00:00Z", 1_796_378_400.0),
        ("2026-12-04T11:00:00+01:00", 1_796_378_400.0),
        ("2026-12-04T05:30:00-04:30", 1_796_378_400.0),
        ("2026-12-04T10:00:00.25Z", 1_796_378_400.25),
        ("2024-02-29T23:59:59Z", 1_709_251_199.0),
    ])
    func dateTimesAreRead(text: String, seconds: Double) throws {
        #expect(try ISO8601Time.unixSeconds(text).get() == seconds)
        // Foundation agrees wherever it reads the text.
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) {
            #expect(date.timeIntervalSince1970 == seconds)
        }
    }

    @Test(arguments: [
        ("2026-02-30T10:00:00Z", "February 2026 has 28 days"),
        ("2026-13-01T10:00:00Z", "there is no month 13"),
        ("2026-12-04T24:00:00Z", "hours run from 00 to 23, not 24"),
        ("2026-12-04T10:60:00Z", "minutes run from 00 to 59, not 60"),
        ("2026-12-04T10:00:60Z", "seconds run from 00 to 59, not 60"),
        ("2026-12-04T10:00:00+24:00", "a UTC offset runs to at most 23:59"),
        ("2026-12-04T10:00:00+01:60", "a UTC offset runs to at most 23:59"),
    ])
    func impossibleDateTimesSayWhy(text: String, reason: String) {
        #expect(ISO8601Time.unixSeconds(text) == .failure(CivilDate.Invalid(reason: reason)))
    }

    @Test(arguments: ["2026-12-04", "2026-12-04T10:00:00", "2026-12-04T10:00Z", "2026-12-04T10:00:00.Z",
                      "2026-12-04T10:00:00+0100", "2026-12-04T10:00:00Zjunk", "2026-12-04X10:00:00Z"])
    func shapelessDateTimesAreRefused(text: String) {
        #expect(ISO8601Time.unixSeconds(text) == .failure(CivilDate.Invalid(reason: nil)))
    }
}
