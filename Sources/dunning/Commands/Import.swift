import ArgumentParser
import Daemon
import DunningCore
import DunningStore
import Foundation

/// `dunning import [--update] [--dry-run] FILE...`: customers, invoices, payments or credit
/// notes from CSV; idempotent; changed customers only with `--update`.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import customers, invoices, payments or credit notes from CSV files into the ledger.",
        discussion: """
            The kind of file is known from its header: customers id,name,email,phone,kind,country,language; \
            invoices id,customer,issued,due,amount,currency[,order][,pdf]; payments invoice,date,amount,currency[,reference]; \
            credit notes credit_note,invoice,date,amount,currency[,reference]. \
            Delimiter , or ; and decimal point or comma are detected per file. Re-importing adds nothing. \
            A changed field of an existing customer is listed ("would update ...") and applied only with --update. \
            A file with any bad row imports nothing; files are imported in the order given.
            """
    )
    @OptionGroup var options: GlobalOptions
    @Flag(help: "Apply changed fields of existing customers (appends a customer record each).") var update = false
    @Flag(help: "Print what would be imported and updated; write nothing.") var dryRun = false
    @Argument(help: "CSV files.") var files: [String]

    func run() throws {
        let session = try options.session(keepingRecords: true)
        try session.importFiles(files, update: update, dryRun: dryRun) { result in
            Console.warnings(of: session)
            for change in result.changes { Console.out(line(for: change)) }
            Console.out(summary(of: result))
        }
    }

    /// `would update K1002: email a@gmail.com -> a@gmial.com (use --update)`, or `updated ...`.
    func line(for change: CustomerFieldChange) -> String {
        let shown = { (value: String) in value.isEmpty ? "''" : value }
        let what = "\(change.customer): \(change.field) \(shown(change.old)) -> \(shown(change.new))"
        switch (update, dryRun) {
        case (false, _): return "would update \(what) (use --update)"
        case (true, true): return "would update \(what)"
        case (true, false): return "updated \(what)"
        }
    }

    /// `invoices.csv: invoices, 15 rows, added 15 invoice` (`would add` in a dry run).
    func summary(of result: ImportResult) -> String {
        let counts = Dictionary(grouping: result.added, by: \.type).map { "\($0.value.count) \($0.key)" }.sorted()
        let pending = !update && !result.changes.isEmpty
        let what = counts.isEmpty ? (pending ? "nothing" : "nothing (already imported)") : counts.joined(separator: ", ")
        return "\(result.path): \(result.kind.rawValue), \(result.rows) rows, \(dryRun ? "would add" : "added") \(what)"
    }
}
