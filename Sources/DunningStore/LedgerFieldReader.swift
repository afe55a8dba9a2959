internal import CLedgerJSON
import DunningCore
import Foundation

/// Typed access to the members of one parsed JSON object, with errors that name the field.
///
/// Works on the parser's tokens without copying; keys are compared as bytes, and a `String`
/// is made only for values that are kept. Valid only until the parser's next parse.
struct LedgerFieldReader {
    let tokens: UnsafeBufferPointer<ledgerjson_token>
    /// The object's own token.
    let object: Int
    /// Prefix for field names in errors (`instalments[1].`); empty at the top level.
    let path: String
    /// The decoder's scratch: `[object, member]` where the last lookup in `object` ended.
    let hint: UnsafeMutablePointer<Int>
    /// The decoder's last currency (see `currency(_:)`).
    let lastCurrency: UnsafeMutablePointer<Currency?>
    /// The root object's member table (`ledgerjson_parse`); `nil` for nested objects.
    var slots: UnsafePointer<Int32>? = nil

    /// The token index of member `key`, or `nil`.
    ///
    /// In the root object, one look in the parser's slot table (every schema name has its
    /// own slot). Elsewhere, or when an unknown member shares the slot, a scan: skipped when
    /// the object's name filter lacks the name, else started after the member found last
    /// and wrapped around, since the decoder asks for fields in about the order `encode`
    /// writes them. Member names are unique (the parser refuses duplicates), so where the
    /// scan starts does not change the answer.
    func index(_ key: LedgerKey) -> Int? {
        if let slots {
            let slot = Int(slots[Int(key.slot)])
            if slot == -1 { return nil }
            if slot >= 0 { return key.matches(tokens[slot]) ? slot : nil }
            // Several members share the slot: scan.
        }
        guard tokens[object].names & key.bit != 0 else { return nil }
        let end = Int(tokens[object].next)
        let first = object + 1
        let start = hint[0] == object && hint[1] > object && hint[1] < end ? hint[1] : first
        guard let found = scan(for: key, from: start, to: end) ?? (start > first ? scan(for: key, from: first, to: start) : nil) else {
            return nil
        }
        hint[0] = object
        hint[1] = Int(tokens[found].next)
        return found
    }

    private func scan(for key: LedgerKey, from start: Int, to end: Int) -> Int? {
        var member = start
        while member < end {
            let token = tokens[member]
            if key.matches(token) { return member }
            member = Int(token.next)
        }
        return nil
    }

    func name(_ key: LedgerKey) -> String { path + key.name.description }

    /// The member, or `nil` when it is missing or `null`.
    private func present(_ key: LedgerKey) -> ledgerjson_token? {
        guard let index = index(key) else { return nil }
        let token = tokens[index]
        return token.kind == LEDGERJSON_NULL.rawValue ? nil : token
    }

    private func text(_ token: ledgerjson_token) -> String {
        String(decoding: UnsafeRawBufferPointer(start: token.text, count: Int(token.text_length)), as: UTF8.self)
    }

    func optionalString(_ key: LedgerKey) throws(LedgerCodecError) -> String? {
        guard let token = present(key) else { return nil }
        guard token.kind == LEDGERJSON_STRING.rawValue else { throw .wrongType(field: name(key), expected: "a string") }
        return text(token)
    }

    /// `true` or `false`; `nil` when missing or `null`.
    func optionalBool(_ key: LedgerKey) throws(LedgerCodecError) -> Bool? {
        guard let token = present(key) else { return nil }
        switch token.kind {
        case LEDGERJSON_TRUE.rawValue: return true
        case LEDGERJSON_FALSE.rawValue: return false
        default: throw .wrongType(field: name(key), expected: "true or false")
        }
    }

    /// A required string; it may be empty (free text, a missing phone number).
    func string(_ key: LedgerKey) throws(LedgerCodecError) -> String {
        guard let value = try optionalString(key) else { throw .missingField(name(key)) }
        return value
    }

    /// A required, non-empty string: ids and references.
    func identifier(_ key: LedgerKey) throws(LedgerCodecError) -> String {
        guard let value = try optionalIdentifier(key) else { throw .missingField(name(key)) }
        return value
    }

    func optionalIdentifier(_ key: LedgerKey) throws(LedgerCodecError) -> String? {
        guard let value = try optionalString(key) else { return nil }
        guard !value.isEmpty else { throw .invalidValue(field: name(key), message: "must not be empty") }
        return value
    }

    /// ISO 3166 alpha-2, upper case (`NL`).
    func country(_ key: LedgerKey) throws(LedgerCodecError) -> String {
        let value = try string(key)
        guard value.utf8.count == 2, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            throw .invalidValue(field: name(key), message: "'\(value)' is not an ISO 3166 country code (two capital letters)")
        }
        return value
    }

    func date(_ key: LedgerKey) throws(LedgerCodecError) -> CalendarDate {
        guard let value = try optionalDate(key) else { throw .missingField(name(key)) }
        return value
    }

    func optionalDate(_ key: LedgerKey) throws(LedgerCodecError) -> CalendarDate? {
        guard let bytes = try optionalBytes(key) else { return nil }
        do {
            return try CalendarDate.parse(utf8: bytes)
        } catch {
            throw .invalidValue(field: name(key), message: error.description)
        }
    }

    func instant(_ key: LedgerKey) throws(LedgerCodecError) -> Date {
        guard let bytes = try optionalBytes(key) else { throw .missingField(name(key)) }
        guard let date = Timestamp.parse(utf8: bytes) else {
            let text = String(decoding: bytes, as: UTF8.self)
            throw .invalidValue(field: name(key), message: "'\(text)' is not an RFC 3339 instant (2026-11-23T09:00:00Z)")
        }
        return date
    }

    /// A string member's UTF-8 bytes, or `nil` when it is missing or `null`.
    private func optionalBytes(_ key: LedgerKey) throws(LedgerCodecError) -> UnsafeBufferPointer<UInt8>? {
        guard let token = present(key) else { return nil }
        guard token.kind == LEDGERJSON_STRING.rawValue else { throw .wrongType(field: name(key), expected: "a string") }
        return UnsafeBufferPointer(start: UnsafeRawPointer(token.text)?.assumingMemoryBound(to: UInt8.self), count: Int(token.text_length))
    }

    /// An ISO 4217 code. The decoder remembers the last one: ledgers use one or two.
    func currency(_ key: LedgerKey) throws(LedgerCodecError) -> Currency {
        guard let bytes = try optionalBytes(key) else { throw .missingField(name(key)) }
        if let last = lastCurrency.pointee, last.code.utf8.elementsEqual(bytes) { return last }
        let code = String(decoding: bytes, as: UTF8.self)
        guard let currency = Currency(code: code) else {
            throw .invalidValue(field: name(key), message: "'\(code)' is not an ISO 4217 currency code")
        }
        lastCurrency.pointee = currency
        return currency
    }

    /// A decimal string; with `currency`, no more decimals than it allows. Never negative;
    /// `positive` also refuses zero.
    func amount(_ key: LedgerKey, currency: Currency?, positive: Bool) throws(LedgerCodecError) -> Decimal {
        guard let value = try optionalAmount(key, currency: currency, positive: positive) else {
            throw .missingField(name(key))
        }
        return value
    }

    func optionalAmount(_ key: LedgerKey, currency: Currency?, positive: Bool) throws(LedgerCodecError) -> Decimal? {
        guard let text = try optionalString(key) else { return nil }
        let value: Decimal
        do {
            value = try Money.parse(text, currency: currency)
        } catch {
            throw .invalidValue(field: name(key), message: error.description)
        }
        if positive, value.isZero {
            throw .invalidValue(field: name(key), message: "amount must be greater than zero")
        }
        return value
    }

    func enumeration<Value: RawRepresentable<String>>(_ key: LedgerKey, _: Value.Type, allowed: String) throws(LedgerCodecError) -> Value {
        guard let value = try optionalEnumeration(key, Value.self, allowed: allowed) else { throw .missingField(name(key)) }
        return value
    }

    func optionalEnumeration<Value: RawRepresentable<String>>(_ key: LedgerKey, _: Value.Type, allowed: String) throws(LedgerCodecError) -> Value? {
        guard let text = try optionalString(key) else { return nil }
        guard let value = Value(rawValue: text) else {
            throw .invalidValue(field: name(key), message: "'\(text)' is not one of \(allowed)")
        }
        return value
    }

    /// An array of strings; `nonEmpty` refuses `[]`. Elements must be non-empty ids.
    func identifiers(_ key: LedgerKey, nonEmpty: Bool) throws(LedgerCodecError) -> [String] {
        guard let values = try optionalIdentifiers(key, nonEmpty: nonEmpty) else { throw .missingField(name(key)) }
        return values
    }

    func optionalIdentifiers(_ key: LedgerKey, nonEmpty: Bool) throws(LedgerCodecError) -> [String]? {
        guard let index = index(key), tokens[index].kind != LEDGERJSON_NULL.rawValue else { return nil }
        let array = tokens[index]
        guard array.kind == LEDGERJSON_ARRAY.rawValue else {
            throw .wrongType(field: name(key), expected: "an array of strings")
        }
        var values: [String] = []
        var element = index + 1
        while element < Int(array.next) {
            let token = tokens[element]
            guard token.kind == LEDGERJSON_STRING.rawValue else {
                throw .wrongType(field: "\(name(key))[\(values.count)]", expected: "a string")
            }
            guard token.text_length > 0 else {
                throw .invalidValue(field: "\(name(key))[\(values.count)]", message: "must not be empty")
            }
            values.append(text(token))
            element = Int(token.next)
        }
        if nonEmpty, values.isEmpty { throw .invalidValue(field: name(key), message: "must not be empty") }
        return values
    }

    /// The readers of an array of objects, one per element (`instalments`).
    func objects(_ key: LedgerKey) throws(LedgerCodecError) -> [LedgerFieldReader] {
        guard let index = index(key), tokens[index].kind != LEDGERJSON_NULL.rawValue else { throw .missingField(name(key)) }
        let array = tokens[index]
        guard array.kind == LEDGERJSON_ARRAY.rawValue else {
            throw .wrongType(field: name(key), expected: "an array of objects")
        }
        var readers: [LedgerFieldReader] = []
        var element = index + 1
        while element < Int(array.next) {
            let elementPath = "\(name(key))[\(readers.count)]"
            guard tokens[element].kind == LEDGERJSON_OBJECT.rawValue else {
                throw .wrongType(field: elementPath, expected: "an object")
            }
            readers.append(LedgerFieldReader(tokens: tokens, object: element, path: elementPath + ".", hint: hint, lastCurrency: lastCurrency))
            element = Int(tokens[element].next)
        }
        return readers
    }

    /// An object of string values (`extra` columns); missing or `null` is empty.
    func stringMap(_ key: LedgerKey) throws(LedgerCodecError) -> [String: String] {
        guard let index = index(key), tokens[index].kind != LEDGERJSON_NULL.rawValue else { return [:] }
        let object = tokens[index]
        guard object.kind == LEDGERJSON_OBJECT.rawValue else {
            throw .wrongType(field: name(key), expected: "an object of strings")
        }
        var values: [String: String] = [:]
        var member = index + 1
        while member < Int(object.next) {
            let token = tokens[member]
            let memberKey = String(decoding: UnsafeRawBufferPointer(start: token.key, count: Int(token.key_length)), as: UTF8.self)
            guard token.kind == LEDGERJSON_STRING.rawValue else {
                throw .wrongType(field: "\(name(key)).\(memberKey)", expected: "a string")
            }
            values[memberKey] = text(token)
            member = Int(token.next)
        }
        return values
    }

    /// Exactly one of `customer` or `invoice` (promise, hold, note).
    func subject() throws(LedgerCodecError) -> Subject {
        let customer = try optionalIdentifier("customer")
        let invoice = try optionalIdentifier("invoice")
        switch (customer, invoice) {
        case (let customer?, nil): return .customer(customer)
        case (nil, let invoice?): return .invoice(invoice)
        case (.some, .some): throw .conflictingFields(name("customer"), name("invoice"))
        case (nil, nil): throw .missingField("\(name("customer")) or \(name("invoice"))")
        }
    }
}

/// A member name the decoder asks for, packed as the parser packs names (`key_word`).
struct LedgerKey: ExpressibleByStringLiteral {
    let name: StaticString
    let word: UInt64
    let length: UInt32

    @inline(__always)
    init(stringLiteral name: StaticString) {
        self.name = name
        length = UInt32(name.utf8CodeUnitCount)
        var word: UInt64 = 0
        for index in 0..<min(8, name.utf8CodeUnitCount) {
            word |= UInt64(name.utf8Start[index]) << (8 * UInt64(index))
        }
        self.word = word
    }

    /// This name's bit in an object's `names` filter.
    var bit: UInt64 { 1 << UInt64(ledgerjson_name_bit(word, length)) }

    /// This name's slot in the root object's member table.
    var slot: UInt32 { ledgerjson_slot(word, length) }

    /// Whether `token` is the member of this name.
    @inline(__always)
    func matches(_ token: ledgerjson_token) -> Bool {
        guard token.key_word == word, token.key_length == length else { return false }
        guard length > 8 else { return true }
        guard let other = token.key else { return false }
        return memcmp(other + 8, name.utf8Start + 8, Int(length) - 8) == 0
    }
}
