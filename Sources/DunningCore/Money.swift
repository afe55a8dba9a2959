import Foundation

/// An ISO 4217 currency with its number of minor units (decimals).
///
/// Which codes exist comes from Foundation (`Locale.commonISOCurrencyCodes`); the minor
/// units come from ISO 4217's table, because corelibs Foundation reports 2 for every code.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    public let code: String
    public let minorUnits: Int

    /// The currency for an ISO 4217 code such as `EUR` or `RON`; `nil` if unknown.
    public init?(code: String) {
        guard let units = Currency.known[code] else { return nil }
        self.code = code
        self.minorUnits = units
    }

    public var description: String { code }

    public static let euro = Currency(code: "EUR")!

    /// ISO 4217 exponents that differ from 2.
    private static let exceptions: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
        "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3, "CLF": 4,
    ]
    private static let known: [String: Int] = {
        var table: [String: Int] = [:]
        for code in Locale.commonISOCurrencyCodes where code.count == 3 {
            table[code] = exceptions[code] ?? 2
        }
        return table
    }()
}

/// Why a decimal string is not an amount.
public enum AmountError: Error, Equatable, Sendable, CustomStringConvertible {
    case notANumber(String)
    case negative(String)
    case tooManyDecimals(String, allowed: Int, currency: String)

    public var description: String {
        switch self {
        case .notANumber(let text): "'\(text)' is not a decimal amount (expected digits with an optional '.' and decimals)"
        case .negative(let text): "amount '\(text)' must not be negative"
        case .tooManyDecimals(let text, let allowed, let currency):
            "amount '\(text)' has more than \(allowed) decimals, which \(currency) allows"
        }
    }
}

/// Money helpers: every amount in dunning is a `Decimal` in one ISO 4217 currency.
///
/// Parsing is strict and lives only here: `Decimal(string: "12abc")` is 12, so it is never
/// used on input. Formatting writes exactly the currency's minor units (`"149.50"`).
public enum Money {
    /// Parses `-?[0-9]+(\.[0-9]+)?`. With `currency`, more decimals than it allows is an error.
    public static func parse(_ text: String, currency: Currency? = nil, allowNegative: Bool = false) throws(AmountError) -> Decimal {
        var mantissa: UInt64 = 0
        var scale = 0
        var negative = false
        var digits = 0
        var seenPoint = false
        var bytes = text.utf8.makeIterator()
        var first = true
        while let byte = bytes.next() {
            defer { first = false }
            switch byte {
            case UInt8(ascii: "-") where first:
                negative = true
            case UInt8(ascii: "."):
                guard !seenPoint, digits > 0 else { throw .notANumber(text) }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                // 19 significant digits fit in UInt64; no ledger amount comes near that.
                guard digits <= 19 else { throw .notANumber(text) }
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                if seenPoint { scale += 1 }
            default:
                throw .notANumber(text)
            }
        }
        guard digits > 0, !(seenPoint && scale == 0) else { throw .notANumber(text) }
        if negative && !allowNegative && mantissa != 0 { throw .negative(text) }
        if let currency, scale > currency.minorUnits {
            throw .tooManyDecimals(text, allowed: currency.minorUnits, currency: currency.code)
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(mantissa))
    }

    /// The mark between whole units and decimals in an amount a person or a spreadsheet wrote.
    public enum DecimalMark: Sendable {
        /// `1,234.56`
        case point
        /// `1.234,56`
        case comma
    }

    /// `1234.56` from an amount written with `mark` (`1.234,56` with `.comma`): the other
    /// mark may group thousands, in threes only; `nil` when the text does not fit `mark`.
    /// Only the separators are checked here: `parse` checks the rest.
    public static func canonical(_ text: String, mark: DecimalMark) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let (decimal, thousands): (Character, Character) = mark == .comma ? (",", ".") : (".", ",")
        let parts = trimmed.split(separator: decimal, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        var whole = String(parts[0])
        if whole.contains(thousands) {
            // Thousands separators only in groups of three: 1.234,56 or 1,234.56.
            let groups = whole.split(separator: thousands, omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].filter(\.isNumber).count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            whole = groups.joined()
        }
        return parts.count == 2 ? "\(whole).\(parts[1])" : whole
    }

    /// The decimal mark `text` shows unambiguously, or `nil` when it shows none.
    ///
    /// With both marks the last one is the decimal mark (`1.180,50`, `1,180.50`). A mark
    /// that appears more than once, each time followed by three digits, groups thousands,
    /// so the other one is the decimal mark (`1.234.567`). A single mark is the decimal mark unless exactly three digits follow
    /// it: `12,50` and `0.5` decide, `1,234` and `1.234` do not (a thousand, or one with
    /// three decimals). Only the marks are looked at: `parse` checks the rest.
    public static func decimalMark(of text: String) -> DecimalMark? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let comma = text.lastIndex(of: ","), point = text.lastIndex(of: ".")
        switch (comma, point) {
        case (let comma?, let point?):
            return comma > point ? .comma : .point
        case (let index?, nil), (nil, let index?):
            let mark: DecimalMark = comma != nil ? .comma : .point
            let other: DecimalMark = mark == .comma ? .point : .comma
            let groups = text.split(separator: text[index], omittingEmptySubsequences: false)
            if groups.count > 2 { return groups.dropFirst().allSatisfy { $0.count == 3 } ? other : nil }
            return groups[1].count == 3 ? nil : mark
        case (nil, nil):
            return nil
        }
    }

    /// The decimal mark of amounts that show none (`decimalMark(of:)` is `nil` for all of
    /// them): a comma anywhere makes it a decimal comma, else a decimal point.
    public static func fallbackMark(_ texts: some Sequence<String>) -> DecimalMark {
        texts.contains { $0.contains(",") } ? .comma : .point
    }

    /// An amount typed by a person (`ledger pay --amount`): `12.50`, `12,50`, `1.250,00` or
    /// `1,250.00`. The mark is `decimalMark(of:)`, else `fallbackMark`: the same rules as a
    /// CSV file's amounts, decided per amount instead of per file.
    public static func parseTyped(_ text: String, currency: Currency? = nil) throws(AmountError) -> Decimal {
        let mark = decimalMark(of: text) ?? fallbackMark([text])
        guard let canonical = canonical(text, mark: mark) else { throw .notANumber(text) }
        return try parse(canonical, currency: currency)
    }

    /// Rounds half up (away from zero on .5), never banker's rounding.
    public static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// Rounds half up to the currency's minor units.
    public static func rounded(_ value: Decimal, in currency: Currency) -> Decimal {
        rounded(value, scale: currency.minorUnits)
    }

    /// `"149.50"`: rounded half up and written with exactly the currency's minor units.
    public static func string(_ value: Decimal, in currency: Currency) -> String {
        string(value, scale: currency.minorUnits)
    }

    /// `value` rounded half up and written with exactly `scale` decimals, point as separator.
    public static func string(_ value: Decimal, scale: Int) -> String {
        // Exact amounts (nearly all) skip the rounding and `Decimal.description`.
        if let minor = MinorUnits.from(value, scale: scale) { return string(minor: minor, scale: scale) }
        return stringRounding(value, scale: scale)
    }

    /// `string` without the shortcut for exact amounts: rounds, then writes.
    static func stringRounding(_ value: Decimal, scale: Int) -> String {
        let rounded = rounded(value, scale: scale)
        if let minor = MinorUnits.from(rounded, scale: scale) { return string(minor: minor, scale: scale) }
        let text = rounded.description
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0]
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.count < scale { fraction += String(repeating: "0", count: scale - fraction.count) }
        let body = scale == 0 ? String(whole) : "\(whole).\(fraction)"
        let isZero = body.allSatisfy { $0 == "0" || $0 == "." }
        return negative && !isZero ? "-" + body : body
    }

    /// `minor` / 10^scale written with exactly `scale` decimals: the fast path of `string`,
    /// since `Decimal.description` costs microseconds and a plan or an import writes many.
    static func string(minor: Int64, scale: Int) -> String {
        let digits = String(minor.magnitude)
        let sign = minor < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let padded = digits.count > scale ? digits : String(repeating: "0", count: scale + 1 - digits.count) + digits
        return sign + padded.dropLast(scale) + "." + padded.suffix(scale)
    }
}
