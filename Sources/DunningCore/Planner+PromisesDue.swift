import Foundation

/// A promise to pay whose day has come, still pending (not kept, not yet broken): for the
/// bookkeeper's digest, who may want to check the bank or call.
public struct DuePromise: Sendable, Equatable {
    /// The promise's record id.
    public var recordID: String
    public var customer: String
    public var subject: Subject
    public var until: CalendarDate
    /// The promised amount; `nil`: everything open.
    public var amount: Decimal?
    /// The open invoices the promise covers (for a customer-wide one, all of them), with
    /// what is still open on each, oldest due date first.
    public var invoices: [InvoiceBalance]
}

extension Planner {
    /// The promises in force whose day lies in `from...asOf` and that are still pending on
    /// `asOf` (the same reading as the plan's: kept when nothing is open or payments since
    /// the promise reach its amount; broken after its day plus the policy's grace), ordered
    /// by customer id, customer-wide promises first.
    ///
    /// A customer no policy applies to counts with no grace.
    public static func promisesDue(config: DunningConfig, state: LedgerState, from: CalendarDate,
                                   asOf: CalendarDate) -> [DuePromise] {
        guard from <= asOf else { return [] }
        let zone = config.company.timeZone
        var due: [DuePromise] = []
        for id in state.customers.keys.sorted() {
            guard let history = state.customers[id], let customer = state.customer(id) else { continue }
            let hasInvoicePromises = history.invoices.contains { !(state.invoices[$0]?.promises.isEmpty ?? true) }
            guard !history.promises.isEmpty || hasInvoicePromises else { continue }
            let grace = policy(for: customer, in: config)?.grace ?? 0
            let open = Balances.customer(id, in: state).invoices
                .filter { $0.open > 0 }
                .sorted { ($0.invoice.due, $0.invoice.invoice) < ($1.invoice.due, $1.invoice.invoice) }
            func paid(on invoices: [String], since day: CalendarDate) -> Decimal {
                invoices.reduce(Decimal(0)) { sum, invoice in
                    (state.invoices[invoice]?.payments ?? []).reduce(sum) { total, payment in
                        state.isActive(payment.recordID) && payment.value.date >= day ? total + payment.value.amount : total
                    }
                }
            }
            func pending(_ promises: [LedgerEntry<PromiseRecord>], covering invoices: [InvoiceBalance]) {
                guard let latest = promises.last(where: { state.isActive($0.recordID) && !state.isResolved($0.recordID) }),
                      (from...asOf).contains(latest.value.until) else { return }
                let ids = invoices.map(\.invoice.invoice)
                let status = promiseStatus(promises, state: state, asOf: asOf, grace: grace, zone: zone,
                                           open: invoices.reduce(Decimal(0)) { $0 + $1.open }) { paid(on: ids, since: $0) }
                guard case .pending = status else { return }
                due.append(DuePromise(recordID: latest.recordID, customer: id, subject: latest.value.subject,
                                      until: latest.value.until, amount: latest.value.amount, invoices: invoices))
            }
            if !history.promises.isEmpty { pending(history.promises, covering: open) }
            for balance in open {
                guard let promises = state.invoices[balance.invoice.invoice]?.promises, !promises.isEmpty else { continue }
                pending(promises, covering: [balance])
            }
        }
        return due
    }
}
