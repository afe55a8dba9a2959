import DunningCore
import Foundation

/// What a template sees: company, customer, invoices, totals, dates and amounts already
/// formatted for the customer's locale.
///
/// Built by the factories (`reminder`, `confirmation`, `digest`, `sample`); every key is
/// documented in docs/templates.md. Optional values (a company phone, an order reference)
/// are always present as keys: missing ones render empty and are false in a section, so a
/// template may test them with `{{#company.phone}}…{{/company.phone}}`.
public struct TemplateData: Sendable, Equatable {
    /// The three shapes of data: every policy step's message, a confirmation, the digest.
    public enum Shape: String, Sendable, Hashable, CaseIterable {
        case reminder, confirmation, digest
    }

    public let shape: Shape
    let root: TemplateValue

    init(shape: Shape, fields: [String: TemplateValue]) {
        self.shape = shape
        self.root = .object(fields)
    }

    /// Every key a template may use, dotted (`company.name`; list elements without an index:
    /// `invoices.number`).
    public var keyPaths: [String] { root.paths() }

    /// The text at a dotted path (`totals.total`), `""` for a missing value, `nil` if the path
    /// does not name a text: for tests and for `render` output of the CLI.
    public func text(at path: String) -> String? {
        var value = root
        for key in path.split(separator: ".") {
            guard case .object(let fields) = value.shape, let next = fields[String(key)] else { return nil }
            value = next
        }
        switch value {
        case .text(let text): return text
        case .missing(.text): return ""
        default: return nil
        }
    }

    /// The data as swift-mustache renders it.
    var mustacheValue: Any { root.mustacheValue }
}

extension TemplateData {
    /// The template KIND a data shape is checked with: `digest` and `confirmation` have
    /// their own; every other KIND (`reminder`, `notice`, a policy's own) is a policy step's.
    static func shape(ofKind kind: String) -> Shape {
        switch TemplateKind(rawValue: kind) {
        case .digest?: .digest
        case .confirmation?: .confirmation
        case .reminder?, .notice?, nil: .reminder
        }
    }

    /// `company`: the sender.
    static func company(_ company: Company) -> TemplateValue {
        .object([
            "name": .text(company.name),
            "iban": .optional(company.iban.flatMap { $0.isEmpty ? nil : $0 }),
            "email": .text(company.replyTo ?? company.from),
            "phone": .optional(company.phone),
            "address": .optional(company.address),
            "registration": .optional(company.registration),
            "vat": .optional(company.vat),
        ])
    }

    /// `customer`; `greeting_name` is the `contact` column (a person to address) when the
    /// customers CSV has one for them, else the customer's name.
    static func customer(_ customer: CustomerRecord) -> TemplateValue {
        let contact = customer.extra["contact"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        return .object([
            "id": .text(customer.customer),
            "name": .text(customer.name),
            "contact": .optional(contact),
            "greeting_name": .text(contact ?? customer.name),
            "email": .text(customer.email),
            "country": .text(customer.country),
        ])
    }

    /// One element of `invoices`; `nil` values give the element shape. `paid` is what
    /// payments and credit notes took off the amount, `nil` when nothing did.
    static func invoice(number: String, reference: String?, issued: String, due: String, amount: String, paid: String?,
                        open: String, costs: String, interest: String, daysOverdue: Int) -> TemplateValue {
        .object([
            "number": .text(number),
            "reference": .optional(reference.flatMap { $0.isEmpty ? nil : $0 }),
            "issued": .text(issued),
            "due": .text(due),
            "amount": .text(amount),
            "paid": .optional(paid),
            "partly_paid": .flag(paid != nil),
            "open": .text(open),
            "costs": .text(costs),
            "interest": .text(interest),
            "days_overdue": .number(daysOverdue),
        ])
    }

    static let invoiceShape = invoice(number: "", reference: nil, issued: "", due: "", amount: "", paid: nil, open: "",
                                      costs: "", interest: "", daysOverdue: 0)

    /// What payments and credit notes took off `amount` (formatted), `nil` when nothing.
    static func paid(amount: Decimal, open: Decimal, format: TemplateFormatter) -> String? {
        amount > open ? format.money(amount - max(open, 0)) : nil
    }

    /// The keys every letter to a customer has (not the digest).
    static func letter(company: Company, customer: CustomerRecord, language: String, asOf: CalendarDate,
                       invoices: [TemplateValue], invoiceIDs: [String], format: TemplateFormatter,
                       totals: (open: Decimal, costs: Decimal, interest: Decimal, total: Decimal),
                       payBy: CalendarDate, anyPaid: Bool) -> [String: TemplateValue] {
        [
            "any_paid": .flag(anyPaid),
            "language": .text(language),
            "date": .text(format.date(asOf)),
            "consumer": .flag(customer.kind == .consumer),
            "business": .flag(customer.kind == .business),
            "company": TemplateData.company(company),
            "customer": TemplateData.customer(customer),
            "invoices": .list(invoices, element: invoiceShape),
            "invoice_count": .number(invoices.count),
            "single_invoice": .flag(invoices.count == 1),
            "several_invoices": .flag(invoices.count > 1),
            "totals": .object([
                "open": .text(format.money(totals.open)),
                "costs": .text(format.money(totals.costs)),
                "interest": .text(format.money(totals.interest)),
                "total": .text(format.money(totals.total)),
            ]),
            "has_costs": .flag(totals.costs > 0),
            "has_interest": .flag(totals.interest > 0),
            "pay_by": .text(format.date(payBy)),
            "pay_within_days": .number(asOf.days(to: payBy)),
            "payment": .object([
                "iban": .optional(company.iban.flatMap { $0.isEmpty ? nil : $0 }),
                "reference": .text(invoiceIDs.joined(separator: ", ")),
                "amount": .text(format.money(totals.total)),
            ]),
        ]
    }

    /// The formatter for a letter to `customer` in `currency`.
    static func formatter(customer: CustomerRecord, config: DunningConfig, currency: Currency) -> TemplateFormatter {
        let identifier = TemplateFormatter.localeIdentifier(language: customer.language, country: customer.country,
                                                            fallback: config.company.locale)
        return TemplateFormatter(localeIdentifier: identifier, currency: currency)
    }
}
