import ArgumentParser
import Daemon
import DunningCore
import Foundation

/// `dunning import FILE...`: customers, invoices or payments from CSV; idempotent.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import customers, invoices or payments from CSV files into the ledger.",
        discussion: """
            The kind of file is known from its header: customers id,name,email,phone,kind,country,language; \
            invoices id,customer,issued,due,amount,currency[,order][,pdf]; payments invoice,date,amount,currency[,reference]. \
            Delimiter , or ; and decimal point or comma are detected per file. Re-importing adds nothing. \
            A file with any bad row imports nothing; files are imported in the order given.
            """
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "CSV files.") var files: [String]

    func run() throws {
        let session = try options.session(keepingRecords: true)
        try session.importFiles(files) { result in
            Console.warnings(of: session)
            let counts = Dictionary(grouping: result.added, by: \.type).map { "\($0.value.count) \($0.key)" }.sorted()
            Console.out("\(result.path): \(result.kind.rawValue), \(result.rows) rows, added \(counts.isEmpty ? "nothing (already imported)" : counts.joined(separator: ", "))")
        }
    }
}
