import Foundation

/// RFC 3339 instants, as the ledger's `at` field carries them.
///
/// Written in UTC with whole seconds (`2026-11-23T09:00:00Z`); read with any offset and an
/// optional fraction. Hand-parsed because the grammar is tiny and the ledger has a million
/// of them: Foundation's ISO 8601 parsers cost microseconds each. Checked against
/// `ISO8601DateFormatter` in the tests.
package enum Timestamp {
    package static func string(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - day * 86_400
        let date = CalendarDate(dayNumber: day)
        guard (0...9999).contains(date.year) else {
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "\(date)T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
        }
        // Every ledger record carries one: written digit by digit into the string's storage.
        return String(unsafeUninitializedCapacity: 20) { out in
            func digits(_ value: Int, _ count: Int, at end: Int) {
                var value = value
                for index in stride(from: end - 1, through: end - count, by: -1) {
                    out[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            digits(date.year, 4, at: 4)
            out[4] = UInt8(ascii: "-")
            digits(date.month, 2, at: 7)
            out[7] = UInt8(ascii: "-")
            digits(date.day, 2, at: 10)
            out[10] = UInt8(ascii: "T")
            digits(rest / 3600, 2, at: 13)
            out[13] = UInt8(ascii: ":")
            digits(rest / 60 % 60, 2, at: 16)
            out[16] = UInt8(ascii: ":")
            digits(rest % 60, 2, at: 19)
            out[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; `t` and `z` are accepted as RFC 3339 allows.
    package static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// As `parse(_:)`, on UTF-8 bytes (the ledger decoder's parsed JSON, without a `String`).
    package static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 20 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                guard b[index] >= 48, b[index] <= 57 else { return nil }
                value = value * 10 + Int(b[index] - 48)
            }
            return value
        }
        guard b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              let date = CalendarDate(year: year, month: month, day: day),
              hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var fraction = 0.0
        if b[index] == 46 {
            index += 1
            var scale = 0.1
            let start = index
            while index < b.count, b[index] >= 48, b[index] <= 57 {
                fraction += Double(b[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offset = 0
        switch b[index] {
        case 90, 122:
            index += 1
        case 43, 45:
            guard index + 6 == b.count, b[index + 3] == 58,
                  let hours = number(index + 1, 2), let minutes = number(index + 4, 2),
                  hours < 24, minutes < 60 else { return nil }
            offset = (hours * 3600 + minutes * 60) * (b[index] == 45 ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == b.count else { return nil }
        let seconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}

extension CalendarDate {
    /// The calendar date of `instant` in `zone`.
    package init(_ instant: Date, in zone: TimeZone) {
        let local = Int((instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))).rounded(.down))
        self.init(dayNumber: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    /// The instant at which this date's wall clock in `zone` shows `minutes` after midnight.
    ///
    /// DST-safe: the zone's offset is taken at that local time, not at midnight, so 09:00
    /// stays 09:00 on the days clocks change. A wall time skipped by a spring-forward gap
    /// maps to the instant just after the gap.
    package func instant(atMinute minutes: Int, in zone: TimeZone) -> Date {
        let naive = Double(dayNumber * 86_400 + minutes * 60)
        var guess = naive - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: naive)))
        for _ in 0..<2 {
            let corrected = naive - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: guess)))
            if corrected == guess { break }
            guess = corrected
        }
        return Date(timeIntervalSince1970: guess)
    }
}
