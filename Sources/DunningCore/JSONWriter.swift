/// Writes one JSON object with its keys in the order given: the ledger's lines and
/// `plan --format json` both want a stable, readable key order, which neither
/// `JSONSerialization` nor `JSONEncoder` (sorted at best) gives.
///
/// Only what JSON needs: strings (escaped per RFC 8259 §7), raw numbers, bools, null,
/// arrays and nested objects. The tests check its output against `JSONSerialization`.
package struct JSONWriter: Sendable {
    /// The object so far, as UTF-8 (appending bytes is several times cheaper than
    /// appending to a `String`, and every ledger line is written here).
    package private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var empty = true

    package init() {
        // A ledger line is about 200 bytes: grown once, not doubling from a small buffer.
        bytes.reserveCapacity(256)
    }

    /// A string field; `nil` is left out (use `null(_:)` for an explicit null).
    package mutating func string(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        field(key)
        JSONWriter.appendQuoted(value, to: &bytes)
    }

    /// A string field whose key is only known at run time (an `extra` column's name).
    package mutating func string(dynamicKey key: String, _ value: String) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        JSONWriter.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        JSONWriter.appendQuoted(value, to: &bytes)
    }

    package mutating func null(_ key: StaticString) {
        field(key)
        append("null")
    }

    /// A string field that is written as `null` when `value` is `nil`.
    package mutating func stringOrNull(_ key: StaticString, _ value: String?) {
        if let value { string(key, value) } else { null(key) }
    }

    package mutating func bool(_ key: StaticString, _ value: Bool) {
        field(key)
        append(value ? "true" : "false")
    }

    /// `value` must already be a JSON number (`42`, `-1.5`).
    package mutating func number(_ key: StaticString, _ value: Int) {
        field(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    package mutating func strings(_ key: StaticString, _ values: [String]) {
        field(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.appendQuoted(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    package mutating func object(_ key: StaticString, _ value: JSONWriter) {
        field(key)
        bytes.append(contentsOf: value.finishedBytes)
    }

    package mutating func objects(_ key: StaticString, _ values: [JSONWriter]) {
        field(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: value.finishedBytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A `{"k": "v"}` object of strings, keys sorted (for `extra` columns).
    package mutating func stringMap(_ key: StaticString, _ values: [String: String]) {
        var inner = JSONWriter()
        for (k, v) in values.sorted(by: { $0.key < $1.key }) { inner.string(dynamicKey: k, v) }
        object(key, inner)
    }

    /// The object's text, closed.
    package var finished: String { String(decoding: finishedBytes, as: UTF8.self) }

    /// The object's UTF-8, closed.
    package var finishedBytes: [UInt8] { bytes + [UInt8(ascii: "}")] }

    private mutating func field(_ key: StaticString) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `value` as a JSON string literal, as UTF-8 (see `appendQuoted(_:to:)`).
    package static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        var value = value
        let plain = value.withUTF8 { utf8 in
            // Fast path: nothing to escape (no control character, quote, backslash, DEL, U+2028/9).
            guard utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F && $0 != 0xE2 }) else { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if !plain {
            var quoted = ""
            appendQuoted(value, to: &quoted)
            out.append(contentsOf: quoted.utf8)
        }
    }

    /// Appends `value` as a JSON string literal. Non-ASCII is written as UTF-8, not escaped.
    package static func appendQuoted(_ value: String, to out: inout String) {
        // Fast path: nothing to escape (no control character, quote, backslash, DEL, U+2028/9).
        // Over the contiguous UTF-8 (a native string's own storage): every field of every
        // ledger line passes here.
        var bytes = value
        if bytes.withUTF8({ $0.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F && $0 != 0xE2 } }) {
            out.append("\"")
            out.append(value)
            out.append("\"")
            return
        }
        out += "\""
        var pending = Substring.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            let escape: String? = switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case "\u{08}": "\\b"
            case "\u{0C}": "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
                { let hex = String(scalar.value, radix: 16); return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }()
            default: nil
            }
            if let escape {
                out += String(pending)
                pending = Substring.UnicodeScalarView()
                out += escape
            } else {
                pending.append(scalar)
            }
        }
        out += String(pending)
        out += "\""
    }
}
