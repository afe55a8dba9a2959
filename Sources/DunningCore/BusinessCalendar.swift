import Foundation

/// When the company may send: business days that are not holidays, inside the local send
/// window `[start, end)`, in the company's time zone.
///
/// Window edges are local wall-clock times taken per day with
/// `CalendarDate.instant(atMinute:in:)`, so 09:00 stays 09:00 across DST changes.
public struct BusinessCalendar: Sendable {
    public var timeZone: TimeZone
    public var schedule: Schedule

    public init(timeZone: TimeZone, schedule: Schedule) {
        self.timeZone = timeZone
        self.schedule = schedule
    }

    public init(config: DunningConfig) {
        self.init(timeZone: config.company.timeZone, schedule: config.schedule)
    }

    /// A configured business day that is not a holiday.
    public func isBusinessDay(_ date: CalendarDate) -> Bool {
        schedule.businessDays.contains(date.weekday) && !schedule.holidays.contains(date)
    }

    /// The local date of `instant` in the company's zone.
    public func date(of instant: Date) -> CalendarDate { CalendarDate(instant, in: timeZone) }

    /// The instant the send window opens on `date` (whether or not it is a business day).
    public func windowOpens(on date: CalendarDate) -> Date {
        date.instant(atMinute: schedule.sendWindow.start, in: timeZone)
    }

    /// The instant the send window closes on `date` (exclusive).
    public func windowCloses(on date: CalendarDate) -> Date {
        date.instant(atMinute: schedule.sendWindow.end, in: timeZone)
    }

    /// Whether a message may leave at `instant`.
    public func isSendAllowed(at instant: Date) -> Bool {
        let day = date(of: instant)
        return isBusinessDay(day) && instant >= windowOpens(on: day) && instant < windowCloses(on: day)
    }

    /// The first moment at or after `instant` at which sending is allowed: `instant` itself
    /// inside the window, else the next opening of the window on a business day.
    ///
    /// `Date.distantFuture` if no business day comes within ten years (an empty schedule).
    public func nextSendMoment(after instant: Date) -> Date {
        if isSendAllowed(at: instant) { return instant }
        var day = date(of: instant)
        for _ in 0..<3_660 {
            if isBusinessDay(day), schedule.sendWindow.end > schedule.sendWindow.start {
                let opens = windowOpens(on: day)
                if opens >= instant { return opens }
            }
            day = day.adding(days: 1)
        }
        return Date.distantFuture
    }

    /// The first business day on or after `date` (`date` itself if it is one).
    public func businessDay(onOrAfter date: CalendarDate) -> CalendarDate {
        var day = date
        for _ in 0..<3_660 where !isBusinessDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// `Mon 2026-11-30 09:00 Europe/Amsterdam`: a moment as a bookkeeper reads it.
    public func describe(_ instant: Date) -> String {
        guard instant != Date.distantFuture else { return "never (no business days configured)" }
        let day = date(of: instant)
        let local = Int((instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))).rounded(.down))
        let minutes = ((local % 86_400) + 86_400) % 86_400 / 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let weekday = day.weekday.rawValue.prefix(1).uppercased() + day.weekday.rawValue.dropFirst()
        return "\(weekday) \(day) \(two(minutes / 60)):\(two(minutes % 60)) \(timeZone.identifier)"
    }
}

/// Local dates of instants in one zone, with the zone's UTC offsets memoized per quarter
/// hour (every real zone changes offset on a quarter hour): `TimeZone.secondsFromGMT` goes
/// through ICU and a lock, and the planner converts every reminder's instant.
final class ZoneDays {
    let zone: TimeZone
    private var offsets: [Int: Int] = [:]

    init(zone: TimeZone) { self.zone = zone }

    /// The same date as `CalendarDate(instant, in: zone)`.
    func date(of instant: Date) -> CalendarDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let bucket = seconds >= 0 ? seconds / 900 : (seconds - 899) / 900
        let offset: Int
        if let known = offsets[bucket] {
            offset = known
        } else {
            offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(bucket * 900)))
            offsets[bucket] = offset
        }
        let local = seconds + offset
        return CalendarDate(dayNumber: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    /// The day `entry` counts as made: its `as_of` day, else the day of its `at` here.
    func date<Value>(of entry: LedgerEntry<Value>) -> CalendarDate {
        entry.asOf ?? date(of: entry.at)
    }
}
