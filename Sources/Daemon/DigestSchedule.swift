import DunningCore
import Foundation

/// When the bookkeeper's digest is due: once per calendar day (company zone), at or after
/// `digest.at` local time, on business days only.
///
/// Decisions:
/// - Business days only (`schedule.business_days` minus `holidays`), the same days reminders
///   go out: nobody reads it on Sunday, and Monday's digest covers everything since
///   Friday's, weekend included (a digest covers what happened since the previous one).
/// - Not held to the send window: it goes to the bookkeeper, not to a customer, at
///   `digest.at` (08:00 by default, before a 09:00 window opens).
/// - Once per day even across restarts: a day is done when the ledger holds a `digest`
///   record (not voided) with that date. Voiding the record lets the day's digest go again.
/// - A day missed (the service was down all day) is not sent later; the next day's digest
///   covers it.
public struct DigestSchedule: Sendable {
    /// `nil`: no `digest` in the config, nothing is ever due.
    public let digest: Digest?
    public let calendar: BusinessCalendar

    public init(config: DunningConfig) {
        digest = config.digest
        calendar = BusinessCalendar(config: config)
    }

    /// The moment the digest of `date` is due: `digest.at` local time on it (a time the
    /// clocks skip, on a DST night, counts as the moment after the gap).
    public func moment(on date: CalendarDate) -> Date? {
        guard let digest, calendar.isBusinessDay(date) else { return nil }
        return date.instant(atMinute: digest.at, in: calendar.timeZone)
    }

    /// Whether the ledger holds the digest of `date`.
    public static func isSent(on date: CalendarDate, state: LedgerState) -> Bool {
        state.digests.contains { $0.value.date == date && state.isActive($0.recordID) }
    }

    /// The day whose digest is due at `instant`: that instant's day, when it is a business
    /// day, `digest.at` has come and the ledger has no digest of it yet.
    public func due(at instant: Date, state: LedgerState) -> CalendarDate? {
        let today = calendar.date(of: instant)
        guard let moment = moment(on: today), instant >= moment, !Self.isSent(on: today, state: state) else { return nil }
        return today
    }

    /// When the next digest is due: `instant` itself when one is due now, else the next
    /// `digest.at` on a business day whose digest is not sent. `nil` without a `digest`
    /// config or without a business day in the next ten years.
    public func next(after instant: Date, state: LedgerState) -> Date? {
        guard digest != nil else { return nil }
        if due(at: instant, state: state) != nil { return instant }
        var day = calendar.date(of: instant)
        for _ in 0..<3_660 {
            if let moment = moment(on: day), moment > instant, !Self.isSent(on: day, state: state) { return moment }
            day = day.adding(days: 1)
        }
        return nil
    }
}
