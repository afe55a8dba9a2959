import DunningCore
import DunningStore

/// What one imported file added (or, in a dry run, would add).
public struct ImportResult: Sendable {
    /// The file's path, as given.
    public var path: String
    /// Customers, invoices, payments or credit notes: known from the header row.
    public var kind: CSVFile.Kind
    public var rows: Int
    /// The records appended (in a dry run: that would be); empty when everything was
    /// imported before.
    public var added: [LedgerRecord]
    /// The fields of existing customers the file changes; applied (part of `added`) only
    /// when importing with `update`.
    public var changes: [CustomerFieldChange]
}

extension Session {
    /// Imports CSV files in the order given, each as one batch: a file with any bad row adds
    /// nothing (and stops the import there); rows imported before add nothing again.
    ///
    /// A row that changes an existing customer is reported in `ImportResult.changes` and
    /// appended only with `update`. A `dryRun` writes nothing: each file is read and checked
    /// as it would be imported (against the state, after the files before it), and `each`
    /// hears what it would add. Needs a session opened `keepingRecords` (what was imported
    /// is judged by the records). `each` hears about every file once its batch is durable.
    public func importFiles(_ paths: [String], update: Bool = false, dryRun: Bool = false,
                            each: (ImportResult) -> Void) throws(SessionError) {
        precondition(keepsRecords, "importFiles needs a session opened keepingRecords")
        var index = ImportIndex(records: records)
        // A dry run checks its records against a copy of the state, as `append` would.
        var trial = dryRun ? state : nil
        for path in paths {
            let plan: CSVImport.Plan
            let file: CSVFile
            do {
                file = try CSVFile(path: path)
                plan = try CSVImport.plan(for: file, index: &index, updating: update, at: now) { RecordID.generate(type: $0) }
            } catch {
                throw .importFile(error)
            }
            if var state = trial {
                for record in plan.records {
                    do {
                        try state.apply(record, position: state.count + 1)
                    } catch {
                        throw .refused(source: path, error)
                    }
                }
                trial = state
            } else {
                try append(plan.records, source: path)
            }
            each(ImportResult(path: path, kind: file.kind, rows: file.rows.count, added: plan.records, changes: plan.changes))
        }
    }
}
