import Foundation

/// Exact integer money arithmetic for the planner's hot paths.
///
/// swift-foundation's `Decimal` allocates on every `+`, `*`, `/` and even `<` (0.3–1 µs
/// each); a million-record ledger needs tens of millions of them. Amounts are converted
/// once to an `Int64` of minor units (cents) and back; anything that does not fit (more
/// decimals than the scale, beyond ±10^15) makes the callers fall back to `Decimal`.
enum MinorUnits {
    /// 10^15: amounts at or beyond it stay `Decimal`.
    private static let bound: UInt64 = 1_000_000_000_000_000

    /// `value` × 10^scale as an integer, if exact and within ±10^15.
    ///
    /// A negative shift (more stored decimals than the scale) is `nil`, as is NaN.
    static func from(_ value: Decimal, scale: Int) -> Int64? {
        guard layoutKnown else { return fromPublicAPI(value, scale: scale) }
        let fields = DecimalFields(value)
        if fields.length == 0 { return fields.negative ? nil : 0 }
        guard fields.length <= 4 else { return nil }
        let shift = fields.exponent + scale
        guard shift >= 0, shift <= 15, fields.low < bound else { return nil }
        let (scaled, overflow) = fields.low.multipliedReportingOverflow(by: UInt64(power(shift)))
        guard !overflow, scaled < bound else { return nil }
        return fields.negative ? -Int64(scaled) : Int64(scaled)
    }

    /// `from` through `NSDecimalNumber` (allocates): used if `Decimal`'s layout is not the known one.
    static func fromPublicAPI(_ value: Decimal, scale: Int) -> Int64? {
        if value.isZero { return 0 }
        if value.isNaN { return nil }
        let shift = value.exponent + scale
        guard shift >= 0, shift <= 15 else { return nil }
        let significand = NSDecimalNumber(decimal: value.significand)
        guard abs(significand.doubleValue) < 1e15 else { return nil }
        let magnitude = UInt64(abs(significand.int64Value))
        let (scaled, overflow) = magnitude.multipliedReportingOverflow(by: UInt64(power(shift)))
        guard !overflow, scaled < bound else { return nil }
        return value.sign == .minus ? -Int64(scaled) : Int64(scaled)
    }

    /// Whether `DecimalFields` reads this platform's `Decimal` right, checked once on values
    /// spanning one to four mantissa words, both signs and exponents, against the public API.
    static let layoutKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let samples: [Decimal] = [
            Decimal(sign: .minus, exponent: -2, significand: 14950), Decimal(sign: .plus, exponent: 3, significand: 7),
            Decimal(sign: .plus, exponent: -3, significand: Decimal(UInt64(123_456_789_012_345))),
            Decimal(sign: .minus, exponent: 0, significand: Decimal(UInt64(1) << 52 + 1)), Decimal(1), Decimal(0),
        ]
        return samples.allSatisfy { value in
            let fields = DecimalFields(value)
            guard fields.length <= 4, fields.length > 0 || value.isZero else { return false }
            let rebuilt = Decimal(sign: fields.negative ? .minus : .plus, exponent: fields.exponent, significand: Decimal(fields.low))
            return rebuilt == value && (value.isZero || fields.exponent == value.exponent)
        }
    }()

    /// The `Decimal` of `minor` / 10^scale.
    ///
    /// Written field by field (the same bytes as `decimalPublicAPI`, which goes through
    /// `Decimal(UInt64)` and its compaction) when the layout is known.
    static func decimal(_ minor: Int64, scale: Int) -> Decimal {
        guard layoutKnown, minor != 0, scale >= 0, scale <= 100 else { return decimalPublicAPI(minor, scale: scale) }
        var mantissa = minor.magnitude
        var exponent = -scale
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        return DecimalFields(exponent: exponent, negative: minor < 0, mantissa: mantissa).decimal
    }

    /// `decimal` through the public initializers.
    static func decimalPublicAPI(_ minor: Int64, scale: Int) -> Decimal {
        Decimal(sign: minor < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(minor.magnitude))
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

/// The fields of a `Decimal` (mantissa × 10^exponent), read from its bytes: swift-foundation
/// keeps `_exponent`, `_length`, `_mantissa` internal on Linux, and the public way to the
/// mantissa (`NSDecimalNumber`) allocates. Only used once `MinorUnits.layoutKnown` holds.
struct DecimalFields {
    var exponent: Int
    /// Mantissa words in use (0 for zero and NaN).
    var length: Int
    var negative: Bool
    /// The low 64 bits of the mantissa (all of it when `length` ≤ 4).
    var low: UInt64

    /// A compact, non-zero value: mantissa (≤ 64 bits, no trailing zero) × 10^exponent.
    init(exponent: Int, negative: Bool, mantissa: UInt64) {
        self.exponent = exponent
        self.negative = negative
        low = mantissa
        length = mantissa >> 48 != 0 ? 4 : mantissa >> 32 != 0 ? 3 : mantissa >> 16 != 0 ? 2 : 1
    }

    /// The `Decimal` of these fields, marked compact (as `Decimal(UInt64)` marks its results).
    var decimal: Decimal {
        var value = Decimal()
        withUnsafeMutableBytes(of: &value) { raw in
            raw[0] = UInt8(bitPattern: Int8(truncatingIfNeeded: exponent))
            raw[1] = UInt8(length << 4) | (negative ? 0x08 : 0) | 0x04
            raw[2] = 0
            raw[3] = 0
            raw.storeBytes(of: low.littleEndian, toByteOffset: 4, as: UInt64.self)
            raw.storeBytes(of: UInt64(0), toByteOffset: 12, as: UInt64.self)
        }
        return value
    }

    init(_ value: Decimal) {
        (exponent, length, negative, low) = withUnsafeBytes(of: value) { raw in
            let flags = raw[1]
            // swift-foundation: byte 1 is length (high nibble), negative (bit 3), compact (bit 2).
            return (Int(Int8(bitPattern: raw[0])), Int(flags >> 4), flags & 0x08 != 0,
                    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self)))
        }
    }
}
