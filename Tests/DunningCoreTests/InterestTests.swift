import DunningCore
import Foundation
import Testing

@Suite struct InterestTests {
    func day(_ text: String) throws -> CalendarDate { try CalendarDate.parse(text) }
    func simple(_ periods: [(String, Decimal)]) throws -> RateTable {
        RateTable(compounding: .simple, periods: try periods.map { RatePeriod(from: try day($0.0), rate: $0.1) })
    }

    @Test("EUR 1,000 at 12.25 % for 30 days: 1000 × 0.1225 × 30/365 = 10.0684… → 10.07")
    func thirtyDays() throws {
        // Due 2026-01-31: interest runs 2026-02-01 … 2026-03-02 = 28 + 2 = 30 days.
        let table = try simple([("2024-01-01", Decimal(string: "12.25")!)])
        let amount = Interest.amount(principal: 1_000, table: table, from: try day("2026-02-01"),
                                     through: try day("2026-03-02"), currency: .euro)
        #expect(amount == (try Money.parse("10.07")))
    }

    @Test("a rate change on 1 July applies from that day: 3.4246… + 3.3561… = 6.78")
    func rateChange() throws {
        // 2024-06-21 … 06-30: 10 days × 12.50 %: 1000 × 12.5 × 10 / 36500 = 3.42465…
        // 2024-07-01 … 07-10: 10 days × 12.25 %: 1000 × 12.25 × 10 / 36500 = 3.35616…
        let table = try simple([("2024-01-01", Decimal(string: "12.50")!), ("2024-07-01", Decimal(string: "12.25")!)])
        let amount = Interest.amount(principal: 1_000, table: table, from: try day("2024-06-21"),
                                     through: try day("2024-07-10"), currency: .euro)
        #expect(amount == (try Money.parse("6.78")))
    }

    @Test("a leap year still divides by 365: 60 days at 10 % = 16.44, not 16.39")
    func leapYear() throws {
        // 2024-02-01 … 2024-03-31 = 29 + 31 = 60 days: 1000 × 10 × 60 / 36500 = 16.4383…
        let table = try simple([("2000-01-01", 10)])
        let amount = Interest.amount(principal: 1_000, table: table, from: try day("2024-02-01"),
                                     through: try day("2024-03-31"), currency: .euro)
        #expect(amount == (try Money.parse("16.44")))
    }

    @Test("yearly compounding (art. 6:119 BW): year one's 800 joins the principal, then 648.59")
    func yearly() throws {
        // 2024-07-01 … 2025-06-30 = 365 days: 10000 × 8 % = 800.00; principal becomes 10,800.
        // 2025-07-01 … 2026-03-31 = 274 days: 10800 × 8 × 274 / 36500 = 648.5917…
        // Total 1448.5917… → 1448.59 (simple would be 10000 × 8 × 639 / 36500 = 1400.55).
        let table = RateTable(compounding: .yearly, periods: [RatePeriod(from: try day("2000-01-01"), rate: 8)])
        let from = try day("2024-07-01"), through = try day("2026-03-31")
        #expect(Interest.amount(principal: 10_000, table: table, from: from, through: through, currency: .euro)
                == (try Money.parse("1448.59")))
        let simple = RateTable(compounding: .simple, periods: table.periods)
        #expect(Interest.amount(principal: 10_000, table: simple, from: from, through: through, currency: .euro)
                == (try Money.parse("1400.55")))
    }

    @Test("a partial payment lowers the principal from its date: 2.7397 + 3.4521 = 6.19")
    func partialPayment() throws {
        // 2026-01-01 … 01-10: 10 days on 1000 at 10 %: 2.73972…
        // 2026-01-11 … 01-31: 21 days on 600 at 10 %: 600 × 10 × 21 / 36500 = 3.45205…
        let table = try simple([("2000-01-01", 10)])
        let amount = Interest.amount(principal: 1_000, changes: [PrincipalChange(date: try day("2026-01-11"), delta: -400)],
                                     table: table, from: try day("2026-01-01"), through: try day("2026-01-31"), currency: .euro)
        #expect(amount == (try Money.parse("6.19")))
    }

    @Test("no interest before the first rate period, on nothing, or for an empty range")
    func zero() throws {
        let table = try simple([("2026-01-11", 10)])
        // Only 2026-01-11 … 01-31 = 21 days bear interest: 1000 × 10 × 21 / 36500 = 5.7534… → 5.75
        #expect(Interest.amount(principal: 1_000, table: table, from: try day("2026-01-01"),
                                through: try day("2026-01-31"), currency: .euro) == (try Money.parse("5.75")))
        #expect(Interest.accrued(principal: 1_000, table: table, from: try day("2026-02-01"), through: try day("2026-01-31")) == 0)
        #expect(Interest.accrued(principal: 0, table: table, from: try day("2026-02-01"), through: try day("2026-03-31")) == 0)
    }

    @Test("statutory interest tables by country and kind")
    func statutoryNames() {
        #expect(Interest.statutoryTableName(country: "NL", kind: .business) == "nl-commercial")
        #expect(Interest.statutoryTableName(country: "NL", kind: .consumer) == "nl-consumer")
        #expect(Interest.statutoryTableName(country: "BE", kind: .consumer) == "be-consumer")
        #expect(Interest.statutoryTableName(country: "RO", kind: .consumer) == "ro-legal")
        #expect(Interest.statutoryTableName(country: "DE", kind: .business) == nil)
    }
}

@Suite struct InterestIntegerPathTests {
    @Test("half a cent rounds up: 1.00 × 182.5 % × 1/365 = 0.005 → 0.01")
    func halfUp() {
        let table = RateTable(compounding: .simple, periods: [RatePeriod(from: day("2020-01-01"), rate: money("182.5"))])
        #expect(Interest.amount(principal: 1, table: table, from: day("2024-01-01"), through: day("2024-01-01"), currency: .euro)
                == money("0.01"))
    }

    /// `amount` takes an exact integer path for simple interest; it must equal rounding `accrued`.
    @Test("the integer path equals Decimal arithmetic rounded once", arguments: [
        ("1000.00", "2026-02-01", "2026-03-02", "12.25", [("2026-02-10", "-100.00")]),
        ("1.00", "2024-01-01", "2024-01-01", "182.5", []),   // exactly 0.005 → half up 0.01 in both
        ("0.01", "2026-01-01", "2026-12-31", "8", []),       // 0.0008 → 0.00
        ("123456.78", "2024-02-15", "2024-12-31", "4.125", [("2024-03-01", "-0.01"), ("2024-06-30", "-50000.00")]),
        ("999.99", "2025-12-20", "2026-01-10", "0.5", [("2025-12-25", "-999.99")]),
        ("20.00", "2026-01-01", "2026-01-01", "15", []),
        ("7777.77", "2025-07-01", "2026-06-30", "12.50", [("2025-07-01", "-7.77")]),
    ])
    func same(principal: String, from: String, through: String, rate: String, payments: [(String, String)]) {
        let table = RateTable(compounding: .simple, periods: [RatePeriod(from: day("2020-01-01"), rate: money(rate)),
                                                              RatePeriod(from: day("2025-07-01"), rate: money(rate) + 1)])
        let changes = payments.map { PrincipalChange(date: day($0.0), delta: money($0.1)) }
        let exact = Interest.amount(principal: money(principal), changes: changes, table: table,
                                    from: day(from), through: day(through), currency: .euro)
        let decimal = Money.rounded(Interest.accrued(principal: money(principal), changes: changes, table: table,
                                                     from: day(from), through: day(through)), in: .euro)
        #expect(exact == decimal)
    }
}
