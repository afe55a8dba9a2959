import ArgumentParser
import Daemon
import DunningCore
import Foundation

extension Ledger {
    /// `ledger customer`: changes a customer's details (a new `customer` record: the current
    /// one with the changed fields, see `CustomerChange`).
    struct Customer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a customer's details: e-mail, phone, name, address, kind, country or language.",
            discussion: """
                Appends a `customer` record: the customer's current details with the fields given changed. \
                A new --email is what the next `dunning run` writes to (after a hard bounce too: the task \
                `new-address` asks for this command). Checked as the customers CSV is: --kind business or \
                consumer, --country ISO 3166 alpha-2, --language a language code, --email an address (or "" for none).
                """
        )
        @OptionGroup var options: LedgerOptions
        @Option(help: "The customer id.") var customer: String
        @Option(help: "The name.") var name: String?
        @Option(help: "The e-mail address (\"\" for none).") var email: String?
        @Option(help: "The phone number.") var phone: String?
        @Option(help: "The postal address (the customers CSV's address column; \"\" removes it).") var address: String?
        @Option(help: "business | consumer") var kind: String?
        @Option(help: "ISO 3166 alpha-2 country code (NL, BE, RO, ...).") var country: String?
        @Option(help: "Language code (nl, ro, en, ...).") var language: String?

        var change: CustomerChange {
            CustomerChange(name: name, email: email, phone: phone, address: address, kind: kind, country: country, language: language)
        }

        func validate() throws {
            guard !change.isEmpty else {
                throw ValidationError("Give at least one of --name, --email, --phone, --address, --kind, --country and --language.")
            }
        }

        func run() throws {
            let id = try Ledger.identifier(customer, option: "--customer")
            try Ledger.record(options) { .customer(try $0.customer(id, changing: change)) }
        }
    }
}
