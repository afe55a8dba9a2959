@testable import DunningCore
import Foundation
import Testing

@Suite struct MinorUnitsTests {
    static let texts = [
        "0", "149.50", "149.5", "-5.00", "1.005", "0.01", "-0.01", "1250", "4861.31", "999999999999.99", "9999999999999.99",
        "10000000000000", "123456789012345.6", "0.000", "1.500", "18446744073709551616", "-42", "7e3", "3.14159",
    ]

    static var samples: [Decimal] {
        var values = texts.compactMap { Decimal(string: $0) }
        // Arithmetic results are compacted (trailing zeros folded into the exponent).
        values += [Decimal(string: "149.50")! - Decimal(string: "0.50")!, Decimal(1000) * Decimal(1000), Decimal(1) / Decimal(3),
                   Decimal(sign: .minus, exponent: -2, significand: 12), Decimal.nan, Decimal(UInt64.max)]
        return values
    }

    @Test("Decimal's layout is read as the public API reads it")
    func layout() {
        #expect(MinorUnits.layoutKnown)
    }

    @Test("the field fast path agrees with NSDecimalNumber", arguments: [0, 2, 3])
    func fromAgrees(scale: Int) {
        for value in Self.samples {
            #expect(MinorUnits.from(value, scale: scale) == MinorUnits.fromPublicAPI(value, scale: scale), "\(value) at scale \(scale)")
            if let minor = MinorUnits.from(value, scale: scale) {
                #expect(MinorUnits.decimal(minor, scale: scale) == value)
            }
        }
    }

    @Test("Money.string's shortcut for exact amounts writes what rounding first writes", arguments: ["EUR", "JPY", "BHD"])
    func strings(code: String) throws {
        let currency = try #require(Currency(code: code))
        for value in Self.samples where !value.isNaN {
            #expect(Money.string(value, in: currency) == Money.stringRounding(value, scale: currency.minorUnits), "\(value) in \(code)")
        }
    }
}

@Suite struct MinorUnitsDecimalTests {
    @Test("decimal(minor:scale:) writes the same bytes as the public initializers", arguments: [0, 1, 2, 3, 4])
    func sameBytes(scale: Int) {
        var values: [Int64] = [0, 1, -1, 5, 10, 100, -100, 14950, 149_500, 999_999_999_999_999, -999_999_999_999_999, 65_535, 65_536,
                               4_294_967_296, 281_474_976_710_656, 1_000_000_000_000_000, Int64.max, Int64.min + 1]
        values += (0..<200).map { Int64($0) * 7_919 - 300_000 }
        for minor in values {
            let fast = MinorUnits.decimal(minor, scale: scale), slow = MinorUnits.decimalPublicAPI(minor, scale: scale)
            #expect(withUnsafeBytes(of: fast) { Array($0) } == withUnsafeBytes(of: slow) { Array($0) }, "\(minor) at scale \(scale)")
            #expect(fast == slow && fast.description == slow.description)
        }
    }
}
