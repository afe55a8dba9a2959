import Foundation

/// Exact integer money arithmetic for the planner's hot paths.
///
/// swift-foundation's `Decimal` allocates on every `+`, `*`, `/` and even `<` (0.3–1 µs
/// each); a million-record ledger needs tens of millions of them. Amounts are converted
/// once to an `Int64` of minor units (cents) and back; anything that does not fit (more
/// decimals than the scale, beyond ±10^15) makes the callers fall back to `Decimal`.
enum MinorUnits {
    private static let limit: Double = 1e15

    /// `value` × 10^scale as an integer, if exact and within ±10^15.
    static func from(_ value: Decimal, scale: Int) -> Int64? {
        if value.isZero { return 0 }
        let shift = value.exponent + scale
        guard shift >= 0, shift <= 15 else { return nil }
        let significand = NSDecimalNumber(decimal: value.significand)
        guard abs(significand.doubleValue) < limit else { return nil }
        let magnitude = abs(significand.int64Value)
        let (scaled, overflow) = magnitude.multipliedReportingOverflow(by: power(shift))
        guard !overflow, Double(scaled) < limit else { return nil }
        return value.sign == .minus ? -scaled : scaled
    }

    /// The `Decimal` of `minor` / 10^scale.
    static func decimal(_ minor: Int64, scale: Int) -> Decimal {
        Decimal(sign: minor < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(minor.magnitude))
    }

    /// `Money.string` without `Decimal.description` (about 1.5 µs a call): exact amounts are
    /// written from their minor units; anything else goes through `Money.string`.
    static func string(_ value: Decimal, in currency: Currency) -> String {
        let scale = currency.minorUnits
        guard let minor = from(value, scale: scale) else { return Money.string(value, in: currency) }
        var digits = String(minor.magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale + 1 - digits.count) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return minor < 0 ? "-" + digits : digits
    }

    /// 10^exponent for 0 ≤ exponent ≤ 18.
    static func power(_ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// `numerator / denominator` rounded half up (away from zero), denominator > 0.
    static func divideRoundingHalfUp(_ numerator: Int128, by denominator: Int128) -> Int128 {
        let magnitude = (2 * (numerator < 0 ? -numerator : numerator) + denominator) / (2 * denominator)
        return numerator < 0 ? -magnitude : magnitude
    }
}

/// A running sum of amounts in one currency: integer minor units while they fit, `Decimal`
/// for the rest.
struct MoneySum {
    let scale: Int
    private var minor: Int64 = 0
    private var rest: Decimal?

    init(scale: Int) { self.scale = scale }

    mutating func add(_ value: Decimal) {
        if let units = MinorUnits.from(value, scale: scale) {
            let (sum, overflow) = minor.addingReportingOverflow(units)
            if !overflow {
                minor = sum
                return
            }
        }
        rest = (rest ?? 0) + value
    }

    var value: Decimal {
        let base = MinorUnits.decimal(minor, scale: scale)
        return rest.map { base + $0 } ?? base
    }
}
