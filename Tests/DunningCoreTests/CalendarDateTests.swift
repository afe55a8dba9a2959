import DunningCore
import Foundation
import Testing

@Suite struct CalendarDateTests {
    @Test("day numbers round-trip across leap years", arguments: [-800_000, -1, 0, 1, 19_782, 20_000, 2_000_000])
    func roundTrip(day: Int) {
        #expect(CalendarDate(dayNumber: day).dayNumber == day)
    }

    @Test("2024-02-29 exists, 2023-02-29 and 2024-02-30 do not")
    func nonexistentDays() throws {
        #expect(try CalendarDate.parse("2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(throws: DateError.nonexistent("2023-02-29")) { try CalendarDate.parse("2023-02-29") }
        #expect(throws: DateError.nonexistent("2024-02-30")) { try CalendarDate.parse("2024-02-30") }
        #expect(throws: DateError.malformed("2024-2-3")) { try CalendarDate.parse("2024-2-3") }
    }

    @Test("a date that does not exist says why", arguments: [
        ("2026-02-30", "February 2026 has 28 days"), ("2024-02-30", "February 2024 has 29 days"),
        ("31.04.2026", "April 2026 has 30 days"), ("2026-13-01", "there is no month 13; months run from 01 to 12"),
        ("2026-01-00", "days start at 01"), ("0000-01-01", "years run from 0001 to 9999"),
    ])
    func why(text: String, reason: String) {
        #expect(throws: DateError.nonexistent(text)) { try CalendarDate.parse(text, lenient: true) }
        #expect(DateError.nonexistent(text).why == reason)
        #expect(DateError.malformed(text).why == nil)
    }

    @Test("Dutch and Romanian spellings only when lenient")
    func lenient() throws {
        let expected = CalendarDate(year: 2026, month: 3, day: 31)
        #expect(try CalendarDate.parse("31-03-2026", lenient: true) == expected)
        #expect(try CalendarDate.parse("31.03.2026", lenient: true) == expected)
        #expect(throws: DateError.malformed("31-03-2026")) { try CalendarDate.parse("31-03-2026") }
        #expect(throws: DateError.malformed("31-03.2026")) { try CalendarDate.parse("31-03.2026", lenient: true) }
    }

    @Test("1970-01-01 was a Thursday, 2026-11-23 a Monday")
    func weekdays() {
        #expect(CalendarDate(dayNumber: 0).weekday == .thu)
        #expect(CalendarDate(year: 2026, month: 11, day: 23)!.weekday == .mon)
    }

    @Test("Jan 31 plus one month is the last day of February")
    func monthClamp() {
        let jan31 = CalendarDate(year: 2024, month: 1, day: 31)!
        #expect(jan31.adding(months: 1) == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(jan31.adding(months: 13) == CalendarDate(year: 2025, month: 2, day: 28))
        #expect(jan31.adding(months: -2) == CalendarDate(year: 2023, month: 11, day: 30))
    }
}

@Suite struct AsOfDayTests {
    let zone = TimeZone(identifier: "Europe/Amsterdam")!

    @Test("a record made under --as-of counts on its as_of day, at its real time of day; without as_of, at its at")
    func entryDayAndInstant() {
        // 2026-12-08 01:30 in Amsterdam (00:30 UTC).
        let at = Date(timeIntervalSince1970: 1_796_689_800)
        let plain = LedgerEntry(recordID: "r", at: at, position: 1, value: 0)
        #expect(plain.day(in: zone) == CalendarDate(year: 2026, month: 12, day: 8))
        #expect(plain.instant(in: zone) == at)
        let simulated = LedgerEntry(recordID: "r", at: at, asOf: CalendarDate(year: 2026, month: 12, day: 1), position: 1, value: 0)
        #expect(simulated.day(in: zone) == CalendarDate(year: 2026, month: 12, day: 1))
        #expect(simulated.instant(in: zone) == at.addingTimeInterval(-7 * 86_400))
        #expect(CalendarDate(simulated.instant(in: zone), in: zone) == CalendarDate(year: 2026, month: 12, day: 1))
    }
}
