import Foundation

/// A JSON writer into one growing byte buffer, for large documents (a plan of tens of MB).
///
/// `JSONWriter` builds each object in its own buffer and nests them by concatenation,
/// which copies every byte once per nesting level; this one appends each byte once and
/// makes the `String` at the end. The bytes are the same as `JSONWriter`'s: strings that
/// need escaping go through `JSONWriter.appendQuoted`, money is written like
/// `Money.string`, dates like `CalendarDate.description`.
///
/// Commas are automatic: `field` writes one before every key but the first of an object,
/// and values written directly into an array are separated the same way.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []
    /// Whether the next key or array element needs a comma first.
    private var needsComma = false

    init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// The document as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// `"key":`; the key must not need escaping (our keys are fixed ASCII names).
    mutating func field(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A string value (escaped as `JSONWriter.appendQuoted` does).
    mutating func string(_ value: String) {
        separate()
        JSONWriter.appendQuoted(value, to: &bytes)
        needsComma = true
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
        needsComma = true
    }

    /// A string value, or `null` for `nil`.
    mutating func stringOrNull(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An integer as a JSON number.
    mutating func number(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumCount: 1)
        needsComma = true
    }

    /// `"2026-11-23"`, as `CalendarDate.description` writes it.
    mutating func date(_ value: CalendarDate) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendDigits(UInt(value.year), minimumCount: 4)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt(value.month), minimumCount: 2)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt(value.day), minimumCount: 2)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A date value, or `null` for `nil`.
    mutating func dateOrNull(_ value: CalendarDate?) {
        if let value { date(value) } else { null() }
    }

    /// Money as a string with the currency's minor units: the text of `Money.string`.
    mutating func money(_ value: Decimal, in currency: Currency) {
        let scale = currency.minorUnits
        guard let minor = MinorUnits.from(value, scale: scale) else {
            return string(Money.string(value, in: currency))
        }
        separate()
        bytes.append(UInt8(ascii: "\""))
        if minor < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = UInt(minor.magnitude)
        if scale > 0 {
            let unit = UInt(MinorUnits.power(scale))
            appendDigits(magnitude / unit, minimumCount: 1)
            bytes.append(UInt8(ascii: "."))
            appendDigits(magnitude % unit, minimumCount: scale)
        } else {
            appendDigits(magnitude, minimumCount: 1)
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A money value, or `null` for `nil`.
    mutating func moneyOrNull(_ value: Decimal?, in currency: Currency) {
        if let value { money(value, in: currency) } else { null() }
    }

    /// An array of strings.
    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// The decimal digits of `value`, left-padded with zeros to `minimumCount` (at most 20).
    private mutating func appendDigits(_ value: UInt, minimumCount: Int) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var rest = value
            var position = raw.count
            repeat {
                position -= 1
                raw[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0 || raw.count - position < minimumCount
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }
}
