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
    /// - Complexity: O(b log b) for b = changes + rate periods + years.
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
        var boundaries: [CalendarDate] = []
        for period in table.periods where period.from > start && period.from < stop { boundaries.append(period.from) }
        for change in sortedChanges[changeIndex...] where change.date < stop { boundaries.append(change.date) }
        if table.compounding == .yearly {
            var years = 1
            var anniversary = start.adding(years: 1)
            while anniversary < stop {
                boundaries.append(anniversary)
                years += 1
                anniversary = start.adding(years: years)
            }
        }
        boundaries.sort()
        boundaries.append(stop)
        // Sums of base × rate × days; divided by 36,500 only when interest joins the
        // principal and at the end (Decimal division is the costly operation).
        var cursor = start
        var earlier: Decimal = 0
        var thisYear: Decimal = 0
        var anniversaryYears = 1
        var nextAnniversary = start.adding(years: 1)
        for next in boundaries where next > cursor {
            let rate = self.rate(on: cursor, in: table)
            if base > 0, rate > 0 {
                thisYear += base * rate * Decimal(cursor.days(to: next))
            }
            cursor = next
            if table.compounding == .yearly, cursor == nextAnniversary {
                let interest = thisYear / 36_500
                base += interest
                earlier += interest
                thisYear = 0
                anniversaryYears += 1
                nextAnniversary = start.adding(years: anniversaryYears)
            }
            while changeIndex < sortedChanges.count, sortedChanges[changeIndex].date <= cursor {
                base += sortedChanges[changeIndex].delta
                changeIndex += 1
            }
        }
        return thisYear == 0 ? earlier : earlier + thisYear / 36_500
    }

    /// `accrued` rounded once, half up, to the currency's minor units.
    public static func amount(principal: Decimal, changes: [PrincipalChange] = [], table: RateTable,
                              from start: CalendarDate, through end: CalendarDate, currency: Currency) -> Decimal {
        if let exact = integerAmount(principal: principal, changes: changes, table: table, from: start, through: end, currency: currency) {
            return exact
        }
        return Money.rounded(accrued(principal: principal, changes: changes, table: table, from: start, through: end), in: currency)
    }

    /// `amount` in exact integer arithmetic (minor units × rate in 1/10,000 % × days, one
    /// division at the end): the same result without `Decimal`'s cost. `nil` when compounding
    /// happens inside the range or an amount or rate does not fit; `amount` then uses `accrued`.
    static func integerAmount(principal: Decimal, changes: [PrincipalChange], table: RateTable,
                              from start: CalendarDate, through end: CalendarDate, currency: Currency) -> Decimal? {
        guard start <= end else { return 0 }
        if table.compounding == .yearly, start.adding(years: 1) <= end { return nil }
        let scale = currency.minorUnits
        guard var base = MinorUnits.from(principal, scale: scale) else { return nil }
        var deltas: [(date: CalendarDate, minor: Int64)] = []
        deltas.reserveCapacity(changes.count)
        for change in changes {
            guard let minor = MinorUnits.from(change.delta, scale: scale) else { return nil }
            deltas.append((change.date, minor))
        }
        deltas.sort { $0.date < $1.date }
        var rates: [(from: CalendarDate, rate: Int64)] = []
        for period in table.periods {
            guard let rate = MinorUnits.from(period.rate, scale: 4) else { return nil }
            rates.append((period.from, rate))
        }
        let stop = end.adding(days: 1)
        var boundaries: [CalendarDate] = []
        for period in rates where period.from > start && period.from < stop { boundaries.append(period.from) }
        var deltaIndex = 0
        while deltaIndex < deltas.count, deltas[deltaIndex].date <= start {
            base += deltas[deltaIndex].minor
            deltaIndex += 1
        }
        for delta in deltas[deltaIndex...] where delta.date < stop { boundaries.append(delta.date) }
        boundaries.sort()
        boundaries.append(stop)
        var numerator: Int128 = 0
        var cursor = start
        for next in boundaries where next > cursor {
            var rate: Int64 = 0
            for period in rates {
                guard period.from <= cursor else { break }
                rate = period.rate
            }
            if base > 0, rate > 0 {
                numerator += Int128(base) * Int128(rate) * Int128(cursor.days(to: next))
            }
            cursor = next
            while deltaIndex < deltas.count, deltas[deltaIndex].date <= cursor {
                base += deltas[deltaIndex].minor
                deltaIndex += 1
            }
        }
        let minor = MinorUnits.divideRoundingHalfUp(numerator, by: 36_500 * 10_000)
        guard let result = Int64(exactly: minor) else { return nil }
        return MinorUnits.decimal(result, scale: scale)
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
