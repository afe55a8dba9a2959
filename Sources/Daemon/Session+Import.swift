import DunningCore
import DunningStore

/// What one imported file added.
public struct ImportResult: Sendable {
    /// The file's path, as given.
    public var path: String
    /// Customers, invoices or payments: known from the header row.
    public var kind: CSVFile.Kind
    public var rows: Int
    /// The records appended; empty when everything was imported before.
    public var added: [LedgerRecord]
}

extension Session {
    /// Imports CSV files in the order given, each as one batch: a file with any bad row adds
    /// nothing (and stops the import there); rows imported before add nothing again.
    /// Needs a session opened `keepingRecords` (what was imported is judged by the records).
    /// `each` hears about every file once its batch is durable.
    public func importFiles(_ paths: [String], each: (ImportResult) -> Void) throws(SessionError) {
        precondition(keepsRecords, "importFiles needs a session opened keepingRecords")
        var index = ImportIndex(records: records)
        for path in paths {
            let records: [LedgerRecord]
            let file: CSVFile
            do {
                file = try CSVFile(path: path)
                records = try CSVImport.records(from: file, index: &index, at: now) { RecordID.generate(type: $0) }
            } catch {
                throw .importFile(error)
            }
            try append(records, source: path)
            each(ImportResult(path: path, kind: file.kind, rows: file.rows.count, added: records))
        }
    }
}
