import Foundation

/// A change of the principal that bears interest, effective from `date` inclusive.
///
/// A payment dated D is `PrincipalChange(date: D, delta: -amount)`: interest runs on the
/// full amount through D − 1 and on the rest from D on.
public struct PrincipalChange: Sendable, Equatable {
    public var date: CalendarDate
    public var delta: Decimal

    public init(date: CalendarDate, delta: Decimal) {
        self.date = date
        self.delta = delta
    }
}

/// Late-payment interest from a `RateTable`, per day on the running principal.
///
/// Days are actual days and a year is always 365 days, also in leap years (the
/// "actual/365" the Dutch and Belgian courts use for wettelijke rente). Rounding happens once,
/// at the end, half up to the currency's minor units.
public enum Interest {
    /// The interest on `principal` from `start` through `end` (both inclusive), unrounded.
    ///
    /// `simple`: Σ base × rate / 100 × days / 365 over segments of constant base and rate.
    /// `yearly` (NL art. 6:119 lid 2 / 6:119a lid 3 BW): on each anniversary of `start`, the
    /// interest of the year just ended joins the principal. Rate changes apply from their
    /// period's `from` date; before the first period there is no rate (no interest).
    /// Interest never accrues on a base of zero or less.
    ///
    /// - Complexity: O((c + p + y) log(c + p + y)) for c changes, p rate periods, y years.
    public static func accrued(principal: Decimal, changes: [PrincipalChange] = [], table: RateTable,
                               from start: CalendarDate, through end: CalendarDate) -> Decimal {
        guard start <= end else { return 0 }
        let sortedChanges = changes.sorted { $0.date < $1.date }
        var base = principal
        var changeIndex = 0
        while changeIndex < sortedChanges.count, sortedChanges[changeIndex].date <= start {
            base += sortedChanges[changeIndex].delta
            changeIndex += 1
        }
        let stop = end.adding(days: 1)
        var boundaries = Set<CalendarDate>()
        for period in table.periods where period.from > start && period.from < stop { boundaries.insert(period.from) }
        for change in sortedChanges[changeIndex...] where change.date < stop { boundaries.insert(change.date) }
        var anniversaryYears = 1
        if table.compounding == .yearly {
            var anniversary = start.adding(years: 1)
            while anniversary < stop {
                boundaries.insert(anniversary)
                anniversaryYears += 1
                anniversary = start.adding(years: anniversaryYears)
            }
            anniversaryYears = 1
        }
        var cursor = start
        var total: Decimal = 0
        var thisYear: Decimal = 0
        for next in boundaries.sorted() + [stop] {
            let days = cursor.days(to: next)
            let rate = self.rate(on: cursor, in: table)
            if base > 0, rate > 0, days > 0 {
                let interest = base * rate * Decimal(days) / 36_500
                total += interest
                thisYear += interest
            }
            cursor = next
            if table.compounding == .yearly, cursor == start.adding(years: anniversaryYears) {
                base += thisYear
                thisYear = 0
                anniversaryYears += 1
            }
            while changeIndex < sortedChanges.count, sortedChanges[changeIndex].date <= cursor {
                base += sortedChanges[changeIndex].delta
                changeIndex += 1
            }
        }
        return total
    }

    /// `accrued` rounded once, half up, to the currency's minor units.
    public static func amount(principal: Decimal, changes: [PrincipalChange] = [], table: RateTable,
                              from start: CalendarDate, through end: CalendarDate, currency: Currency) -> Decimal {
        Money.rounded(accrued(principal: principal, changes: changes, table: table, from: start, through: end), in: currency)
    }

    /// The rate (percent per year) in force on `date`; 0 before the first period.
    public static func rate(on date: CalendarDate, in table: RateTable) -> Decimal {
        var rate: Decimal = 0
        for period in table.periods {
            guard period.from <= date else { break }
            rate = period.rate
        }
        return rate
    }

    /// The table `statutory` interest uses (ours): `nl-commercial`, `nl-consumer`,
    /// `be-commercial`, `be-consumer`, or `ro-legal` for both kinds in RO; `nil` elsewhere.
    public static func statutoryTableName(country: String, kind: CustomerKind) -> String? {
        switch (country, kind) {
        case ("NL", .business): "nl-commercial"
        case ("NL", .consumer): "nl-consumer"
        case ("BE", .business): "be-commercial"
        case ("BE", .consumer): "be-consumer"
        case ("RO", _): "ro-legal"
        default: nil
        }
    }
}
