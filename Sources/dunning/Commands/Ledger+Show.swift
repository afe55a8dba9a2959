import ArgumentParser
import Daemon
import DunningCore
import Foundation

extension Ledger {
    /// `ledger show`: an invoice's or a customer's timeline, oldest first, with what is open now.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an invoice's or a customer's timeline.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var subject: SubjectOptions

        func run() throws {
            let session = try options.session(keepingRecords: true)
            let timeline = Timeline(records: session.records, subject: subject.subject)
            guard timeline.knowsSubject else {
                throw SessionError.input(field: subject.invoice != nil ? "invoice" : "customer",
                                         message: BookkeepingRules.unknown(subject.subject, in: session.state))
            }
            let zone = session.config.company.timeZone
            for entry in timeline.entries {
                let local = CalendarDate(entry.record.at, in: zone)
                let voided = timeline.voided.contains(entry.record.id) ? " (voided)" : ""
                Console.out("\(local)  \(entry.record.type.padding(toLength: 13, withPad: " ", startingAt: 0)) \(entry.record.id.padding(toLength: 16, withPad: " ", startingAt: 0)) \(entry.summary)\(voided)")
            }
            for line in Self.balanceLines(for: subject.subject, in: session.state) { Console.out(line) }
        }

        /// `open` lines: per invoice what is still owed, and customer credit.
        static func balanceLines(for subject: Subject, in state: LedgerState) -> [String] {
            let customer: String? = switch subject {
            case .customer(let id): id
            case .invoice(let id): state.invoice(id)?.customer
            }
            guard let customer else { return [] }
            let (invoices, credits) = Balances.customer(customer, in: state)
            var lines: [String] = []
            for balance in invoices {
                if case .invoice(let id) = subject, id != balance.invoice.invoice { continue }
                let currency = balance.invoice.currency
                lines.append("open  \(balance.invoice.invoice)  \(Money.string(balance.open, in: currency)) \(currency) of \(Money.string(balance.invoice.amount, in: currency)), due \(balance.invoice.due)")
            }
            for credit in credits where credit.remaining > 0 {
                lines.append("credit  \(Money.string(credit.remaining, in: credit.currency)) \(credit.currency) (over-payment on \(credit.sources.joined(separator: ", ")))")
            }
            return lines
        }
    }
}
