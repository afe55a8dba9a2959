import Foundation

/// How far one customer's invoices got through their policy, read from reminders, tasks
/// and handovers.
///
/// A message that hard-bounced (a `bounce` record naming its Message-ID) counts as failed,
/// not sent: its step is not done and it does not interrupt limitation, since it never
/// reached the customer. The step is sent again once the customer's address changes.
struct CustomerProgress {
    /// The delivery of a step's latest message for one invoice.
    enum Delivery {
        case sent(CalendarDate)
        /// `sending` without an outcome, or `uncertain` and not settled: never re-sent by itself.
        case pending(messageID: String, since: CalendarDate)
        case deferred(messageID: String, reply: String?)
        case failed(to: String, reply: String?)
        /// Settled as `not-sent`: the step is due again.
        case notSent
    }

    /// invoice → step → the day (company zone) the step was done, earliest first.
    var done: [String: [String: CalendarDate]] = [:]
    /// invoice → step → the latest message's delivery (by ledger position).
    var deliveries: [String: [String: (position: Int, delivery: Delivery)]] = [:]
    /// invoice → the latest day an email reminder about it was sent (limitation interruption).
    var lastSent: [String: CalendarDate] = [:]

    init(customer: CustomerState, state: LedgerState, days: ZoneDays) {
        for messageID in customer.messages {
            guard let message = state.messages[messageID] else { continue }
            let events = message.events.filter { state.isActive($0.recordID) }
            guard let first = events.first, let last = events.last else { continue }
            var delivery: Delivery
            switch message.delivered(in: state) {
            case .yes(let event):
                delivery = .sent(days.date(of: event))
            case .settledNotSent:
                delivery = .notSent
            case .no:
                switch last.value.state {
                // `.no` has no `sent` event; listed for the compiler.
                case .sent: delivery = .sent(days.date(of: last))
                case .sending, .uncertain: delivery = .pending(messageID: message.messageID, since: days.date(of: first))
                case .deferred: delivery = .deferred(messageID: message.messageID, reply: last.value.reply)
                case .failed: delivery = .failed(to: message.to, reply: last.value.reply)
                }
            }
            // A hard bounce of this very message: it never arrived, whatever the server said.
            if case .sent = delivery, let bounce = Self.hardBounce(of: message, state: state) {
                delivery = .failed(to: message.to, reply: "hard-bounced \(bounce.status) \(bounce.diagnostic)")
            }
            for invoice in message.invoices {
                if case .sent(let day) = delivery {
                    markDone(invoice: invoice, step: message.step, on: day)
                    lastSent[invoice] = max(lastSent[invoice] ?? day, day)
                }
                if let known = deliveries[invoice]?[message.step], known.position > last.position { continue }
                deliveries[invoice, default: [:]][message.step] = (last.position, delivery)
            }
        }
        for task in customer.tasks where state.isActive(task.recordID) {
            guard let step = task.value.step else { continue }
            for invoice in task.value.invoices { markDone(invoice: invoice, step: step, on: days.date(of: task)) }
        }
        for handover in customer.handovers where state.isActive(handover.recordID) {
            guard let step = handover.value.step else { continue }
            for invoice in handover.value.invoices {
                markDone(invoice: invoice, step: step, on: days.date(of: handover))
            }
        }
    }

    /// The active hard `bounce` record that names `message` by its Message-ID.
    static func hardBounce(of message: MessageState, state: LedgerState) -> BounceRecord? {
        state.bouncesByMessage[message.messageID]?.last { state.isActive($0.recordID) && $0.value.kind == .hard }?.value
    }

    private mutating func markDone(invoice: String, step: String, on day: CalendarDate) {
        if let known = done[invoice]?[step], known <= day { return }
        done[invoice, default: [:]][step] = day
    }

    /// The index of the next policy step for an invoice: one past the last step done
    /// (steps are never skipped); `steps.count` when all are done.
    func nextStepIndex(invoice: String, steps: [PolicyStep]) -> Int {
        guard let doneSteps = done[invoice] else { return 0 }
        var next = 0
        for (index, step) in steps.enumerated() where doneSteps[step.id] != nil { next = index + 1 }
        return next
    }

    /// The day step `index` is due for an invoice: `from: due` → due + after, never before
    /// due + grace; `from: previous` → the day the previous step was done + after.
    ///
    /// A `from: due` step also waits until the pay-by date the previous message stated
    /// (done + its `payWithin`) has passed: a reminder sent late is not overtaken by the notice.
    func stepDueOn(invoice: InvoiceRecord, index: Int, policy: Policy) -> CalendarDate {
        let step = policy.steps[index]
        let earliest = invoice.due.adding(days: policy.grace)
        let previousStep = index > 0 ? policy.steps[index - 1] : nil
        let previous = previousStep.flatMap { done[invoice.invoice]?[$0.id] }
        if step.from == .previous, let previous {
            return max(step.after.after(previous), earliest)
        }
        var due = max(step.after.after(invoice.due), earliest)
        if let previous, let previousStep, previousStep.channel == .email {
            due = max(due, previous.adding(days: previousStep.payWithin + 1))
        }
        return due
    }
}
