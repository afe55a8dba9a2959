import DunningCore
import Foundation
import Mail

/// The digest's groups read from the plan as of now: what is held back and what waits for a person.
extension DigestCollector {
    /// Reasons that are not listed under `blocked`: the send window only delays, and
    /// deferred and uncertain messages have groups of their own.
    static let unlisted: Set<BlockReason> = [.outsideWindow, .deferred, .uncertainSend]

    func planned(into groups: inout DigestGroups) {
        for item in plan.items {
            switch (item.status, item.channel) {
            case (.blocked, _):
                guard let reason = item.blocked, !Self.unlisted.contains(reason) else { continue }
                groups.blocked.append(say.blocked(customer: customer(item.customer), step: item.step,
                                                  invoices: item.invoices.map(\.id), because: heldBack(item, reason)))
            case (.due, .task):
                // The cycle that runs before the digest writes due calls as tasks (listed from
                // the ledger); one still due here was not written.
                guard let line = call(customer: item.customer, invoices: item.invoices.map(\.id)) else { continue }
                groups.calls.append(line)
            case (.due, .handover):
                groups.handovers.append(say.handover(customer: customer(item.customer), invoices: item.invoices.map(\.id),
                                                     total: money(item.total, item.currency), since: day(item.stepDueOn)))
            default:
                continue
            }
        }
        // Proposed until written (as for calls).
        for task in plan.tasks where task.kind == .brokenPromise {
            groups.promises.append(brokenPromise(customer: task.customer, invoices: task.invoices, before: Int.max))
        }
        groups.promises.insert(contentsOf: promisesDue(), at: 0)
        groups.limitation = limitation()
        groups.needsAttention = plan.unchased.map { unchased in
            say.uncovered(customer: customer(unchased.customer), invoices: unchased.invoices,
                          open: money(unchased.open.map { ($0.amount, $0.currency) }))
        }
    }

    /// Promises whose day lies after the previous digest's day (today only, without one) up
    /// to today, still pending.
    private func promisesDue() -> [String] {
        let from = previous.map { min($0.value.date.adding(days: 1), date) } ?? date
        return Planner.promisesDue(config: config, state: state, from: from, asOf: date).map { promise in
            let currency = promise.invoices.first?.invoice.currency ?? .euro
            return say.promiseDue(customer: customer(promise.customer), amount: promise.amount.map { money($0, currency) },
                                  invoices: promise.invoices.map(\.invoice.invoice), until: day(promise.until),
                                  open: money(promise.invoices.map { ($0.open, $0.invoice.currency) }))
        }
    }

    /// The plan's limitation warnings, with what is open on each invoice.
    private func limitation() -> [String] {
        var open: [String: (amount: Decimal, currency: Currency)] = [:]
        for item in plan.items {
            for invoice in item.invoices { open[invoice.id] = (invoice.open, item.currency) }
        }
        return plan.warnings.map { warning in
            let amount = open[warning.invoice] ?? self.open([warning.invoice], of: warning.customer).first ?? (0, .euro)
            return say.limitation(customer: customer(warning.customer), invoice: warning.invoice,
                                  open: money(amount.amount, amount.currency), expires: day(warning.expires),
                                  daysLeft: warning.daysLeft)
        }
    }

    /// Why `item` is held back, with the facts the ledger has (the dispute's reason, the
    /// hold's day and reason, the promise's day); the planner's technical detail otherwise.
    private func heldBack(_ item: PlanItem, _ reason: BlockReason) -> DigestPhrases.HeldBack {
        let invoices = item.invoices.map(\.id) + item.excluded.map(\.id)
        func live<Value>(_ entries: [LedgerEntry<Value>]) -> [LedgerEntry<Value>] {
            entries.filter { state.isActive($0.recordID) && !state.isResolved($0.recordID) }
        }
        switch reason {
        case .dispute:
            let reasons = invoices.flatMap { live(state.invoices[$0]?.disputes ?? []).map(\.value.reason) }
            return .dispute(Array(Set(reasons)).sorted())
        case .hold:
            let holds = live(state.customers[item.customer]?.holds ?? []) + invoices.flatMap { live(state.invoices[$0]?.holds ?? []) }
            let current = holds.filter { $0.value.until.map { $0 >= date } ?? true }.max { $0.position < $1.position }
            guard let hold = current?.value else { return .other(reason: reason.rawValue, detail: item.detail) }
            return .hold(until: hold.until.map(day), reason: hold.reason)
        case .promise:
            let promises = live(state.customers[item.customer]?.promises ?? []) + invoices.flatMap { live(state.invoices[$0]?.promises ?? []) }
            guard let promise = promises.max(by: { $0.position < $1.position })?.value else {
                return .other(reason: reason.rawValue, detail: item.detail)
            }
            return .promise(until: day(promise.until))
        case .arrangement:
            return .arrangement(detail: item.missedInstalments.isEmpty ? nil : item.detail)
        case .contactInvalid where item.channel == .handover:
            return .handoverDetails(detail: item.detail)
        case .contactInvalid:
            return .contactInvalid(detail: item.detail)
        case .contactUnverified:
            return .contactUnverified(detail: item.detail)
        case .belowMinimum:
            let minimum = config.effectivePolicies.first { $0.id == item.policy }?.minimum
            return .belowMinimum(minimum: minimum.map { money($0, item.currency) })
        case .outsideWindow, .deferred, .uncertainSend:
            return .other(reason: reason.rawValue, detail: item.detail)
        }
    }
}
