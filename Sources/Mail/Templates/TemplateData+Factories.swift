import DunningCore
import Foundation

extension TemplateData {
    /// For a plan item: the message of its policy step (`reminder`, `notice`, or a policy's
    /// own KIND), to `customer`, written on `asOf`.
    ///
    /// Amounts are the item's (costs and interest of this step); `announced_costs` is set only
    /// for the NL consumer 14-day letter (art. 6:96 lid 6 BW), with the day they become due.
    public static func reminder(item: PlanItem, customer: CustomerRecord, config: DunningConfig,
                                asOf: CalendarDate) -> TemplateData {
        let facts = StepFacts(
            step: item.step, kind: item.template ?? item.step, currency: item.currency,
            invoices: item.invoices.map {
                LetterInvoice(id: $0.id, order: $0.order, issued: $0.issued, due: $0.due, daysOverdue: $0.daysOverdue,
                              amount: $0.amount, open: $0.open, costs: $0.costs, interest: $0.interest)
            },
            open: item.open, costs: item.costs, interest: item.interest, total: item.total,
            announcedCosts: item.announcedCosts, costsChargeableFrom: item.costsChargeableFrom, payBy: item.payBy,
            previousStepOn: item.previousStepOn,
            missedInstalments: item.missedInstalments.map { ($0.due, $0.amount, $0.unpaid) })
        return step(facts, customer: customer, config: config, asOf: asOf)
    }

    /// For a promise to pay just recorded: the written confirmation of it.
    ///
    /// `invoices` are the balances of the invoices the promise is about (for a customer-wide
    /// promise, all the customer's open ones); `pay_by` is the promised day, and
    /// `promise.amount` the promised amount or, when none was recorded, everything open.
    public static func confirmation(promise: PromiseRecord, invoices: [InvoiceBalance], customer: CustomerRecord,
                                    config: DunningConfig, asOf: CalendarDate) -> TemplateData {
        confirmation(promise: promise, invoices: invoices.map { OpenInvoice(invoice: $0.invoice, open: $0.open) },
                     customer: customer, config: config, asOf: asOf)
    }

    static func confirmation(promise: PromiseRecord, invoices: [OpenInvoice], customer: CustomerRecord,
                             config: DunningConfig, asOf: CalendarDate) -> TemplateData {
        let currency = invoices.first?.invoice.currency ?? .euro
        let format = formatter(customer: customer, config: config, currency: currency)
        let open = invoices.reduce(Decimal(0)) { $0 + $1.open }
        var fields = confirmationLetter(invoices: invoices, customer: customer, config: config, asOf: asOf,
                                        format: format, open: open, payBy: promise.until)
        fields["promise"] = .object([
            "until": .text(format.date(promise.until)),
            "amount": .text(format.money(promise.amount ?? open)),
            "partial": .flag(promise.amount.map { $0 < open } ?? false),
        ])
        fields["arrangement"] = .missing(arrangementShape)
        return TemplateData(shape: .confirmation, fields: fields)
    }

    /// For an instalment arrangement just recorded: the written confirmation of it.
    ///
    /// `invoices` are the balances of the arrangement's invoices; `pay_by` is the first
    /// instalment's due date.
    public static func confirmation(arrangement: ArrangementRecord, invoices: [InvoiceBalance],
                                    customer: CustomerRecord, config: DunningConfig,
                                    asOf: CalendarDate) -> TemplateData {
        confirmation(arrangement: arrangement, invoices: invoices.map { OpenInvoice(invoice: $0.invoice, open: $0.open) },
                     customer: customer, config: config, asOf: asOf)
    }

    static func confirmation(arrangement: ArrangementRecord, invoices: [OpenInvoice], customer: CustomerRecord,
                             config: DunningConfig, asOf: CalendarDate) -> TemplateData {
        let currency = invoices.first?.invoice.currency ?? .euro
        let format = formatter(customer: customer, config: config, currency: currency)
        let open = invoices.reduce(Decimal(0)) { $0 + $1.open }
        let instalments = arrangement.instalments.sorted { $0.due < $1.due }
        var fields = confirmationLetter(invoices: invoices, customer: customer, config: config, asOf: asOf,
                                        format: format, open: open, payBy: instalments.first?.due ?? asOf)
        fields["promise"] = .missing(promiseShape)
        fields["arrangement"] = .object([
            "instalments": .list(instalments.enumerated().map { index, instalment in
                .object(["number": .number(index + 1), "due": .text(format.date(instalment.due)),
                         "amount": .text(format.money(instalment.amount))])
            }, element: instalmentShape),
            "count": .number(instalments.count),
            "total": .text(format.money(instalments.reduce(Decimal(0)) { $0 + $1.amount })),
            "first_due": .optional(instalments.first.map { format.date($0.due) }),
            "last_due": .optional(instalments.last.map { format.date($0.due) }),
        ])
        return TemplateData(shape: .confirmation, fields: fields)
    }

    // MARK: - Shared parts

    /// What a policy step's letter states, whether it comes from a plan item or a sample.
    struct StepFacts {
        var step: String
        var kind: String
        var currency: Currency
        var invoices: [LetterInvoice]
        var open, costs, interest, total: Decimal
        var announcedCosts: Decimal?
        var costsChargeableFrom: CalendarDate?
        var payBy: CalendarDate
        var previousStepOn: CalendarDate?
        var missedInstalments: [(due: CalendarDate, amount: Decimal, unpaid: Decimal)]
    }

    /// An invoice and what is still open on it (`InvoiceBalance` without the engine's parts).
    struct OpenInvoice {
        var invoice: InvoiceRecord
        var open: Decimal
    }

    struct LetterInvoice {
        var id: String
        var order: String?
        var issued, due: CalendarDate
        var daysOverdue: Int
        var amount, open, costs, interest: Decimal
    }

    static func step(_ facts: StepFacts, customer: CustomerRecord, config: DunningConfig,
                     asOf: CalendarDate) -> TemplateData {
        let format = formatter(customer: customer, config: config, currency: facts.currency)
        let invoices = facts.invoices.map {
            invoice(number: $0.id, reference: $0.order, issued: format.date($0.issued), due: format.date($0.due),
                    amount: format.money($0.amount), paid: paid(amount: $0.amount, open: $0.open, format: format),
                    open: format.money($0.open), costs: format.money($0.costs),
                    interest: format.money($0.interest), daysOverdue: $0.daysOverdue)
        }
        var fields = letter(company: config.company, customer: customer,
                            language: language(of: customer, config: config), asOf: asOf, invoices: invoices,
                            invoiceIDs: facts.invoices.map(\.id), format: format,
                            totals: (facts.open, facts.costs, facts.interest, facts.total), payBy: facts.payBy,
                            anyPaid: facts.invoices.contains { $0.amount > $0.open })
        fields["step"] = .text(facts.step)
        fields["kind"] = .text(facts.kind)
        fields["announced_costs"] = .optional(facts.announcedCosts.map(format.money))
        fields["announced_costs_from"] = .optional(facts.announcedCosts == nil ? nil : facts.costsChargeableFrom.map(format.date))
        fields["previous_reminder"] = .optional(facts.previousStepOn.map(format.date))
        fields["missed_instalments"] = .list(facts.missedInstalments.map {
            .object(["due": .text(format.date($0.due)), "amount": .text(format.money($0.amount)),
                     "unpaid": .text(format.money($0.unpaid))])
        }, element: missedShape)
        return TemplateData(shape: .reminder, fields: fields)
    }

    static func confirmationLetter(invoices: [OpenInvoice], customer: CustomerRecord, config: DunningConfig,
                                   asOf: CalendarDate, format: TemplateFormatter, open: Decimal,
                                   payBy: CalendarDate) -> [String: TemplateValue] {
        let zero = format.money(0)
        let elements = invoices.map {
            invoice(number: $0.invoice.invoice, reference: $0.invoice.order, issued: format.date($0.invoice.issued),
                    due: format.date($0.invoice.due), amount: format.money($0.invoice.amount),
                    paid: paid(amount: $0.invoice.amount, open: $0.open, format: format), open: format.money($0.open),
                    costs: zero, interest: zero, daysOverdue: max(0, $0.invoice.due.days(to: asOf)))
        }
        return letter(company: config.company, customer: customer, language: language(of: customer, config: config),
                      asOf: asOf, invoices: elements, invoiceIDs: invoices.map(\.invoice.invoice), format: format,
                      totals: (open, 0, 0, open), payBy: payBy, anyPaid: invoices.contains { $0.invoice.amount > $0.open })
    }

    /// The customer's language, or the company's when the customer has none.
    static func language(of customer: CustomerRecord, config: DunningConfig) -> String {
        customer.language.isEmpty ? config.company.language : customer.language.lowercased()
    }

    static let missedShape = TemplateValue.object(["due": .text(""), "amount": .text(""), "unpaid": .text("")])
    static let instalmentShape = TemplateValue.object(["number": .number(0), "due": .text(""), "amount": .text("")])
    static let promiseShape = TemplateValue.object(["until": .text(""), "amount": .text(""), "partial": .flag(false)])
    static let arrangementShape = TemplateValue.object([
        "instalments": .list([], element: instalmentShape), "count": .number(0), "total": .text(""),
        "first_due": .missing(.text("")), "last_due": .missing(.text("")),
    ])
}
