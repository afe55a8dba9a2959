import Foundation

/// The costs one invoice carries in one step, and whether they are charged or only announced.
struct StepCosts {
    var charged: Decimal = 0
    /// NL 14-day letter: the WIK amount the letter must state.
    var announced: Decimal?
    var chargeableFrom: CalendarDate?
    var remark: CostRemark?
}

/// Why costs are not (yet) charged; rendered once per item, not per invoice.
enum CostRemark: Hashable {
    case announced(from: CalendarDate)
    case wikPostponed(from: CalendarDate, letterSent: CalendarDate)
    case wikNoLetter(step: String)
    case beFreeReminder
    case bePostponed(from: CalendarDate, reminderSent: CalendarDate)
    case other(String)

    func text(announced: Decimal?, currency: Currency) -> String {
        switch self {
        case .announced(let from):
            let amount = announced.map { " \(currency) \(Money.string($0, in: currency))" } ?? ""
            return "14-day letter: states WIK costs\(amount), chargeable from \(from) if unpaid"
        case .wikPostponed(let from, let sent): return "WIK costs chargeable from \(from) (14-day letter sent \(sent))"
        case .wikNoLetter(let step): return "no WIK costs: the 14-day letter (\(step)) was never sent"
        case .beFreeReminder: return "the first reminder is free (Boek XIX WER); no costs in this step"
        case .bePostponed(let from, let sent): return "costs chargeable from \(from) (14 days after the free reminder of \(sent))"
        case .other(let text): return text
        }
    }
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
        guard !assessed.amount.isZero else { return StepCosts(remark: assessed.detail.map(CostRemark.other)) }
        let done = progress.done[invoice.invoice] ?? [:]
        switch concrete {
        case .nlWIK:
            let letter = policy.steps.firstIndex {
                $0.costs.map { Costs.concrete($0, country: customer.country, kind: customer.kind) } == .nlWIK
            } ?? index
            if index == letter {
                let from = asOf.adding(days: costTermDays)
                return StepCosts(announced: assessed.amount, chargeableFrom: from, remark: .announced(from: from))
            }
            guard let sent = done[policy.steps[letter].id] else {
                return StepCosts(remark: .wikNoLetter(step: policy.steps[letter].id))
            }
            let from = sent.adding(days: costTermDays)
            guard asOf >= from else {
                return StepCosts(chargeableFrom: from, remark: .wikPostponed(from: from, letterSent: sent))
            }
            return StepCosts(charged: assessed.amount)
        case .beConsumer:
            let firstSent = policy.steps[..<index].filter { $0.channel == .email }.compactMap { done[$0.id] }.min()
            guard let firstSent else {
                return StepCosts(chargeableFrom: asOf.adding(days: costTermDays), remark: .beFreeReminder)
            }
            let from = firstSent.adding(days: costTermDays)
            guard asOf >= from else {
                return StepCosts(chargeableFrom: from, remark: .bePostponed(from: from, reminderSent: firstSent))
            }
            return StepCosts(charged: assessed.amount)
        default:
            return StepCosts(charged: assessed.amount, remark: assessed.detail.map(CostRemark.other))
        }
    }

    /// Consumer costs of one item's invoices computed on their combined principal.
    ///
    /// The NL staffel (`nl-wik`) and the BE caps (`be-consumer`) apply to the claim the
    /// debtor is asked to pay, and one letter claiming several invoices is one claim: the
    /// Besluit's explanatory note adds up claims collected together, and charging the €40
    /// minimum per invoice would turn three €30 invoices into €120 of costs on €90. So the
    /// amount is assessed once on the sum of the open amounts of the invoices whose costs
    /// are charged (and, separately, of those announced), then spread over them in
    /// proportion to their open amounts, rounded half up, the last taking the remainder so
    /// that the invoices add up to the item. Business costs (`eu-flat-40`, fixed,
    /// percentages) stay per invoice: the Directive's €40 is owed per late invoice
    /// (CJEU C-287/17).
    static func pooled(_ costs: [StepCosts], balances: [InvoiceBalance], rule: CostRule?, currency: Currency) -> [StepCosts] {
        guard let rule, rule == .nlWIK || rule == .beConsumer, costs.count > 1 else { return costs }
        var pooled = costs
        func pool(_ members: [Int], set: (inout StepCosts, Decimal) -> Void) {
            guard members.count > 1 else { return }
            let weights = members.map { balances[$0].open }
            let total = Costs.assess(rule, principal: weights.reduce(0, +), currency: currency).amount
            for (member, share) in zip(members, Costs.spread(total, over: weights, in: currency)) { set(&pooled[member], share) }
        }
        pool(costs.indices.filter { !costs[$0].charged.isZero }) { $0.charged = $1 }
        pool(costs.indices.filter { costs[$0].announced != nil }) { $0.announced = $1 }
        return pooled
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
