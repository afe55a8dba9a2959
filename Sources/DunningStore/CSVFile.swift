import CSV
import DunningCore
import Foundation

/// One CSV file as the bookkeeper exports it, read with yaslab/CSV.swift.
///
/// UTF-8 with an optional BOM; delimiter `,` or `;` detected from the header row; the
/// kind of file (customers, invoices, payments, credit notes) known from its header.
/// Every row is one physical line: a CR or LF inside a field is refused (it would reach a
/// mail header later), so a row's line number is its index plus one.
public struct CSVFile: Sendable {
    public enum Kind: String, Sendable {
        case customers, invoices, payments
        case creditNotes = "credit notes"

        /// Columns that must be present, in the documented order (docs/import.md).
        var required: [String] {
            switch self {
            case .customers: ["id", "name", "email", "phone", "kind", "country", "language"]
            case .invoices: ["id", "customer", "issued", "due", "amount", "currency"]
            case .payments: ["invoice", "date", "amount", "currency"]
            case .creditNotes: ["credit_note", "invoice", "date", "amount", "currency"]
            }
        }

        /// Optional columns docs/import.md names; anything else is an extra column.
        var optional: [String] {
            switch self {
            case .customers: []
            case .invoices: ["order", "pdf"]
            case .payments, .creditNotes: ["reference"]
            }
        }
    }

    /// A data row: its 1-based line number and its fields by column name.
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String: String]
    }

    public let path: String
    public let kind: Kind
    public let header: [String]
    public let delimiter: Character
    public let rows: [Row]

    /// Columns beyond the required and optional ones, in file order.
    public var extraColumns: [String] { header.filter { !kind.required.contains($0) && !kind.optional.contains($0) } }

    /// Reads and checks the shape of `path`; field values are checked by `CSVImport`.
    public init(path: String) throws(ImportError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ImportError(path: path, line: nil, message: "cannot read file: \(error.localizedDescription)")
        }
        try self.init(path: path, text: try CSVFile.text(of: data, path: path))
    }

    public init(path: String, text: String) throws(ImportError) {
        self.path = path
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        let semicolons = firstLine.filter { $0 == ";" }.count
        let commas = firstLine.filter { $0 == "," }.count
        delimiter = semicolons > commas ? ";" : ","
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter.unicodeScalars.first!)
        } catch {
            throw ImportError(path: path, line: 1, message: "no header row")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let kind = CSVFile.detect(header) else {
            throw ImportError(path: path, line: 1, message: CSVFile.explainUnknownHeader(header))
        }
        if let duplicate = Dictionary(grouping: header, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ImportError(path: path, line: 1, message: "column '\(duplicate)' appears twice")
        }
        self.kind = kind
        self.header = header
        var rows: [Row] = []
        var line = 1
        while let values = reader.next() {
            line += 1
            if values.count == 1, values[0].isEmpty { continue }  // a blank line
            guard values.count == header.count else {
                throw ImportError(path: path, line: line, message: "\(values.count) fields, but the header has \(header.count)")
            }
            var fields: [String: String] = [:]
            for (column, value) in zip(header, values) {
                if value.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                    throw ImportError(path: path, line: line, message: "\(column): contains a line break (a row must be one line)")
                }
                fields[column] = value
            }
            rows.append(Row(line: line, fields: fields))
        }
        if let error = reader.error {
            throw ImportError(path: path, line: line, message: "unreadable CSV: \(error)")
        }
        self.rows = rows
    }

    /// The kind whose required columns are all present; the header decides, not the file name.
    /// Credit notes come before payments, whose columns they include.
    static func detect(_ header: [String]) -> Kind? {
        let columns = Set(header)
        return [Kind.customers, .invoices, .creditNotes, .payments].first { Set($0.required).isSubset(of: columns) }
    }

    static func explainUnknownHeader(_ header: [String]) -> String {
        let columns = Set(header)
        // The kind lacking the fewest columns; on a tie the first (payments before credit notes).
        let kinds = [Kind.customers, .invoices, .payments, .creditNotes]
        let missing = kinds.map { kind in kind.required.filter { !columns.contains($0) } }
        let best = missing.indices.min { missing[$0].count < missing[$1].count } ?? 0
        return "header is not a customers, invoices, payments or credit notes file; as \(kinds[best].rawValue) it lacks column(s) \(missing[best].joined(separator: ", "))"
    }
}
