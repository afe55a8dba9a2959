/// Writes one JSON object with its keys in the order given: the ledger's lines and
/// `plan --format json` both want a stable, readable key order, which neither
/// `JSONSerialization` nor `JSONEncoder` (sorted at best) gives.
///
/// Only what JSON needs: strings (escaped per RFC 8259 §7), raw numbers, bools, null,
/// arrays and nested objects. The tests check its output against `JSONSerialization`.
public struct JSONWriter: Sendable {
    public private(set) var text = "{"
    private var empty = true

    public init() {}

    /// A string field; `nil` is left out (use `null(_:)` for an explicit null).
    public mutating func string(_ key: String, _ value: String?) {
        guard let value else { return }
        field(key)
        JSONWriter.appendQuoted(value, to: &text)
    }

    public mutating func null(_ key: String) {
        field(key)
        text += "null"
    }

    /// A string field that is written as `null` when `value` is `nil`.
    public mutating func stringOrNull(_ key: String, _ value: String?) {
        if let value { string(key, value) } else { null(key) }
    }

    public mutating func bool(_ key: String, _ value: Bool) {
        field(key)
        text += value ? "true" : "false"
    }

    /// `value` must already be a JSON number (`42`, `-1.5`).
    public mutating func number(_ key: String, _ value: Int) {
        field(key)
        text += String(value)
    }

    public mutating func strings(_ key: String, _ values: [String]) {
        field(key)
        text += "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            JSONWriter.appendQuoted(value, to: &text)
        }
        text += "]"
    }

    public mutating func object(_ key: String, _ value: JSONWriter) {
        field(key)
        text += value.finished
    }

    public mutating func objects(_ key: String, _ values: [JSONWriter]) {
        field(key)
        text += "[" + values.map(\.finished).joined(separator: ",") + "]"
    }

    /// A `{"k": "v"}` object of strings, keys sorted (for `extra` columns).
    public mutating func stringMap(_ key: String, _ values: [String: String]) {
        var inner = JSONWriter()
        for (k, v) in values.sorted(by: { $0.key < $1.key }) { inner.string(k, v) }
        object(key, inner)
    }

    /// The object's text, closed.
    public var finished: String { text + "}" }

    private mutating func field(_ key: String) {
        if !empty { text += "," }
        empty = false
        JSONWriter.appendQuoted(key, to: &text)
        text += ":"
    }

    /// Appends `value` as a JSON string literal. Non-ASCII is written as UTF-8, not escaped.
    public static func appendQuoted(_ value: String, to out: inout String) {
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
