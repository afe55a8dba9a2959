import Foundation

extension Instalment {
    /// The instalments of an arrangement over `total`: `count` equal parts rounded down to
    /// the currency's minor unit, the last one carrying the remainder, so they add up to
    /// `total` exactly; the first due on `first`, the others `every` apart.
    public static func schedule(total: Decimal, currency: Currency, count: Int, first: CalendarDate, every: ConfigDuration) -> [Instalment] {
        var part = total / Decimal(count)
        var down = Decimal()
        NSDecimalRound(&down, &part, currency.minorUnits, .down)
        return (0..<count).map { index in
            // Counted from the first date each time, so Jan 31 monthly gives Feb 28, Mar 31, Apr 30.
            let due: CalendarDate = switch every {
            case .months(let months): first.adding(months: months * index)
            case .days(let days): first.adding(days: days * index)
            case .seconds(let seconds): first.adding(days: seconds / 86_400 * index)
            }
            return Instalment(due: due, amount: index == count - 1 ? total - down * Decimal(count - 1) : down)
        }
    }
}
