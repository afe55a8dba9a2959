import Foundation

/// The costs one invoice carries in one step, and whether they are charged or only announced.
struct StepCosts {
    var charged: Decimal = 0
    /// NL 14-day letter: the WIK amount the letter must state.
    var announced: Decimal?
    var chargeableFrom: CalendarDate?
    var note: String?
}

extension Planner {
    /// The 14-day term of the NL letter (art. 6:96 lid 6 BW) and the BE wait after the free
    /// reminder (Boek XIX WER) both run for 14 days starting the day after the letter was
    /// sent; costs are chargeable from the 15th day after sending.
    static let costTermDays = 15

    /// Costs of one invoice in step `index`, on its open amount.
    ///
    /// NL consumers (`nl-wik`): the first step of the policy whose rule comes to `nl-wik` is
    /// the 14-day letter: it announces the exact amount and charges nothing; a later step
    /// charges it once the letter was actually sent ≥ 15 days before as-of. BE consumers
    /// (`be-consumer`): nothing before an earlier step was sent for the invoice (the free
    /// first reminder), then only from 15 days after that reminder.
    static func costs(for balance: InvoiceBalance, policy: Policy, index: Int, customer: CustomerRecord,
                      config: DunningConfig, progress: CustomerProgress, asOf: CalendarDate) -> StepCosts {
        guard let rule = policy.steps[index].costs else { return StepCosts() }
        let concrete = Costs.concrete(rule, country: customer.country, kind: customer.kind)
        let invoice = balance.invoice
        let assessed = Costs.assess(concrete, principal: balance.open, currency: invoice.currency,
                                    flatCompensation: config.flatCompensation)
        guard assessed.amount > 0 else { return StepCosts(note: assessed.detail.map { "\(invoice.invoice): \($0)" }) }
        let done = progress.done[invoice.invoice] ?? [:]
        let amountText = "\(invoice.currency) \(Money.string(assessed.amount, in: invoice.currency))"
        switch concrete {
        case .nlWIK:
            let letter = policy.steps.firstIndex {
                $0.costs.map { Costs.concrete($0, country: customer.country, kind: customer.kind) } == .nlWIK
            } ?? index
            if index == letter {
                let from = asOf.adding(days: costTermDays)
                return StepCosts(announced: assessed.amount, chargeableFrom: from,
                                 note: "\(invoice.invoice): 14-day letter announces WIK costs \(amountText), chargeable from \(from) if unpaid")
            }
            guard let sent = done[policy.steps[letter].id] else {
                return StepCosts(note: "\(invoice.invoice): no WIK costs: the 14-day letter (\(policy.steps[letter].id)) was never sent")
            }
            let from = sent.adding(days: costTermDays)
            guard asOf >= from else {
                return StepCosts(chargeableFrom: from,
                                 note: "\(invoice.invoice): WIK costs \(amountText) chargeable from \(from) (14-day letter sent \(sent))")
            }
            return StepCosts(charged: assessed.amount)
        case .beConsumer:
            let firstSent = policy.steps[..<index].filter { $0.channel == .email }.compactMap { done[$0.id] }.min()
            guard let firstSent else {
                return StepCosts(chargeableFrom: asOf.adding(days: costTermDays),
                                 note: "\(invoice.invoice): the first reminder is free (Boek XIX WER); no costs in this step")
            }
            let from = firstSent.adding(days: costTermDays)
            guard asOf >= from else {
                return StepCosts(chargeableFrom: from,
                                 note: "\(invoice.invoice): costs \(amountText) chargeable from \(from) (14 days after the free reminder of \(firstSent))")
            }
            return StepCosts(charged: assessed.amount)
        default:
            return StepCosts(charged: assessed.amount, note: assessed.detail.map { "\(invoice.invoice): \($0)" })
        }
    }

    /// Interest on one invoice in step `index`: from the day after due through as-of, on
    /// the running principal (payments lower it from their date), rounded once.
    static func interest(for balance: InvoiceBalance, step: PolicyStep, customer: CustomerRecord,
                         config: DunningConfig, asOf: CalendarDate) -> (amount: Decimal, note: String?) {
        let name: String
        switch step.interest {
        case nil, .some(.none):
            return (0, nil)
        case .some(.rates(let table)):
            name = table
        case .some(.statutory):
            guard let table = Interest.statutoryTableName(country: customer.country, kind: customer.kind) else {
                return (0, "no statutory interest table for \(customer.kind.rawValue) customers in \(customer.country)")
            }
            name = table
        }
        guard let table = config.rates[name] else { return (0, "no interest: rates table '\(name)' is not configured") }
        let invoice = balance.invoice
        let amount = Interest.amount(principal: balance.interestPrincipal, changes: balance.principalChanges, table: table,
                                     from: invoice.due.adding(days: 1), through: asOf, currency: invoice.currency)
        return (amount, nil)
    }

    /// A warning when an invoice's claim is within `warnDays` of its limitation period.
    ///
    /// The period runs from the day after due; with `interruptedByReminder` (NL art. 3:317
    /// BW, a written notice) it restarts the day after the last reminder actually sent.
    static func limitationWarning(for invoice: InvoiceRecord, customer: CustomerRecord, config: DunningConfig,
                                  progress: CustomerProgress, asOf: CalendarDate) -> LimitationWarning? {
        guard let rule = config.limitation.first(where: {
            $0.country == customer.country && ($0.kind == nil || $0.kind == customer.kind)
        }) else { return nil }
        var start = invoice.due.adding(days: 1)
        var interrupted = ""
        if rule.interruptedByReminder, let sent = progress.lastSent[invoice.invoice], sent.adding(days: 1) > start {
            start = sent.adding(days: 1)
            interrupted = ", interrupted by the reminder of \(sent)"
        }
        let expires = rule.period.after(start)
        let left = asOf.days(to: expires)
        guard left <= rule.warnDays else { return nil }
        let detail = left > 0
            ? "claim on \(invoice.invoice) becomes time-barred on \(expires) (\(left) days left, \(rule.period) period\(interrupted))"
            : "claim on \(invoice.invoice) is time-barred since \(expires) (\(rule.period) period\(interrupted))"
        return LimitationWarning(customer: customer.customer, invoice: invoice.invoice, expires: expires, daysLeft: left, detail: detail)
    }
}
