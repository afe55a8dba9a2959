import DunningCore
import Foundation

/// What the bookkeeping commands ask of the ledger before they record something: each
/// builds a record from the user's input and checks it (`BookkeepingRules`) against the
/// state and today; a problem is a `SessionError.input` naming the input.
extension Session {
    /// `body`'s `EntryProblem` as a `SessionError.input`.
    func checked<T>(_ body: () throws(EntryProblem) -> T) throws(SessionError) -> T {
        do {
            return try body()
        } catch {
            throw .input(field: error.field, message: error.message)
        }
    }

    /// The currency of invoice `id`.
    public func invoiceCurrency(_ id: String) throws(SessionError) -> Currency {
        try checked { () throws(EntryProblem) in try BookkeepingRules.invoice(id, in: state) }.currency
    }

    /// The currency of an invoice, or of a customer's open invoices (one currency only).
    public func currency(of subject: Subject) throws(SessionError) -> Currency {
        switch subject {
        case .invoice(let id):
            return try invoiceCurrency(id)
        case .customer(let id):
            _ = try checked { () throws(EntryProblem) in try BookkeepingRules.customer(id, in: state) }
            let currencies = Set(Balances.customer(id, in: state).invoices.filter { $0.open > 0 }.map(\.invoice.currency))
            guard currencies.count == 1, let currency = currencies.first else {
                throw .input(field: "amount", message: "customer '\(id)' has open invoices in \(currencies.isEmpty ? "no" : "several") currencies; give --invoice instead")
            }
            return currency
        }
    }

    /// The open total of `ids`, which must share one customer and one currency.
    public func openTotal(of ids: [String]) throws(SessionError) -> (Decimal, Currency) {
        let invoice = try checked { () throws(EntryProblem) in try BookkeepingRules.invoice(ids.first ?? "", in: state) }
        let first = invoice.invoice
        let balances = Balances.customer(invoice.customer, in: state).invoices
        var total = Decimal(0)
        for id in ids {
            guard let balance = balances.first(where: { $0.invoice.invoice == id }) else {
                _ = try checked { () throws(EntryProblem) in try BookkeepingRules.invoice(id, in: state) }
                throw .input(field: "invoice", message: "'\(id)' is not an invoice of customer \(invoice.customer)")
            }
            guard balance.invoice.currency == invoice.currency else {
                throw .input(field: "invoice", message: "'\(id)' is in \(balance.invoice.currency), '\(first)' in \(invoice.currency)")
            }
            total += balance.open
        }
        return (total, invoice.currency)
    }

    /// A payment (or, `isCredit`, a credit note) against `invoice` in its currency, dated
    /// today by default; `amount` as a person types it (`Money.parseTyped`), more than zero
    /// and not more than is open unless `overpayment` (see `BookkeepingRules.payment`).
    public func payment(invoice: String, amount: String, date: CalendarDate?, reference: String?, overpayment: Bool = false,
                        isCredit: Bool = false) throws(SessionError) -> PaymentRecord {
        let currency = try invoiceCurrency(invoice)
        let record = PaymentRecord(invoice: invoice, date: date ?? today, amount: try Self.amount(amount, currency: currency),
                                   currency: currency, reference: reference, overpayment: overpayment)
        try checked { () throws(EntryProblem) in try BookkeepingRules.payment(record, isCredit: isCredit, state: state, today: today) }
        return record
    }

    /// A dispute of an invoice with something open on it.
    public func dispute(invoice: String, reason: String) throws(SessionError) -> DisputeRecord {
        try checked { () throws(EntryProblem) in try BookkeepingRules.dispute(invoice: invoice, state: state) }
        return DisputeRecord(invoice: invoice, reason: reason)
    }

    /// A promise to pay by `until` (today or later), of `amount` (typed) or everything open.
    public func promise(_ subject: Subject, until: CalendarDate, amount: String?, confirm: Bool) throws(SessionError) -> PromiseRecord {
        try checked { () throws(EntryProblem) in try BookkeepingRules.subject(subject, in: state) }
        try checked { () throws(EntryProblem) in try BookkeepingRules.until(until, of: "a promise", today: today) }
        let value: Decimal? = if let amount { try Self.amount(amount, currency: try currency(of: subject)) } else { nil }
        return PromiseRecord(subject: subject, until: until, amount: value, confirm: confirm)
    }

    /// A hold until `until` (today or later) or until resolved.
    public func hold(_ subject: Subject, until: CalendarDate?, reason: String) throws(SessionError) -> HoldRecord {
        try checked { () throws(EntryProblem) in try BookkeepingRules.subject(subject, in: state) }
        if let until { try checked { () throws(EntryProblem) in try BookkeepingRules.until(until, of: "a hold", today: today) } }
        return HoldRecord(subject: subject, until: until, reason: reason)
    }

    /// A note on an existing customer or invoice.
    public func note(_ subject: Subject, text: String) throws(SessionError) -> NoteRecord {
        try checked { () throws(EntryProblem) in try BookkeepingRules.subject(subject, in: state) }
        return NoteRecord(subject: subject, text: text)
    }

    /// The end of a dispute, hold, promise or arrangement not yet ended, or the settlement of
    /// an unsettled send (its Message-ID with or without `<>`, recorded without).
    public func resolve(ref: String, outcome: ResolveOutcome?, note: String?) throws(SessionError) -> ResolveRecord {
        let ref = try checked { () throws(EntryProblem) in try BookkeepingRules.resolve(ref: ref, outcome: outcome, state: state) }
        return ResolveRecord(ref: ref, outcome: outcome, note: note)
    }

    /// The cancellation of a record that counts now.
    public func void(ref: String, reason: String) throws(SessionError) -> VoidRecord {
        try checked { () throws(EntryProblem) in try BookkeepingRules.void(ref: ref, state: state) }
        return VoidRecord(ref: ref, reason: reason)
    }

    /// Customer `id`'s current record with `change` applied: the `customer` record to append.
    public func customer(_ id: String, changing change: CustomerChange) throws(SessionError) -> CustomerRecord {
        try checked { () throws(EntryProblem) in try change.applied(to: try BookkeepingRules.customer(id, in: state)) }
    }

    /// An amount typed by a person in `currency`, more than zero (see `Money.parseTyped`).
    public static func amount(_ text: String, currency: Currency) throws(SessionError) -> Decimal {
        let value: Decimal
        do {
            value = try Money.parseTyped(text, currency: currency)
        } catch .negative {
            throw .input(field: "amount", message: "'\(text)' is negative: an amount must be more than zero")
        } catch {
            throw .input(field: "amount", message: error.description)
        }
        guard value > 0 else { throw .input(field: "amount", message: "must be more than zero") }
        return value
    }
}
