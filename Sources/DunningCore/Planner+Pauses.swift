import Foundation

/// A reason an invoice or customer is not chased right now, with the human detail.
struct Pause: Equatable {
    var reason: BlockReason
    var detail: String
}

/// What a promise to pay means on the as-of day.
enum PromiseStatus: Equatable {
    /// Until its date + grace: chasing pauses.
    case pending(Pause)
    /// Date + grace passed and not paid: chasing resumes and a task is proposed.
    case broken(recordID: String, text: String)
    /// Paid (in full, or the promised amount since the promise): chasing resumes quietly.
    case kept
}

/// An arrangement in force, read on the as-of day.
struct ArrangementStatus {
    var recordID: String
    var invoices: [String]
    var missed: [MissedInstalment]
    /// The first instalment not yet due (plus grace) and not yet covered.
    var next: Instalment?
}

extension Planner {
    /// An open dispute or hold on one invoice; disputes first.
    static func invoicePause(_ invoice: InvoiceState, state: LedgerState, asOf: CalendarDate) -> Pause? {
        if let dispute = invoice.disputes.first(where: { state.isActive($0.recordID) && !state.isResolved($0.recordID) }) {
            return Pause(reason: .dispute, detail: "disputed (\(dispute.value.reason)); paused until resolved (record \(dispute.recordID))")
        }
        return holdPause(invoice.holds, state: state, asOf: asOf)
    }

    /// The hold in force among `holds`: not voided, not resolved, as-of ≤ until (inclusive).
    static func holdPause(_ holds: [LedgerEntry<HoldRecord>], state: LedgerState, asOf: CalendarDate) -> Pause? {
        for hold in holds.reversed() where state.isActive(hold.recordID) && !state.isResolved(hold.recordID) {
            if let until = hold.value.until {
                guard asOf <= until else { continue }
                return Pause(reason: .hold, detail: "on hold until \(until) inclusive (\(hold.value.reason))")
            }
            return Pause(reason: .hold, detail: "on hold until resolved (\(hold.value.reason); record \(hold.recordID))")
        }
        return nil
    }

    /// The latest promise among `promises` (not voided, not resolved) and what it means now.
    ///
    /// Kept when nothing is open any more, or when payments dated on or after the day the
    /// promise was recorded reach its amount. `paidSince` sums the subject's payments from a day.
    static func promiseStatus(_ promises: [LedgerEntry<PromiseRecord>], state: LedgerState, asOf: CalendarDate,
                              grace: Int, zone: TimeZone, open: Decimal,
                              paidSince: (CalendarDate) -> Decimal) -> PromiseStatus? {
        guard let promise = promises.last(where: { state.isActive($0.recordID) && !state.isResolved($0.recordID) }) else {
            return nil
        }
        let recorded = promise.day(in: zone)
        if open.isZero || open.sign == .minus { return .kept }
        if let amount = promise.value.amount, paidSince(recorded) >= amount { return .kept }
        let until = promise.value.until
        let amountText = promise.value.amount.map { " of \(Money.string($0, scale: 2))" } ?? ""
        if asOf <= until.adding(days: grace) {
            return .pending(Pause(reason: .promise, detail: "promise to pay\(amountText) until \(until) (+\(grace) days grace)"))
        }
        return .broken(recordID: promise.recordID,
                       text: "broken promise: promised to pay\(amountText) by \(until) (recorded \(recorded)), not paid")
    }

    /// Arrangements in force (not voided, not resolved) with at least one open invoice.
    ///
    /// Missed: instalments whose due + grace is before as-of, covered in order by payments on
    /// the arranged invoices dated on or after the day the arrangement was recorded.
    static func arrangements(_ customer: CustomerState, state: LedgerState, balances: [String: InvoiceBalance],
                             asOf: CalendarDate, grace: Int, zone: TimeZone) -> [ArrangementStatus] {
        var result: [ArrangementStatus] = []
        var claimed = Set<String>()
        for arrangement in customer.arrangements.reversed()
        where state.isActive(arrangement.recordID) && !state.isResolved(arrangement.recordID) {
            let invoices = arrangement.value.invoices.filter { !claimed.contains($0) }
            claimed.formUnion(invoices)
            guard invoices.contains(where: { !(balances[$0]?.open ?? 0).isZero }) else { continue }
            let recorded = arrangement.day(in: zone)
            var paid: Decimal = 0
            for id in arrangement.value.invoices {
                for payment in state.invoices[id]?.payments ?? [] where state.isActive(payment.recordID) && payment.value.date >= recorded {
                    paid += payment.value.amount
                }
            }
            var missed: [MissedInstalment] = []
            var next: Instalment?
            for instalment in arrangement.value.instalments.sorted(by: { $0.due < $1.due }) {
                let covered = min(paid, instalment.amount)
                paid -= covered
                let unpaid = instalment.amount - covered
                guard unpaid > 0 else { continue }
                if instalment.due.adding(days: grace) < asOf {
                    missed.append(MissedInstalment(due: instalment.due, amount: instalment.amount, unpaid: unpaid))
                } else if next == nil {
                    next = instalment
                }
            }
            result.append(ArrangementStatus(recordID: arrangement.recordID, invoices: invoices, missed: missed, next: next))
        }
        return result.reversed()
    }
}
