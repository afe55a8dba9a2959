import ArgumentParser
import Daemon
import DunningCore
import Foundation

/// `dunning ledger ...`: bookkeeping. Each subcommand appends one record and prints its id.
struct Ledger: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record payments, credit notes, disputes, promises, arrangements, holds, notes and customer changes.",
        discussion: "Each subcommand appends one record to the ledger (under its lock, fsync'd) and prints the new record's id.",
        subcommands: [Pay.self, Credit.self, Dispute.self, Resolve.self, Promise.self, Arrange.self,
                      Hold.self, Note.self, Void.self, Customer.self, Show.self]
    )
}

extension Ledger {
    /// Appends `body` as a new record and prints its id.
    static func record(_ options: LedgerOptions, _ body: (Session) throws -> LedgerRecord.Body) throws {
        let session = try options.session()
        let record = try session.append(body(session))
        Console.warnings(of: session)
        Console.out(record.id)
    }

    /// What `promise` and `arrange` say about the confirmation the send cycle sends.
    static let confirmationHelp = """
        The next `dunning run` (within the send window, up to 7 days after recording) e-mails the customer \
        a written confirmation of the agreement (template `confirmation`), journaled like a reminder with \
        step `confirmation`, once. --no-confirmation records `confirm: false` and sends none.
        """

    /// Ids and references end up in mail headers and file names: no control characters.
    static func identifier(_ text: String, option: String) throws -> String {
        guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw UserError("error: \(option): '\(text.debugDescription)' is empty or contains a control character (CR, LF, ...)")
        }
        return text
    }
}

extension Ledger {
    /// What `pay` and `credit` say about amounts and `--overpayment`.
    static let amountHelp = "Amount in the invoice's currency (12.50, 12,50, 1.250,00 or 1,250.00); not more than is open unless --overpayment."

    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a payment received for an invoice.",
            discussion: "Refused: an amount above what is open on the invoice (unless --overpayment), a date after today, a reference already recorded on the invoice."
        )
        @OptionGroup var options: LedgerOptions
        @Option(help: "The invoice paid.") var invoice: String
        @Option(parsing: .unconditional, help: ArgumentHelp(Ledger.amountHelp)) var amount: String
        @Option(help: "Day the money arrived (default: today in the company's time zone; not later).", transform: CalendarDate.argument)
        var date: CalendarDate?
        @Option(help: "Bank reference.") var reference: String?
        @Flag(help: "The customer really paid more than is open: record it (overpayment: true); the surplus becomes customer credit.")
        var overpayment = false

        func run() throws {
            try Ledger.record(options) {
                .payment(try $0.payment(invoice: invoice, amount: amount, date: date, reference: reference, overpayment: overpayment))
            }
        }
    }

    struct Credit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a credit note that lowers an invoice.",
            discussion: "Refused: an amount above what is open on the invoice (unless --overpayment), a date after today, a credit note number already recorded on the invoice."
        )
        @OptionGroup var options: LedgerOptions
        @Option(help: "The invoice credited.") var invoice: String
        @Option(parsing: .unconditional, help: ArgumentHelp(Ledger.amountHelp)) var amount: String
        @Option(help: "Date of the credit note (default: today; not later).", transform: CalendarDate.argument) var date: CalendarDate?
        @Option(help: "Credit note number.") var reference: String?
        @Flag(help: "The credit note really is for more than is open: record it (overpayment: true); the surplus becomes customer credit.")
        var overpayment = false

        func run() throws {
            try Ledger.record(options) {
                .credit(try $0.payment(invoice: invoice, amount: amount, date: date, reference: reference, overpayment: overpayment,
                                       isCredit: true))
            }
        }
    }

    struct Dispute: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a complaint: chasing the invoice pauses until it is resolved.")
        @OptionGroup var options: LedgerOptions
        @Option(help: "The disputed invoice (something must be open on it).") var invoice: String
        @Option(help: "What the customer says.") var reason: String

        func run() throws {
            try Ledger.record(options) { .dispute(try $0.dispute(invoice: invoice, reason: reason)) }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a dispute, hold, promise or arrangement, or settle an uncertain send.",
            discussion: "--ref is the record id (printed when it was recorded, and by `ledger show`); for an uncertain send it is the message's Message-ID (with or without <>), with --outcome sent or not-sent. A record already resolved or voided, or a message already settled, is refused."
        )
        @OptionGroup var options: LedgerOptions
        @Option(help: "Record id, or the Message-ID of an uncertain send.") var ref: String
        @Option(help: "For an uncertain send: did the customer get it? (sent | not-sent)") var outcome: String?
        @Option(help: "Why.") var note: String?

        func validate() throws {
            if let outcome, ResolveOutcome(rawValue: outcome) == nil {
                throw ValidationError("--outcome must be 'sent' or 'not-sent'.")
            }
        }

        func run() throws {
            try Ledger.record(options) {
                .resolve(try $0.resolve(ref: try Ledger.identifier(ref, option: "--ref"), outcome: outcome.flatMap(ResolveOutcome.init(rawValue:)),
                                        note: note))
            }
        }
    }

    struct Promise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a promise to pay: chasing pauses until the date (plus the policy's grace).",
            discussion: Ledger.confirmationHelp
        )
        @OptionGroup var options: LedgerOptions
        @OptionGroup var subject: SubjectOptions
        @Option(help: "The promised payment date (today or later).", transform: CalendarDate.argument) var until: CalendarDate
        @Option(parsing: .unconditional, help: "The promised amount, if not everything.") var amount: String?
        @Flag(name: .customLong("no-confirmation"), help: "Do not send the customer a written confirmation (records confirm: false).")
        var noConfirmation = false

        func run() throws {
            try Ledger.record(options) {
                .promise(try $0.promise(subject.subject, until: until, amount: amount, confirm: !noConfirmation))
            }
        }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop chasing a customer or an invoice, until a date or until resolved.")
        @OptionGroup var options: LedgerOptions
        @OptionGroup var subject: SubjectOptions
        @Option(help: "Last day of the hold (today or later; default: until resolved).", transform: CalendarDate.argument)
        var until: CalendarDate?
        @Option(help: "Why.") var reason: String

        func run() throws {
            try Ledger.record(options) { .hold(try $0.hold(subject.subject, until: until, reason: reason)) }
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a note to a customer's or an invoice's file.")
        @OptionGroup var options: LedgerOptions
        @OptionGroup var subject: SubjectOptions
        @Option(help: "The note.") var text: String

        func run() throws {
            try Ledger.record(options) { .note(try $0.note(subject.subject, text: text)) }
        }
    }

    struct Void: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a wrong record: it stays in the file but no longer counts.")
        @OptionGroup var options: LedgerOptions
        @Option(help: "The record id to cancel (not one voided already).") var ref: String
        @Option(help: "Why it was wrong.") var reason: String

        func run() throws {
            try Ledger.record(options) { .void(try $0.void(ref: try Ledger.identifier(ref, option: "--ref"), reason: reason)) }
        }
    }
}
