import ArgumentParser
import Daemon
import DunningCore
import Foundation

extension Ledger {
    /// `ledger arrange`: an instalment arrangement over the open amount of one or more invoices.
    /// (see `Instalment.schedule`).
    struct Arrange: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an instalment arrangement: the invoices are no longer chased, missed instalments are.",
            discussion: Ledger.confirmationHelp
        )
        @OptionGroup var options: LedgerOptions
        @Option(help: "Invoice ids, comma-separated, all of one customer and currency.") var invoice: String
        @Option(help: "Number of instalments.") var instalments: Int
        @Option(help: "Due date of the first instalment.", transform: CalendarDate.argument) var first: CalendarDate
        @Option(help: "Interval between instalments (14d, 2w, 1mo).") var every: String = "1mo"
        @Flag(name: .customLong("no-confirmation"), help: "Do not send the customer a written confirmation (records confirm: false).")
        var noConfirmation = false

        func validate() throws {
            guard (1...120).contains(instalments) else { throw ValidationError("--instalments must be between 1 and 120.") }
            switch ConfigDuration(every) {
            case nil: throw ValidationError("--every '\(every)' is not a duration such as 14d, 2w or 1mo.")
            case .seconds?: throw ValidationError("--every must be days, weeks or months.")
            default: break
            }
        }

        func run() throws {
            let ids = invoice.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            try Ledger.record(options) { session in
                let (total, currency) = try session.openTotal(of: ids)
                guard total > 0 else { throw UserError("error: --invoice: nothing is open on \(ids.joined(separator: ", "))") }
                return .arrangement(ArrangementRecord(invoices: ids, instalments: Instalment.schedule(
                    total: total, currency: currency, count: instalments, first: first, every: ConfigDuration(every) ?? .months(1)),
                    confirm: !noConfirmation))
            }
        }
    }
}
