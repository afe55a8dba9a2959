import DunningCore
import Foundation

/// What the ledger already holds, as far as import needs it to be idempotent.
///
/// Voided records still count as imported: re-importing the same CSV must not bring back
/// a record the bookkeeper voided.
public struct ImportIndex: Sendable {
    public private(set) var customers: [String: CustomerRecord] = [:]
    public private(set) var invoices: [String: InvoiceRecord] = [:]
    /// How many payment and credit records have each identity.
    private var payments: [PaymentIdentity: Int] = [:]

    public init() {}

    public init(records: some Sequence<LedgerRecord>) {
        for record in records { add(record) }
    }

    public mutating func add(_ record: LedgerRecord) {
        switch record.body {
        case .customer(let customer): customers[customer.customer] = customer
        case .invoice(let invoice): invoices[invoice.invoice] = invoices[invoice.invoice] ?? invoice
        case .payment(let payment): payments[PaymentIdentity(payment, credit: false), default: 0] += 1
        case .credit(let credit): payments[PaymentIdentity(credit, credit: true), default: 0] += 1
        default: break
        }
    }

    func paymentCount(_ identity: PaymentIdentity) -> Int { payments[identity] ?? 0 }
}

/// A payment's or credit note's identity is (invoice, date, amount, currency, reference);
/// a payment and a credit note with the same fields are two things.
struct PaymentIdentity: Hashable, Sendable {
    var credit: Bool
    var invoice: String
    var date: CalendarDate
    var amount: Decimal
    var currency: String
    var reference: String

    init(_ payment: PaymentRecord, credit: Bool) {
        self.credit = credit
        invoice = payment.invoice
        date = payment.date
        amount = payment.amount
        currency = payment.currency.code
        reference = payment.reference ?? ""
    }
}

/// A field of an existing customer that a row of a customers file changes.
public struct CustomerFieldChange: Sendable, Equatable {
    public var customer: String
    /// `name`, `email`, `phone`, `kind`, `country`, `language`, or an extra column (`address`).
    public var field: String
    /// The value in the ledger and in the file; empty when there is none.
    public var old: String
    public var new: String

    public init(customer: String, field: String, old: String, new: String) {
        self.customer = customer
        self.field = field
        self.old = old
        self.new = new
    }
}

/// Turns a `CSVFile` into the ledger records it adds: all or nothing per file.
///
/// Re-importing the same rows adds nothing: a customer row that changes an existing
/// customer is listed as `CustomerFieldChange`s and becomes a new `customer` record only when
/// updating; an invoice that exists with the same data is skipped and with other data is
/// an error; payments and credit notes are counted per identity, so that two genuine
/// equal payments in one file both count, while the same file twice adds nothing.
public enum CSVImport {
    /// What one file does to the ledger.
    public struct Plan: Sendable {
        /// The records to append: new rows, and changed customers when updating.
        public var records: [LedgerRecord]
        /// Every change to an existing customer, in file order; in `records` only when updating.
        public var changes: [CustomerFieldChange]
    }

    /// What `file` adds, given what `index` already holds; `index` is updated (with what
    /// `records` holds) only when the whole file is good.
    public static func plan(for file: CSVFile, index: inout ImportIndex, updating: Bool = false, at instant: Date,
                            newID: (String) -> String) throws(ImportError) -> Plan {
        var working = index
        var plan = Plan(records: [], changes: [])
        var seenPayments: [PaymentIdentity: Int] = [:]
        let amounts = try AmountStyle(file: file)
        for row in file.rows {
            let fields = RowReader(file: file, row: row)
            let body: LedgerRecord.Body?
            switch file.kind {
            case .customers:
                let customer = try fields.customer()
                guard let existing = working.customers[customer.customer] else {
                    body = .customer(customer)
                    break
                }
                let updated = CustomerDiff.merge(customer, into: existing, columns: file.header)
                let changes = CustomerDiff.changes(existing, updated)
                plan.changes += changes
                body = changes.isEmpty || !updating ? nil : .customer(updated)
            case .invoices:
                let invoice = try fields.invoice(amounts: amounts)
                guard working.customers[invoice.customer] != nil else {
                    let hint = NearMatch.hint(for: invoice.customer, among: working.customers.keys)
                    throw fields.error("customer", "unknown customer '\(invoice.customer)'"
                                       + (hint.isEmpty ? " (import the customers file first)" : hint))
                }
                if let existing = working.invoices[invoice.invoice] {
                    guard existing == invoice else {
                        throw fields.error("id", "invoice '\(invoice.invoice)' already exists with other data (\(InvoiceDiff.describe(existing, invoice)))")
                    }
                    body = nil
                } else {
                    body = .invoice(invoice)
                }
            case .payments, .creditNotes:
                let credit = file.kind == .creditNotes
                let payment = try fields.payment(amounts: amounts)
                guard let invoice = working.invoices[payment.invoice] else {
                    throw fields.error("invoice", "unknown invoice '\(payment.invoice)'" + NearMatch.hint(for: payment.invoice, among: working.invoices.keys))
                }
                guard invoice.currency == payment.currency else {
                    throw fields.error("currency", "\(credit ? "credit note" : "payment") in \(payment.currency) for invoice \(invoice.invoice) in \(invoice.currency)")
                }
                let identity = PaymentIdentity(payment, credit: credit)
                seenPayments[identity, default: 0] += 1
                body = seenPayments[identity]! > working.paymentCount(identity) ? (credit ? .credit(payment) : .payment(payment)) : nil
            }
            if let body {
                let record = LedgerRecord(id: newID(LedgerRecord(id: "", at: instant, body: body).type), at: instant, body: body)
                // Payments count once the file is read: equal rows in it are all new.
                switch body {
                case .payment, .credit: break
                default: working.add(record)
                }
                plan.records.append(record)
            }
        }
        for record in plan.records {
            switch record.body {
            case .payment, .credit: working.add(record)
            default: break
            }
        }
        index = working
        return plan
    }
}
