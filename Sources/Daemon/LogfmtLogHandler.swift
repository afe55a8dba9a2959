import Foundation
import Logging

/// One line per event on stderr: the event name, then logfmt `key=value` fields.
///
/// `<6>sent customer=C-17 invoices=INV-1001,INV-1004 step=reminder to=jan@example.nl message_id=<...> smtp=250`
///
/// Under systemd (`JOURNAL_STREAM` set) each line starts with the journald priority
/// prefix (`<6>` info, `<5>` notice, `<4>` warning, `<3>` error, `<2>` critical, `<7>`
/// debug), which journald turns into the entry's priority. The message is the event; the
/// fields come in a fixed order (`date customer invoices step to message_id smtp`, then the
/// rest by name) so that lines of one event line up and grep well. Values with spaces,
/// quotes, `=` or control characters are quoted with `\"`, `\\`, `\n` escapes: a CR or LF in
/// a value never splits a line.
public struct LogfmtLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let journal: Bool
    private let write: @Sendable (String) -> Void

    /// The field order of the documented example (docs/operations.md), after `date`, which
    /// only the `digest` line has; fields not listed follow by name.
    static let order = ["date", "customer", "invoices", "step", "to", "message_id", "smtp"]

    /// `journal`: write the priority prefix (under systemd: `$JOURNAL_STREAM` is set); `write`
    /// receives each line with its newline.
    public init(journal: Bool,
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.journal = journal
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let fields: Logger.Metadata
        if metadata.isEmpty {
            fields = event.metadata ?? [:]
        } else {
            fields = metadata.merging(event.metadata ?? [:]) { $1 }
        }
        write(Self.line(level: event.level, event: event.message.description, fields: fields, journal: journal))
    }

    /// The line for one event, newline included.
    static func line(level: Logger.Level, event: String, fields: Logger.Metadata, journal: Bool) -> String {
        // Written as UTF-8 bytes: a line per message sent, and appending bytes is several
        // times cheaper than appending strings.
        var line: [UInt8] = []
        line.reserveCapacity(256)
        if journal { line += "<\(priority(level))>".utf8 }
        appendQuoted(event, to: &line)
        var rest: [String] = []
        for key in fields.keys where !order.contains(key) { rest.append(key) }
        for key in order + rest.sorted() {
            guard let value = fields[key] else { continue }
            line.append(UInt8(ascii: " "))
            line += key.utf8
            line.append(UInt8(ascii: "="))
            appendQuoted(text(value), to: &line)
        }
        line.append(UInt8(ascii: "\n"))
        return String(decoding: line, as: UTF8.self)
    }

    /// syslog(3) priorities, as sd-daemon(3) prefixes take them.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .array(let values): values.map(text).joined(separator: ",")
        case .dictionary(let values): values.sorted { $0.key < $1.key }.map { "\($0.key):\(text($0.value))" }.joined(separator: ",")
        }
    }

    /// Appends `value` as UTF-8: as is when it is a plain token, else in double quotes with escapes.
    static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        // Bytes above 0x7F belong to non-ASCII scalars, all plain.
        var copy = value
        let plain = !value.isEmpty && copy.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 > 0x20 && $0 != 0x22 && $0 != 0x3D && $0 != 0x5C && $0 != 0x7F }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain { return }
        out.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += #"\""#.utf8
            case "\\": out += #"\\"#.utf8
            case "\n": out += #"\n"#.utf8
            case "\r": out += #"\r"#.utf8
            case "\t": out += #"\t"#.utf8
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04x", scalar.value).utf8
                } else {
                    out += String(scalar).utf8
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
