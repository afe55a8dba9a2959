import Foundation

/// A day on the calendar (proleptic Gregorian), without time or zone.
///
/// Due dates, payment dates and holidays are calendar dates in the company's time zone.
/// Arithmetic is on the day number (days since 1970-01-01), so it needs no `Calendar`.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// `nil` for a day that does not exist (2024-02-30, 2023-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01 (H. Hinnant's civil_from_days).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01 (H. Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Calendar months later; the day is clamped to the month's end (Jan 31 + 1mo = Feb 28/29).
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12
        let m = index % 12 + 1
        let d = min(day, CalendarDate.daysIn(month: m, year: y))
        return CalendarDate(year: y, month: m, day: d)!
    }

    public func adding(years: Int) -> CalendarDate { adding(months: years * 12) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    public var weekday: Weekday { Weekday.allCases[((dayNumber % 7) + 7 + 3) % 7] }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + m + "-" + d
    }

    /// The one date parser of dunning: `YYYY-MM-DD`, and with `lenient` also `DD-MM-YYYY`
    /// and `DD.MM.YYYY` (CSV files from Dutch and Romanian bookkeeping programs).
    public static func parse(_ text: String, lenient: Bool = false) throws(DateError) -> CalendarDate {
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(DateError) in try parse(utf8: bytes, lenient: lenient) } }.get()
    }

    /// As `parse(_:lenient:)`, on UTF-8 bytes (the ledger decoder's parsed JSON, without a `String`).
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, lenient: Bool = false) throws(DateError) -> CalendarDate {
        var text: String { String(decoding: bytes, as: UTF8.self) }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count == 10 else { throw .malformed(text) }
        let parts: (Int?, Int?, Int?)
        if bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            parts = (number(0..<4), number(5..<7), number(8..<10))
        } else if lenient, bytes[2] == bytes[5], bytes[2] == UInt8(ascii: "-") || bytes[2] == UInt8(ascii: ".") {
            parts = (number(6..<10), number(3..<5), number(0..<2))
        } else {
            throw .malformed(text)
        }
        guard let y = parts.0, let m = parts.1, let d = parts.2 else { throw .malformed(text) }
        guard let date = CalendarDate(year: y, month: m, day: d) else { throw .nonexistent(text) }
        return date
    }
}

/// Why a text is not a date.
public enum DateError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case nonexistent(String)

    public var description: String {
        switch self {
        case .malformed(let text): "'\(text)' is not a date (expected YYYY-MM-DD)"
        case .nonexistent(let text): "'\(text)' is not a day on the calendar"
        }
    }

    /// Why a well-formed date does not exist, in words (`February 2026 has 28 days`);
    /// `nil` for a malformed one.
    public var why: String? {
        guard case .nonexistent(let text) = self else { return nil }
        var parts = text.split(whereSeparator: { $0 == "-" || $0 == "." }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        if Array(text.utf8).firstIndex(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }) == 2 { parts.reverse() }  // DD-MM-YYYY
        let (year, month, day) = (parts[0], parts[1], parts[2])
        guard (1...9999).contains(year) else { return "years run from 0001 to 9999" }
        guard (1...12).contains(month) else { return "there is no month \(month); months run from 01 to 12" }
        guard day >= 1 else { return "days start at 01" }
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                     "November", "December"]
        return "\(names[month - 1]) \(year) has \(CalendarDate.daysIn(month: month, year: year)) days"
    }
}

/// Days of the week, Monday first (ISO 8601), spelled as the config spells them.
public enum Weekday: String, CaseIterable, Sendable, Hashable {
    case mon, tue, wed, thu, fri, sat, sun
}

extension CalendarDate {
    /// `instant` moved to `day`, keeping its time of day in `zone`: whole days are added
    /// (a daylight-saving change between the two days moves the local time by the hour).
    public static func moving(_ instant: Date, to day: CalendarDate, in zone: TimeZone) -> Date {
        let from = CalendarDate(instant, in: zone)
        return instant.addingTimeInterval(Double(day.dayNumber - from.dayNumber) * 86_400)
    }
}
