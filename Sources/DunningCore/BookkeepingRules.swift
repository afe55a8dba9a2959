import Foundation

/// Input for a new bookkeeping record that does not fit the ledger, or that the ledger would
/// take but a bookkeeper almost certainly did not mean: `field` names the input (`invoice`,
/// `amount`, `until`, ...; a command shows it as its option), `message` says why.
public struct EntryProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// The checks the bookkeeping commands (`ledger pay`, `credit`, `dispute`, `promise`, `hold`,
/// `resolve`, `void`, ...) make before they write a record, on the state and today's date.
///
/// `LedgerState.apply` refuses what would make the ledger inconsistent (an unknown invoice,
/// a currency mismatch); these rules refuse what is consistent but implausible as input: a
/// payment of 7800.00 on an invoice of 780.00, a payment dated tomorrow, a promise that ended
/// yesterday, the same bank reference twice. They run on new input only, never on records
/// already in the ledger (an import or an older version may have written such records).
public enum BookkeepingRules {
    /// The invoice in force with id `id`.
    public static func invoice(_ id: String, in state: LedgerState) throws(EntryProblem) -> InvoiceRecord {
        guard let invoice = state.invoice(id) else { throw EntryProblem(field: "invoice", message: unknown(.invoice(id), in: state)) }
        return invoice
    }

    /// The current data of customer `id`.
    public static func customer(_ id: String, in state: LedgerState) throws(EntryProblem) -> CustomerRecord {
        guard let customer = state.customer(id) else {
            throw EntryProblem(field: "customer", message: unknown(.customer(id), in: state))
        }
        return customer
    }

    /// Checks that the customer or invoice exists.
    public static func subject(_ subject: Subject, in state: LedgerState) throws(EntryProblem) {
        switch subject {
        case .customer(let id): _ = try customer(id, in: state)
        case .invoice(let id): _ = try invoice(id, in: state)
        }
    }

    /// `unknown invoice 'f2026-0455' (did you mean 'F2026-0455'?)`: an unknown id, with the
    /// ids that differ from it only in case or punctuation (`-`, `.`, `/`, spaces).
    public static func unknown(_ subject: Subject, in state: LedgerState) -> String {
        switch subject {
        case .invoice(let id):
            let known = state.invoices.keys.filter { state.invoice($0) != nil }
            return "unknown invoice '\(id)'" + suggestion(for: id, among: known)
        case .customer(let id):
            let known = state.customers.keys.filter { state.customer($0) != nil }
            return "unknown customer '\(id)'" + suggestion(for: id, among: known)
        }
    }

    /// ` (did you mean 'A'?)` for the near matches of `id` among `known` (`NearMatch`, as
    /// the CSV import finds them), or "".
    static func suggestion(for id: String, among known: some Sequence<String>) -> String {
        let matches = NearMatch.suggestions(for: id, among: known).filter { $0 != id }
        guard !matches.isEmpty else { return "" }
        return " (did you mean " + matches.map { "'\($0)'" }.joined(separator: " or ") + "?)"
    }

    /// A new payment (or, with `isCredit`, a credit note): the invoice exists; it is not dated
    /// after `today`; it is not more than what is open on the invoice unless it says it is an
    /// `overpayment` (and then it must be); its reference is not already on the invoice.
    public static func payment(_ payment: PaymentRecord, isCredit: Bool, state: LedgerState, today: CalendarDate) throws(EntryProblem) {
        let invoice = try invoice(payment.invoice, in: state)
        let what = isCredit ? "a credit note" : "a payment"
        if payment.date > today {
            throw EntryProblem(field: "date", message: "\(payment.date) is after today (\(today)): \(what) is recorded once "
                + (isCredit ? "it is issued" : "the money has arrived"))
        }
        let open = Balances.customer(invoice.customer, in: state).invoices.first { $0.invoice.invoice == invoice.invoice }?.open ?? 0
        let currency = invoice.currency
        func money(_ value: Decimal) -> String { "\(Money.string(value, in: currency)) \(currency)" }
        let openText = open > 0 ? "the \(money(open)) open on \(invoice.invoice)" : "what is open on \(invoice.invoice) (nothing: it is paid in full)"
        if payment.amount > open, !payment.overpayment {
            throw EntryProblem(field: "amount", message: "\(money(payment.amount)) is more than \(openText); if "
                + (isCredit ? "the credit note really is for more" : "the customer really paid more")
                + ", add --overpayment (the surplus becomes customer credit)")
        }
        if payment.amount <= open, payment.overpayment {
            throw EntryProblem(field: "overpayment", message: "\(money(payment.amount)) is not more than \(openText): leave out --overpayment")
        }
        guard let reference = payment.reference, let invoiceState = state.invoices[invoice.invoice] else { return }
        let key = referenceKey(reference)
        let earlier = isCredit ? invoiceState.credits : invoiceState.payments
        if let same = earlier.first(where: { state.isActive($0.recordID) && $0.value.reference.map(referenceKey) == key }) {
            throw EntryProblem(field: "reference", message: "'\(reference)' is already recorded on \(invoice.invoice): \(same.recordID), "
                + "\(money(same.value.amount)) on \(same.value.date); \(what) is recorded once (a second one needs its own reference)")
        }
    }

    /// A reference as banks and people vary it: case and spaces do not count.
    private static func referenceKey(_ reference: String) -> String {
        String(reference.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    /// A new dispute: the invoice exists and something is still open on it.
    public static func dispute(invoice id: String, state: LedgerState) throws(EntryProblem) {
        let invoice = try invoice(id, in: state)
        let open = Balances.customer(invoice.customer, in: state).invoices.first { $0.invoice.invoice == id }?.open ?? 0
        guard open > 0 else {
            throw EntryProblem(field: "invoice", message: "\(id) is paid in full: nothing is open to dispute (record a note instead)")
        }
    }

    /// The end of a new promise or hold (`what`: `a promise`, `a hold`): today or later.
    public static func until(_ date: CalendarDate, of what: String, today: CalendarDate) throws(EntryProblem) {
        guard date >= today else {
            throw EntryProblem(field: "until", message: "\(date) is in the past (today is \(today)): \(what) must end today or later")
        }
    }

    /// A new `resolve --ref`: a dispute, hold, promise or arrangement that is neither voided nor
    /// resolved yet (`outcome` must be `nil`), or an uncertain send's Message-ID, with or
    /// without `<>`, not settled yet (`outcome` required). Returns the ref to record (a
    /// Message-ID without `<>`).
    public static func resolve(ref: String, outcome: ResolveOutcome?, state: LedgerState) throws(EntryProblem) -> String {
        if let kind = state.kinds[ref] {
            switch kind {
            case .dispute, .hold, .promise, .arrangement:
                if let void = voidOf(ref, in: state) {
                    throw EntryProblem(field: "ref", message: "\(kind.name) '\(ref)' is voided (by \(void)): there is nothing to resolve")
                }
                if let earlier = state.resolvedBy[ref]?.first(where: state.isActive) {
                    throw EntryProblem(field: "ref", message: "\(kind.name) '\(ref)' is already resolved (by \(earlier))")
                }
                guard outcome == nil else {
                    throw EntryProblem(field: "outcome", message: "is for settling an uncertain send; '\(ref)' is a \(kind.name)")
                }
                return ref
            default:
                if state.messages[LedgerState.normalizedMessageID(ref)] == nil {
                    throw EntryProblem(field: "ref", message: "'\(ref)' is a \(kind.name); resolve ends a dispute, hold, promise or "
                        + "arrangement, or settles an uncertain send (by its Message-ID)")
                }
            }
        }
        let messageID = LedgerState.normalizedMessageID(ref)
        guard let message = state.messages[messageID] else {
            throw EntryProblem(field: "ref", message: "no record or message with id '\(ref)'")
        }
        if let settled = message.settlements.last(where: { state.isActive($0.recordID) }) {
            throw EntryProblem(field: "ref", message: "message '\(messageID)' is already settled as \(settled.value.rawValue) "
                + "(by \(settled.recordID)); to change that, void \(settled.recordID) first")
        }
        guard outcome != nil else {
            throw EntryProblem(field: "outcome", message: "settling message '\(messageID)' needs --outcome sent or not-sent")
        }
        return messageID
    }

    /// A new `void --ref`: a record that exists and is not voided already.
    public static func void(ref: String, state: LedgerState) throws(EntryProblem) {
        guard let kind = state.kinds[ref] else { throw EntryProblem(field: "ref", message: "no record with id '\(ref)'") }
        if let void = voidOf(ref, in: state) {
            throw EntryProblem(field: "ref", message: "\(kind.name) '\(ref)' is already voided (by \(void))")
        }
    }

    /// The `void` record that cancels `id` now, if one does.
    private static func voidOf(_ id: String, in state: LedgerState) -> String? {
        guard !state.isActive(id) else { return nil }
        return state.voidTargets.filter { $0.value == id && state.isActive($0.key) }.keys.sorted().first
    }
}
