import Foundation

/// Turns one customer's groups of invoices into plan items.
struct ItemBuilder {
    let context: Context
    let customer: CustomerRecord
    let history: CustomerState
    let policy: Policy
    let progress: CustomerProgress
    let balances: [InvoiceBalance]
    let warnings: [String: LimitationWarning]
    /// A customer-wide hold or pending promise: every item of the customer is blocked.
    let customerPause: Pause?

    var asOf: CalendarDate { context.asOfDate }

    /// The item for the invoices at step `index` in one currency.
    func item(index: Int, group: Group) -> PlanItem {
        let step = policy.steps[index]
        let members = group.members.sorted { ($0.invoice.due, $0.invoice.invoice) < ($1.invoice.due, $1.invoice.invoice) }
        let shown = members.isEmpty
            ? group.paused.sorted { ($0.invoice.due, $0.invoice.invoice) < ($1.invoice.due, $1.invoice.invoice) }
            : members
        var item = skeleton(index: index, invoices: shown)
        item.excluded = group.excluded
        let scale = item.currency.minorUnits
        var costSum = MoneySum(scale: scale), interestSum = MoneySum(scale: scale), openSum = MoneySum(scale: scale)
        var announced: MoneySum?
        var remarks: [CostRemark] = []
        var interestNote: String?
        // `shown` is `members` when there are any, so positions match.
        let concrete = step.costs.map { Costs.concrete($0, country: customer.country, kind: customer.kind) }
        let regime = concrete.flatMap { Planner.regime($0, customer: customer) }
        let allCosts = Planner.pooled(members.map {
            Planner.costs(for: $0, policy: policy, index: index, customer: customer,
                          config: context.config, progress: progress, asOf: asOf)
        }, balances: members, regime: item.currency.code == "EUR" ? regime : nil,
           contractual: concrete != .nlWIK && concrete != .beConsumer, currency: item.currency, remarks: &remarks)
        for (position, balance) in members.enumerated() {
            let costs = allCosts[position]
            let interest = Planner.interest(for: balance, step: step, customer: customer, config: context.config, asOf: asOf)
            item.invoices[position].costs = costs.charged
            item.invoices[position].interest = interest.amount
            costSum.add(costs.charged)
            interestSum.add(interest.amount)
            openSum.add(balance.open)
            if let amount = costs.announced {
                announced = announced ?? MoneySum(scale: scale)
                announced?.add(amount)
            }
            if let from = costs.chargeableFrom { item.costsChargeableFrom = max(item.costsChargeableFrom ?? from, from) }
            if let remark = costs.remark, !remarks.contains(remark) { remarks.append(remark) }
            interestNote = interestNote ?? interest.note
        }
        item.announcedCosts = announced?.value
        item.costs = costSum.value
        item.interest = interestSum.value
        if members.isEmpty {
            // All paused: show what the paused invoices amount to, without costs or interest.
            for balance in shown { openSum.add(balance.open) }
        }
        item.open = openSum.value
        var total = MoneySum(scale: scale)
        for part in [item.open, item.costs, item.interest] { total.add(part) }
        item.total = total.value
        item.notes = remarks.map { $0.text(announced: item.announcedCosts, currency: item.currency) } + (interestNote.map { [$0] } ?? [])
        if item.announcedCosts != nil { item.payBy = max(item.payBy, asOf.adding(days: Planner.costTermDays - 1)) }

        let dueOn = shown.map { progress.stepDueOn(invoice: $0.invoice, index: index, policy: policy) }.min() ?? asOf
        item.stepDueOn = dueOn
        if let pause = customerPause {
            block(&item, pause)
        } else if members.isEmpty, let first = group.excluded.first {
            let more = group.excluded.count > 1 ? " (and \(group.excluded.count - 1) more invoice(s) paused)" : ""
            block(&item, Pause(reason: first.reason, detail: "\(first.id): \(first.detail)\(more)"))
        } else if asOf < dueOn {
            item.status = .waiting
            item.detail = "step \(step.id) due on \(dueOn)"
        } else {
            decide(&item, step: step)
        }
        return item
    }

    /// The item for an instalment arrangement: blocked `arrangement` while instalments are
    /// kept; once one is missed (due + grace passed, payments short) it chases the missed
    /// amount with the next policy step of the arranged invoices, without costs or interest.
    func arrangementItem(_ arrangement: ArrangementStatus, progress: CustomerProgress) -> PlanItem {
        let members = arrangement.invoices.compactMap { id in balances.first { $0.invoice.invoice == id && !$0.open.isZero } }
            .sorted { ($0.invoice.due, $0.invoice.invoice) < ($1.invoice.due, $1.invoice.invoice) }
        let nextIndex = members.map { progress.nextStepIndex(invoice: $0.invoice.invoice, steps: policy.steps) }.min() ?? 0
        let index = min(nextIndex, policy.steps.count - 1)
        var item = skeleton(index: index, invoices: members)
        item.arrangement = arrangement.recordID
        item.missedInstalments = arrangement.missed
        let currency = item.currency
        func money(_ value: Decimal) -> String { "\(currency) \(Money.string(value, in: currency))" }
        if arrangement.missed.isEmpty {
            item.open = members.reduce(Decimal(0)) { $0 + $1.open }
            item.total = item.open
            item.stepDueOn = arrangement.next.map { $0.due.adding(days: policy.grace + 1) } ?? asOf
            let next = arrangement.next.map { "next instalment \(money($0.amount)) due \($0.due)" } ?? "no instalment left to pay"
            block(&item, customerPause ?? Pause(reason: .arrangement,
                                                detail: "instalment arrangement \(arrangement.recordID): \(next)"))
            return item
        }
        item.open = arrangement.missed.reduce(Decimal(0)) { $0 + $1.unpaid }
        item.total = item.open
        // Due the day after the missed instalment's grace, and no faster than the policy's
        // cadence from the step done last (each chase moves one step on).
        let missedFrom = arrangement.missed[0].due.adding(days: policy.grace + 1)
        let paced = members.map { progress.stepDueOn(invoice: $0.invoice, index: index, policy: policy) }.min() ?? missedFrom
        item.stepDueOn = max(missedFrom, paced)
        let missed = arrangement.missed.map { "\(money($0.unpaid)) of the instalment due \($0.due)" }.joined(separator: ", ")
        let prefix = "missed instalment(s) of arrangement \(arrangement.recordID): \(missed) unpaid"
        if let pause = customerPause {
            block(&item, pause)
        } else if nextIndex >= policy.steps.count {
            block(&item, Pause(reason: .arrangement, detail: "\(prefix); every policy step is done: decide by hand"))
        } else if asOf < item.stepDueOn {
            item.status = .waiting
            item.detail = "\(prefix); step \(policy.steps[index].id) due on \(item.stepDueOn)"
        } else {
            decide(&item, step: policy.steps[index])
            item.detail = item.detail.map { "\(prefix); \($0)" } ?? prefix
        }
        return item
    }

    /// A due step: blocked by a send condition, or due (with a remark on the contact, if any).
    private func decide(_ item: inout PlanItem, step: PolicyStep) {
        let email = customer.email
        if step.channel == .email,
           let pause = Planner.deliveryBlock(step: step.id, invoices: item.invoices.map(\.id), progress: progress,
                                             currentEmail: email, zone: context.zone) {
            return block(&item, pause)
        }
        if let minimum = policy.minimum {
            var sum = MoneySum(scale: item.currency.minorUnits)
            for balance in balances where balance.invoice.currency == item.currency { sum.add(balance.open) }
            let total = sum.value
            if total < minimum {
                return block(&item, Pause(reason: .belowMinimum,
                                          detail: "open total \(item.currency) \(Money.string(total, in: item.currency)) is below the policy minimum \(Money.string(minimum, in: item.currency))"))
            }
        }
        item.status = .due
        if step.channel == .handover, let missing = Planner.handoverGaps(customer) {
            return block(&item, Pause(reason: .contactInvalid, detail: "a handover needs the customer's \(missing)"))
        }
        guard step.channel == .email else { return }
        if let typo = Planner.typoWarning(customer.email, config: context.config) { item.notes.append(typo) }
        switch Planner.contactStatus(customer, history: history, state: context.state, config: context.config, asOf: context.asOf) {
        case .blocked(let pause):
            return block(&item, pause)
        case .unchecked(let remark), .allowed(let remark):
            item.detail = remark
        case .valid:
            break
        }
        if let detail = context.outsideWindow {
            block(&item, Pause(reason: .outsideWindow, detail: detail))
        }
    }

    private func block(_ item: inout PlanItem, _ pause: Pause) {
        item.status = .blocked
        item.blocked = pause.reason
        item.detail = pause.detail
    }

    /// An item with the customer, step and invoices filled in and no amounts yet.
    private func skeleton(index: Int, invoices: [InvoiceBalance]) -> PlanItem {
        let step = policy.steps[index]
        let to: String? = switch step.channel {
        case .email: customer.email.isEmpty ? nil : customer.email
        case .task: customer.phone.isEmpty ? nil : customer.phone
        case .handover: nil
        }
        let previous = index > 0 ? policy.steps[index - 1].id : nil
        let previousOn = previous.flatMap { id in invoices.compactMap { progress.done[$0.invoice.invoice]?[id] }.max() }
        return PlanItem(
            customer: customer.customer, customerName: customer.name, kind: customer.kind, country: customer.country,
            language: customer.language, policy: policy.id, step: step.id, stepIndex: index, template: step.template,
            channel: step.channel, to: to, status: .due, blocked: nil, detail: nil, stepDueOn: asOf,
            currency: invoices.first?.invoice.currency ?? .euro, open: 0, costs: 0, interest: 0, total: 0,
            announcedCosts: nil, costsChargeableFrom: nil, payBy: asOf.adding(days: step.payWithin),
            previousStep: previous, previousStepOn: previousOn,
            invoices: invoices.map {
                PlanInvoice(id: $0.invoice.invoice, order: $0.invoice.order, issued: $0.invoice.issued, due: $0.invoice.due,
                            daysOverdue: $0.invoice.due.days(to: asOf), amount: $0.invoice.amount, open: $0.open,
                            costs: 0, interest: 0, pdf: $0.invoice.pdf)
            },
            excluded: [], arrangement: nil, missedInstalments: [],
            warnings: invoices.compactMap { warnings[$0.invoice.invoice] }, notes: [])
    }
}
