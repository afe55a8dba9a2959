import DunningCore
import Foundation

/// What the bookkeeping commands ask of the ledger before they record something.
extension Session {
    /// The currency of invoice `id`.
    public func invoiceCurrency(_ id: String) throws(SessionError) -> Currency {
        guard let invoice = state.invoice(id) else { throw .input(field: "invoice", message: "unknown invoice '\(id)'") }
        return invoice.currency
    }

    /// The currency of an invoice, or of a customer's open invoices (one currency only).
    public func currency(of subject: Subject) throws(SessionError) -> Currency {
        switch subject {
        case .invoice(let id):
            return try invoiceCurrency(id)
        case .customer(let id):
            guard state.customer(id) != nil else { throw .input(field: "customer", message: "unknown customer '\(id)'") }
            let currencies = Set(Balances.customer(id, in: state).invoices.filter { $0.open > 0 }.map(\.invoice.currency))
            guard currencies.count == 1, let currency = currencies.first else {
                throw .input(field: "amount", message: "customer '\(id)' has open invoices in \(currencies.isEmpty ? "no" : "several") currencies; give --invoice instead")
            }
            return currency
        }
    }

    /// The open total of `ids`, which must share one customer and one currency.
    public func openTotal(of ids: [String]) throws(SessionError) -> (Decimal, Currency) {
        guard let first = ids.first, let invoice = state.invoice(first) else {
            throw .input(field: "invoice", message: "unknown invoice '\(ids.first ?? "")'")
        }
        let balances = Balances.customer(invoice.customer, in: state).invoices
        var total = Decimal(0)
        for id in ids {
            guard let balance = balances.first(where: { $0.invoice.invoice == id }) else {
                throw .input(field: "invoice", message: "'\(id)' is unknown or not an invoice of customer \(invoice.customer)")
            }
            guard balance.invoice.currency == invoice.currency else {
                throw .input(field: "invoice", message: "'\(id)' is in \(balance.invoice.currency), '\(first)' in \(invoice.currency)")
            }
            total += balance.open
        }
        return (total, invoice.currency)
    }

    /// A payment or credit note against `invoice` in its currency, dated today by default;
    /// `amount` as a person types it (`Money.parseTyped`), more than zero.
    public func payment(invoice: String, amount: String, date: CalendarDate?, reference: String?) throws(SessionError) -> PaymentRecord {
        let currency = try invoiceCurrency(invoice)
        return PaymentRecord(invoice: invoice, date: date ?? today, amount: try Self.amount(amount, currency: currency),
                             currency: currency, reference: reference)
    }

    /// An amount typed by a person in `currency`, more than zero (see `Money.parseTyped`).
    public static func amount(_ text: String, currency: Currency) throws(SessionError) -> Decimal {
        let value: Decimal
        do {
            value = try Money.parseTyped(text, currency: currency)
        } catch {
            throw .input(field: "amount", message: error.description)
        }
        guard value > 0 else { throw .input(field: "amount", message: "must be more than zero") }
        return value
    }
}
