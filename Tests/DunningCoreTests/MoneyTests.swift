import DunningCore
import Foundation
import Testing

@Suite struct MoneyTests {
    @Test("strict amounts", arguments: [("149.50", "149.50"), ("0", "0.00"), ("1250", "1250.00"), ("0.5", "0.50")])
    func parses(text: String, written: String) throws {
        let value = try Money.parse(text, currency: .euro)
        #expect(Money.string(value, in: .euro) == written)
    }

    @Test("garbage is refused, not truncated like Decimal(string:)", arguments: ["12abc", "", ".5", "5.", "1,50", "1.2.3", "+1", "1e3", " 1", "--1"])
    func refuses(text: String) {
        #expect(throws: AmountError.notANumber(text)) { try Money.parse(text) }
    }

    @Test("negative amounts and too many decimals are errors")
    func limits() throws {
        #expect(throws: AmountError.negative("-5.00")) { try Money.parse("-5.00") }
        #expect(try Money.parse("-5.00", allowNegative: true) == Decimal(-5))
        #expect(throws: AmountError.tooManyDecimals("1.005", allowed: 2, currency: "EUR")) { try Money.parse("1.005", currency: .euro) }
        let yen = try #require(Currency(code: "JPY"))
        #expect(throws: AmountError.tooManyDecimals("100.5", allowed: 0, currency: "JPY")) { try Money.parse("100.5", currency: yen) }
    }

    @Test("rounding is half up, not banker's: 2.345 -> 2.35, 2.335 -> 2.34, -2.345 -> -2.35")
    func halfUp() throws {
        #expect(Money.string(try Money.parse("2.345"), in: .euro) == "2.35")
        #expect(Money.string(try Money.parse("2.335"), in: .euro) == "2.34")
        #expect(Money.string(try Money.parse("-2.345", allowNegative: true), in: .euro) == "-2.35")
        #expect(Money.string(try Money.parse("0.004"), in: .euro) == "0.00")
    }

    @Test("ISO 4217 codes: EUR and RON known, ABC unknown, BHD has 3 decimals")
    func currencies() {
        #expect(Currency(code: "RON")?.minorUnits == 2)
        #expect(Currency(code: "BHD")?.minorUnits == 3)
        #expect(Currency(code: "ABC") == nil)
        #expect(Currency(code: "eur") == nil)
    }
}

@Suite struct TimestampTests {
    @Test("RFC 3339 agrees with ISO8601DateFormatter", arguments: [
        "2026-11-23T09:00:00Z", "2024-02-29T23:59:59+01:00", "1999-12-31T00:00:00-05:30", "2026-03-29T01:30:00.250Z",
    ])
    func agrees(text: String) throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        let expected = try #require(formatter.date(from: text))
        #expect(Timestamp.parse(text) == expected)
    }

    @Test("malformed instants are refused", arguments: ["2026-11-23", "2026-11-23T09:00:00", "2026-02-30T09:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T09:00:00+0100"])
    func refuses(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test("written in UTC with whole seconds and read back")
    func roundTrip() throws {
        let date = try #require(Timestamp.parse("2026-11-23T10:49:05+01:00"))
        #expect(Timestamp.string(date) == "2026-11-23T09:49:05Z")
    }

    @Test("written digit by digit as ISO8601DateFormatter writes it, over 5,000 instants from 1583 to 9999")
    func writesAsFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var generator = SystemRandomNumberGenerator()
        // 1583-01-01T00:00:00Z, 9999-12-31T23:59:59Z: Foundation switches to the Julian
        // calendar before October 1582, RFC 3339 (and we) stay Gregorian.
        let first = -12_212_553_600.0, last = 253_402_300_799.0
        let instants = [first, last, 0, -1, 86_399, 951_782_400] + (0..<5_000).map { _ in
            Double.random(in: first...last, using: &generator).rounded(.down) + [0, 0.25, 0.999].randomElement(using: &generator)!
        }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let expected = formatter.string(from: Date(timeIntervalSince1970: seconds.rounded(.down)))
            #expect(Timestamp.string(date) == expected, "\(seconds)")
        }
    }

    @Test("09:00 in Amsterdam is 08:00Z in winter and 07:00Z in summer, also on the DST days")
    func windowAcrossDST() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        let cases: [(String, String)] = [("2026-03-28", "2026-03-28T08:00:00Z"), ("2026-03-29", "2026-03-29T07:00:00Z"),
                                         ("2026-10-25", "2026-10-25T08:00:00Z"), ("2026-07-01", "2026-07-01T07:00:00Z")]
        for (day, instant) in cases {
            let date = try CalendarDate.parse(day)
            #expect(Timestamp.string(date.instant(atMinute: 9 * 60, in: zone)) == instant)
            #expect(CalendarDate(date.instant(atMinute: 9 * 60, in: zone), in: zone) == date)
        }
    }
}

@Suite struct MoneyFormattingTests {
    @Test("the integer fast path writes what the Decimal path writes", arguments: [
        "0", "0.01", "0.1", "1", "9.99", "10.00", "149.5", "1234567.89", "999999999999.99", "0.005", "2.345", "123456789012345678",
    ])
    func fastPathAgrees(text: String) throws {
        for negative in [false, true] {
            let value = try Money.parse(negative ? "-" + text : text, allowNegative: true)
            for scale in [0, 2, 3] {
                let rounded = Money.rounded(value, scale: scale)
                var expected = rounded.description
                if scale > 0 {
                    if !expected.contains(".") { expected += "." }
                    let decimals = expected.split(separator: ".", omittingEmptySubsequences: false)[1].count
                    expected += String(repeating: "0", count: scale - decimals)
                }
                if expected.allSatisfy({ "-0.".contains($0) }) { expected = expected.replacingOccurrences(of: "-", with: "") }
                #expect(Money.string(value, scale: scale) == expected, "\(negative ? "-" : "")\(text) at scale \(scale)")
            }
        }
    }
}

@Suite struct TypedAmountTests {
    @Test("the decimal mark an amount shows, or none", arguments: [
        ("1.180,50", Money.DecimalMark?.some(.comma)), ("1,180.50", .point), ("12,50", .comma), ("0.5", .point),
        ("1.234.567", .comma), ("1,234,567", .point), ("1,234", nil), ("1.234", nil), ("1250", nil), ("12,3,4", nil),
        ("1,2345", .comma), ("-5.00", .point),
    ])
    func decimalMark(text: String, mark: Money.DecimalMark?) {
        #expect(Money.decimalMark(of: text) == mark)
    }

    @Test("typed amounts read as a CSV file would", arguments: [
        ("1.180,50", "1180.50"), ("1,180.50", "1180.50"), ("12,50", "12.50"), ("12.50", "12.50"),
        ("1.234.567", "1234567"), ("1,234,567.89", "1234567.89"), ("1250", "1250"),
    ])
    func typed(text: String, expected: String) throws {
        #expect(try Money.parseTyped(text, currency: .euro) == Decimal(string: expected))
    }

    @Test("typed amounts that fit no reading are refused", arguments: ["12,3,4", "1.2.3,4", "12abc", "1,234"])
    func refused(text: String) {
        #expect(throws: AmountError.self) { try Money.parseTyped(text, currency: .euro) }
    }
}
