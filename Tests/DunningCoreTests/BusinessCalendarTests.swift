import DunningCore
import Foundation
import Testing

@Suite struct BusinessCalendarTests {
    func calendar(_ zone: String, everyDay: Bool = false, holidays: Set<CalendarDate> = []) throws -> BusinessCalendar {
        let days: Set<Weekday> = everyDay ? Set(Weekday.allCases) : [.mon, .tue, .wed, .thu, .fri]
        return BusinessCalendar(timeZone: try #require(TimeZone(identifier: zone)),
                                schedule: Schedule(businessDays: days, holidays: holidays))
    }
    func instant(_ text: String) throws -> Date { try #require(Timestamp.parse(text)) }
    func day(_ text: String) throws -> CalendarDate { try CalendarDate.parse(text) }

    @Test("09:00 stays 09:00 local across DST", arguments: [
        ("Europe/Amsterdam", "2026-03-28", "2026-03-28T08:00:00Z"),  // CET +1
        ("Europe/Amsterdam", "2026-03-29", "2026-03-29T07:00:00Z"),  // CEST +2 from 02:00
        ("Europe/Amsterdam", "2026-10-24", "2026-10-24T07:00:00Z"),  // CEST +2
        ("Europe/Amsterdam", "2026-10-25", "2026-10-25T08:00:00Z"),  // CET +1 from 03:00
        ("Europe/Bucharest", "2026-03-28", "2026-03-28T07:00:00Z"),  // EET +2
        ("Europe/Bucharest", "2026-03-29", "2026-03-29T06:00:00Z"),  // EEST +3 from 03:00
        ("Europe/Bucharest", "2026-10-24", "2026-10-24T06:00:00Z"),  // EEST +3
        ("Europe/Bucharest", "2026-10-25", "2026-10-25T07:00:00Z"),  // EET +2 from 04:00
    ])
    func windowOpens(zone: String, date: String, opens: String) throws {
        let cal = try calendar(zone, everyDay: true)
        #expect(cal.windowOpens(on: try day(date)) == (try instant(opens)))
        #expect(cal.isSendAllowed(at: try instant(opens)))
        #expect(!cal.isSendAllowed(at: try instant(opens).addingTimeInterval(-1)))
        #expect(cal.nextSendMoment(after: try day(date).instant(atMinute: 60, in: cal.timeZone)) == (try instant(opens)))
    }

    @Test("the window closes at 17:00 local, exclusive, on the DST days too")
    func windowCloses() throws {
        let cal = try calendar("Europe/Amsterdam", everyDay: true)
        #expect(cal.isSendAllowed(at: try instant("2026-03-29T14:59:59Z")))
        #expect(!cal.isSendAllowed(at: try instant("2026-03-29T15:00:00Z")))
        #expect(cal.isSendAllowed(at: try instant("2026-10-25T15:59:59Z")))
        #expect(!cal.isSendAllowed(at: try instant("2026-10-25T16:00:00Z")))
        // After closing on Sunday 29 March, the next opening is Monday 09:00 CEST.
        #expect(cal.nextSendMoment(after: try instant("2026-03-29T15:00:00Z")) == (try instant("2026-03-30T07:00:00Z")))
    }

    @Test("weekends and holidays are skipped: Friday 17:00 → Monday 09:00")
    func skips() throws {
        let cal = try calendar("Europe/Amsterdam", holidays: [try day("2026-12-25"), try day("2026-12-28")])
        let friday = try instant("2026-03-27T16:00:00Z")  // 17:00 CET
        let monday = cal.nextSendMoment(after: friday)
        #expect(monday == (try instant("2026-03-30T07:00:00Z")))
        #expect(cal.describe(monday) == "Mon 2026-03-30 09:00 Europe/Amsterdam")
        // Thu 24 Dec 17:30 → Fri 25 holiday, weekend, Mon 28 holiday → Tue 29 Dec 09:00 CET.
        #expect(cal.nextSendMoment(after: try instant("2026-12-24T16:30:00Z")) == (try instant("2026-12-29T08:00:00Z")))
        #expect(!cal.isSendAllowed(at: try instant("2026-03-28T10:00:00Z")))  // Saturday
        #expect(cal.isSendAllowed(at: try instant("2026-03-27T10:00:00Z")))   // Friday 11:00
        #expect(cal.businessDay(onOrAfter: try day("2026-12-25")) == (try day("2026-12-29")))
    }
}
