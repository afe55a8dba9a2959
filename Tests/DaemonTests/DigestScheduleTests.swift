@testable import Daemon
import DunningCore
import Foundation
import Testing

@Suite struct DigestScheduleTests {
    /// Europe/Amsterdam, digest at 08:00 on Monday to Friday, Christmas a holiday.
    static func config(zone: String = "Europe/Amsterdam", at: Int = 8 * 60, digest: Bool = true) -> DunningConfig {
        let company = Company(name: "Voorbeeld B.V.", from: "debiteuren@voorbeeld.nl",
                              timeZone: TimeZone(identifier: zone)!)
        return DunningConfig(company: company,
                             schedule: Schedule(holidays: [CalendarDate(year: 2026, month: 12, day: 25)!]),
                             digest: digest ? Digest(to: "boekhouding@voorbeeld.nl", at: at) : nil)
    }

    static func at(_ text: String) -> Date {
        guard let date = Timestamp.parse(text) else { preconditionFailure("test instant \(text)") }
        return date
    }

    static func day(_ text: String) -> CalendarDate {
        do { return try CalendarDate.parse(text) } catch { preconditionFailure("\(error)") }
    }

    /// A state holding the digests of `days`.
    static func state(sent days: [String]) throws -> LedgerState {
        var state = LedgerState()
        for (index, text) in days.enumerated() {
            try state.apply(LedgerRecord(id: "D\(index)", at: at("2026-11-01T08:00:00Z"), body: .digest(DigestRecord(
                date: day(text), to: "boekhouding@voorbeeld.nl", messageID: "dunning.digest.\(text)@voorbeeld.nl"))), position: index + 1)
        }
        return state
    }

    @Test("Monday 2026-11-23 in Amsterdam (UTC+1): not before 08:00, from 08:00 on, and not again once recorded",
          arguments: [("2026-11-23T06:59:59Z", false), ("2026-11-23T07:00:00Z", true), ("2026-11-23T15:30:00Z", true),
                      ("2026-11-23T22:59:00Z", true), ("2026-11-23T23:00:00Z", false)])
    func dueOnMonday(instant: String, due: Bool) throws {
        let schedule = DigestSchedule(config: Self.config())
        #expect(schedule.due(at: Self.at(instant), state: LedgerState()) == (due ? Self.day("2026-11-23") : nil))
        #expect(schedule.due(at: Self.at(instant), state: try Self.state(sent: ["2026-11-23"])) == nil)
    }

    @Test("no digest on a weekend, on a holiday, or without `digest:` in the config")
    func notBusinessDays() {
        let schedule = DigestSchedule(config: Self.config())
        #expect(schedule.due(at: Self.at("2026-11-28T12:00:00Z"), state: LedgerState()) == nil)   // Saturday
        #expect(schedule.due(at: Self.at("2026-11-29T12:00:00Z"), state: LedgerState()) == nil)   // Sunday
        #expect(schedule.due(at: Self.at("2026-12-25T12:00:00Z"), state: LedgerState()) == nil)   // Christmas, a Friday
        #expect(schedule.due(at: Self.at("2026-12-24T12:00:00Z"), state: LedgerState()) == Self.day("2026-12-24"))
        let none = DigestSchedule(config: Self.config(digest: false))
        #expect(none.due(at: Self.at("2026-11-23T12:00:00Z"), state: LedgerState()) == nil)
        #expect(none.next(after: Self.at("2026-11-23T12:00:00Z"), state: LedgerState()) == nil)
    }

    @Test("the day and the hour are the company's: 23:30 UTC on Sunday is Monday 00:30 in Amsterdam; 07:30 UTC is 08:30 there, not in UTC")
    func timeZone() {
        let amsterdam = DigestSchedule(config: Self.config(at: 0))
        #expect(amsterdam.due(at: Self.at("2026-11-22T23:30:00Z"), state: LedgerState()) == Self.day("2026-11-23"))
        let utc = DigestSchedule(config: Self.config(zone: "UTC", at: 0))
        #expect(utc.due(at: Self.at("2026-11-22T23:30:00Z"), state: LedgerState()) == nil)

        #expect(DigestSchedule(config: Self.config()).due(at: Self.at("2026-11-23T07:30:00Z"), state: LedgerState()) != nil)
        #expect(DigestSchedule(config: Self.config(zone: "UTC")).due(at: Self.at("2026-11-23T07:30:00Z"), state: LedgerState()) == nil)
    }

    @Test("08:00 stays 08:00 local across the change to summer time (2026-03-30, UTC+2)")
    func summerTime() {
        let schedule = DigestSchedule(config: Self.config())
        #expect(schedule.moment(on: Self.day("2026-03-30")) == Self.at("2026-03-30T06:00:00Z"))
        #expect(schedule.moment(on: Self.day("2026-03-27")) == Self.at("2026-03-27T07:00:00Z"))
    }

    @Test("the next wake-up: today's 08:00 before it; now while today's is unsent; after Friday's, Monday 08:00")
    func next() throws {
        let schedule = DigestSchedule(config: Self.config())
        #expect(schedule.next(after: Self.at("2026-11-27T05:00:00Z"), state: LedgerState()) == Self.at("2026-11-27T07:00:00Z"))
        let late = Self.at("2026-11-27T10:00:00Z")
        #expect(schedule.next(after: late, state: LedgerState()) == late)
        #expect(schedule.next(after: late, state: try Self.state(sent: ["2026-11-27"])) == Self.at("2026-11-30T07:00:00Z"))
        // Christmas Friday and the weekend are skipped: Thursday's digest sent, next is Monday the 28th.
        #expect(schedule.next(after: Self.at("2026-12-24T10:00:00Z"), state: try Self.state(sent: ["2026-12-24"]))
            == Self.at("2026-12-28T07:00:00Z"))
    }
}
