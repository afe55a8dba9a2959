import Foundation

/// The records that concern one invoice or customer, each with a one-line summary.
///
/// For a customer: its own records and those of all its invoices. Resolves and voids are
/// included when they refer to an included record.
public struct Timeline: Sendable {
    public struct Entry: Sendable {
        public var record: LedgerRecord
        public var summary: String
    }

    public private(set) var entries: [Entry] = []
    public private(set) var voided: Set<String> = []
    public private(set) var knowsSubject = false

    public init(records: [LedgerRecord], subject: Subject) {
        var invoices: Set<String> = []
        var currencies: [String: Currency] = [:]
        var customer: String?
        if case .customer(let id) = subject { customer = id }
        // First pass: which invoices belong to the subject.
        for record in records {
            if case .invoice(let invoice) = record.body { currencies[invoice.invoice] = invoice.currency }
            switch (record.body, subject) {
            case (.invoice(let invoice), .invoice(let id)) where invoice.invoice == id:
                invoices.insert(id)
                knowsSubject = true
            case (.invoice(let invoice), .customer(let id)) where invoice.customer == id:
                invoices.insert(invoice.invoice)
            case (.customer(let record), .customer(let id)) where record.customer == id:
                knowsSubject = true
            default: break
            }
        }
        var included: Set<String> = []
        var messageIDs: Set<String> = []
        for record in records {
            guard let summary = Timeline.summary(record, invoices: invoices, currency: invoices.lazy.compactMap { currencies[$0] }.first,
                                                 customer: customer, included: included, messageIDs: messageIDs) else { continue }
            included.insert(record.id)
            if case .reminder(let reminder) = record.body { messageIDs.insert(reminder.messageID) }
            if case .void(let void) = record.body { voided.insert(void.ref) }
            entries.append(Entry(record: record, summary: summary))
        }
    }

    private static func money(_ amount: Decimal, _ currency: Currency) -> String { "\(Money.string(amount, in: currency)) \(currency)" }

    private static func concerns(_ subject: Subject, invoices: Set<String>, customer: String?) -> Bool {
        switch subject {
        case .invoice(let id): invoices.contains(id)
        case .customer(let id): id == customer
        }
    }

    /// A one-line summary if `record` concerns the subject, else `nil`; `currency` is the
    /// subject's (for promise and instalment amounts, which carry none of their own).
    private static func summary(_ record: LedgerRecord, invoices: Set<String>, currency: Currency?, customer: String?,
                                included: Set<String>, messageIDs: Set<String>) -> String? {
        func amount(_ value: Decimal) -> String { currency.map { money(value, $0) } ?? "\(value)" }
        func any(_ list: [String]) -> Bool { list.contains(where: invoices.contains) }
        switch record.body {
        case .customer(let c) where c.customer == customer:
            return "\(c.name) <\(c.email)> \(c.phone) \(c.kind.rawValue) \(c.country) \(c.language)"
        case .invoice(let i) where invoices.contains(i.invoice):
            return "\(i.invoice) issued \(i.issued) due \(i.due) \(money(i.amount, i.currency))\(i.order.map { " order \($0)" } ?? "")"
        case .payment(let p) where invoices.contains(p.invoice):
            return "\(p.invoice) paid \(money(p.amount, p.currency)) on \(p.date)\(p.reference.map { " ref \($0)" } ?? "")"
        case .credit(let p) where invoices.contains(p.invoice):
            return "\(p.invoice) credited \(money(p.amount, p.currency)) on \(p.date)\(p.reference.map { " ref \($0)" } ?? "")"
        case .dispute(let d) where invoices.contains(d.invoice):
            return "\(d.invoice) disputed: \(d.reason)"
        case .promise(let p) where concerns(p.subject, invoices: invoices, customer: customer):
            return "promise to pay by \(p.until)\(p.amount.map { " amount \(amount($0))" } ?? "")"
        case .arrangement(let a) where any(a.invoices):
            return "arrangement over \(a.invoices.joined(separator: ",")): " + a.instalments.map { "\($0.due) \(amount($0.amount))" }.joined(separator: "; ")
        case .hold(let h) where concerns(h.subject, invoices: invoices, customer: customer):
            return "hold \(h.until.map { "until \($0)" } ?? "until resolved"): \(h.reason)"
        case .note(let n) where concerns(n.subject, invoices: invoices, customer: customer):
            return n.text
        case .resolve(let r) where included.contains(r.ref) || messageIDs.contains(r.ref):
            return "resolves \(r.ref)\(r.outcome.map { " as \($0.rawValue)" } ?? "")\(r.note.map { ": \($0)" } ?? "")"
        case .void(let v) where included.contains(v.ref):
            return "voids \(v.ref): \(v.reason)"
        case .contactCheck(let c) where c.customer == customer:
            return "\(c.channel.rawValue) \(c.address) \(c.result.rawValue): \(c.reason)"
        case .reminder(let r) where any(r.invoices) || r.customer == customer:
            return "\(r.step) to \(r.to) \(r.state.rawValue) \(r.invoices.joined(separator: ",")) \(r.messageID)\(r.reply.map { " (\($0))" } ?? "")"
        case .bounce(let b) where b.customer == customer && customer != nil:
            return "\(b.kind.rawValue) bounce \(b.address) \(b.status): \(b.diagnostic)"
        case .task(let t) where any(t.invoices) || t.customer == customer:
            return "task \(t.kind): \(t.text)"
        case .handover(let h) where any(h.invoices) || h.customer == customer:
            return "handed over \(h.invoices.joined(separator: ",")) in \(h.file)"
        default:
            return nil
        }
    }
}
