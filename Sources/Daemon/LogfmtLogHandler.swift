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

    /// The field order of SPEC's example (after `date`, which only the `digest` line has);
    /// fields not listed follow by name.
    static let order = ["date", "customer", "invoices", "step", "to", "message_id", "smtp"]

    /// `journal`: write the priority prefix; `write` receives each line with its newline.
    public init(journal: Bool = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil,
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.journal = journal
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        write(Self.line(level: event.level, event: event.message.description, fields: fields, journal: journal))
    }

    /// The line for one event, newline included.
    static func line(level: Logger.Level, event: String, fields: Logger.Metadata, journal: Bool) -> String {
        var line = journal ? "<\(priority(level))>" : ""
        line += quoted(event)
        let known = order.filter { fields[$0] != nil }
        let rest = fields.keys.filter { !order.contains($0) }.sorted()
        for key in known + rest {
            guard let value = fields[key] else { continue }
            line += " \(key)=\(quoted(text(value)))"
        }
        return line + "\n"
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

    /// `value` as is when it is a plain token, else in double quotes with escapes.
    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" && $0.value != 0x7F
        }
        if plain { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
