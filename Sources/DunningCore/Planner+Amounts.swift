import Foundation

/// The costs one invoice carries in one step, and whether they are charged or only announced.
struct StepCosts {
    var charged: Decimal = 0
    /// NL 14-day letter: the WIK amount the letter must state.
    var announced: Decimal?
    var chargeableFrom: CalendarDate?
    var remark: CostRemark?
}

/// The statutory rules for consumer costs in one country: timing and maximum.
enum ConsumerRegime: Hashable {
    /// Art. 6:96 BW and the Besluit (WIK): the 14-day letter, the staffel as maximum.
    case nl
    /// Boek XIX WER: the free first reminder, the 2023 caps as maximum.
    case be

    var statutoryRule: CostRule { self == .nl ? .nlWIK : .beConsumer }
    var capName: String { self == .nl ? "WIK" : "Boek XIX WER" }
}

/// Why costs are not (yet) charged; rendered once per item, not per invoice.
enum CostRemark: Hashable {
    case announced(from: CalendarDate)
    case wikPostponed(from: CalendarDate, letterSent: CalendarDate)
    case wikNoLetter(step: String)
    case beFreeReminder
    case bePostponed(from: CalendarDate, reminderSent: CalendarDate)
    /// `eu-flat-40` on a consumer.
    case businessOnly
    /// Contractual costs above the statutory consumer maximum, capped to it.
    case capped(ConsumerRegime, cap: Decimal, agreed: Decimal)
    /// Contractual costs on an NL or BE consumer in a currency the cap is not given in.
    case capUnknown(ConsumerRegime, currency: String)
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
        case .businessOnly: return "no costs: eu-flat-40 is for business debtors only (Directive 2011/7/EU)"
        case .capped(let regime, let cap, let agreed):
            return "costs capped at the \(regime.capName) maximum \(currency) \(Money.string(cap, in: currency))"
                + " (contractual \(currency) \(Money.string(agreed, in: currency)))"
        case .capUnknown(let regime, let code):
            return "no costs: the \(regime.capName) maximum for consumers is in euros and \(code) is never converted"
        case .other(let text): return text
        }
    }
}

extension Planner {
    /// The 14-day term of the NL letter (art. 6:96 lid 6 BW) and the BE wait after the free
    /// reminder (Boek XIX WER) both run for 14 days starting the day after the letter was
    /// sent: a letter's pay-by date is never earlier than the 14th day after sending.
    static let costTermDays = 15

    /// The pay-by date a cost-announcing letter (or free BE reminder) states when sent on
    /// `day`: `pay_within` after it, never before the end of the 14-day term.
    static func termEnd(sent day: CalendarDate, step: PolicyStep) -> CalendarDate {
        day.adding(days: max(step.payWithin, costTermDays - 1))
    }

    /// The statutory consumer regime whose timing (the NL 14-day letter, the free BE
    /// reminder) and cap a step's concrete cost rule follows for `customer`, if any.
    ///
    /// `nl-wik` and `be-consumer` are their own regime. Contractual costs (`fixed`,
    /// `percent`) on an NL or BE consumer are bound by the same law: art. 6:96 lid 5 BW makes
    /// the WIK staffel the maximum for consumers, and art. XIX.4 WER caps what a Belgian
    /// consumer may be charged, both after the same letter or free reminder.
    static func regime(_ concrete: CostRule, customer: CustomerRecord) -> ConsumerRegime? {
        switch concrete {
        case .nlWIK: return .nl
        case .beConsumer: return .be
        case .fixed, .percent:
            guard customer.kind == .consumer else { return nil }
            return customer.country == "NL" ? .nl : customer.country == "BE" ? .be : nil
        case .none, .euFlat40, .statutory: return nil
        }
    }

    /// Costs of one invoice in step `index`, on its open amount.
    ///
    /// NL consumers (`nl-wik`, or contractual costs): the first step of the policy whose
    /// rule comes to the NL regime is the 14-day letter: it announces the exact amount and
    /// charges nothing; a later step charges it from the day after the pay-by date the letter
    /// stated, once the letter was actually sent. BE consumers: nothing before an earlier
    /// email step was sent for the invoice (the free first reminder), then only from the day
    /// after the pay-by date that reminder stated (at least its 14 days). `eu-flat-40` is
    /// never charged to a consumer (Directive 2011/7/EU covers businesses only).
    static func costs(for balance: InvoiceBalance, policy: Policy, index: Int, customer: CustomerRecord,
                      config: DunningConfig, progress: CustomerProgress, asOf: CalendarDate) -> StepCosts {
        guard let rule = policy.steps[index].costs else { return StepCosts() }
        let concrete = Costs.concrete(rule, country: customer.country, kind: customer.kind)
        if concrete == .euFlat40, customer.kind == .consumer { return StepCosts(remark: .businessOnly) }
        let invoice = balance.invoice
        let assessed = Costs.assess(concrete, principal: balance.open, currency: invoice.currency,
                                    flatCompensation: config.flatCompensation)
        guard !assessed.amount.isZero else { return StepCosts(remark: assessed.detail.map(CostRemark.other)) }
        let regime = regime(concrete, customer: customer)
        if let regime, invoice.currency.code != "EUR" {
            // Only contractual rules get here (the statutory ones assess 0 outside euros).
            return StepCosts(remark: .capUnknown(regime, currency: invoice.currency.code))
        }
        let done = progress.done[invoice.invoice] ?? [:]
        switch regime {
        case .nl?:
            let letter = policy.steps.firstIndex {
                $0.costs.map { Self.regime(Costs.concrete($0, country: customer.country, kind: customer.kind), customer: customer) } == .nl
            } ?? index
            if index == letter {
                let from = termEnd(sent: asOf, step: policy.steps[letter]).adding(days: 1)
                return StepCosts(announced: assessed.amount, chargeableFrom: from, remark: .announced(from: from))
            }
            guard let sent = done[policy.steps[letter].id] else {
                return StepCosts(remark: .wikNoLetter(step: policy.steps[letter].id))
            }
            let from = termEnd(sent: sent, step: policy.steps[letter]).adding(days: 1)
            guard asOf >= from else {
                return StepCosts(chargeableFrom: from, remark: .wikPostponed(from: from, letterSent: sent))
            }
            return StepCosts(charged: assessed.amount)
        case .be?:
            let reminders = policy.steps[..<index].filter { $0.channel == .email }.compactMap { step in done[step.id].map { (step, $0) } }
            guard let first = reminders.min(by: { $0.1 < $1.1 }) else {
                let from = termEnd(sent: asOf, step: policy.steps[index]).adding(days: 1)
                return StepCosts(chargeableFrom: from, remark: .beFreeReminder)
            }
            let (reminder, sent) = first
            let from = termEnd(sent: sent, step: reminder).adding(days: 1)
            guard asOf >= from else {
                return StepCosts(chargeableFrom: from, remark: .bePostponed(from: from, reminderSent: sent))
            }
            return StepCosts(charged: assessed.amount)
        case nil:
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
    /// that the invoices add up to the item. Contractual costs on an NL or BE consumer
    /// (`contractual`) keep their own amount up to that statutory maximum; above it they are
    /// capped to it and `remarks` says so. Business costs (`eu-flat-40`, fixed, percentages)
    /// stay per invoice: the Directive's €40 is owed per late invoice (CJEU C-287/17).
    static func pooled(_ costs: [StepCosts], balances: [InvoiceBalance], regime: ConsumerRegime?, contractual: Bool,
                       currency: Currency, remarks: inout [CostRemark]) -> [StepCosts] {
        guard let regime, contractual || costs.count > 1 else { return costs }
        var pooled = costs
        func pool(_ members: [Int], get: (StepCosts) -> Decimal, set: (inout StepCosts, Decimal) -> Void) {
            guard contractual ? !members.isEmpty : members.count > 1 else { return }
            let weights = members.map { balances[$0].open }
            let statutory = Costs.assess(regime.statutoryRule, principal: weights.reduce(0, +), currency: currency).amount
            if contractual {
                let agreed = members.reduce(Decimal(0)) { $0 + get(costs[$1]) }
                guard agreed > statutory else { return }
                let remark = CostRemark.capped(regime, cap: statutory, agreed: agreed)
                if !remarks.contains(remark) { remarks.append(remark) }
            }
            for (member, share) in zip(members, Costs.spread(statutory, over: weights, in: currency)) { set(&pooled[member], share) }
        }
        pool(costs.indices.filter { !costs[$0].charged.isZero }, get: \.charged) { $0.charged = $1 }
        pool(costs.indices.filter { costs[$0].announced != nil }, get: { $0.announced ?? 0 }) { $0.announced = $1 }
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
