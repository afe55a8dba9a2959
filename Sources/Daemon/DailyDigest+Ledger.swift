import DunningCore
import Foundation
import Mail

/// The digest's groups read from the ledger: messages, bounces and the tasks the sender wrote.
extension DigestCollector {
    /// `sent` and `failed`: messages whose latest outcome is that and was recorded in the
    /// period. `deferred` and `uncertain`: every message in that state now (not settled),
    /// whenever it started. Ordered by customer id, then ledger order.
    func messages(into groups: inout DigestGroups) {
        let ordered = state.messages.values.compactMap { message -> (MessageState, [LedgerEntry<MessageState.Event>])? in
            let events = message.events.filter { state.isActive($0.recordID) }
            return events.isEmpty ? nil : (message, events)
        }.sorted { ($0.0.customer, $0.1[0].position) < ($1.0.customer, $1.1[0].position) }
        for (message, events) in ordered {
            guard let first = events.first, let last = events.last else { continue }
            let settled = message.settlements.contains { state.isActive($0.recordID) }
            let line = say.message(customer: customer(message.customer), step: message.step, invoices: message.invoices,
                                   to: message.to)
            switch last.value.state {
            case .sent where isNew(last):
                groups.sent.append(line)
            case .failed where isNew(last):
                groups.failed.append(say.message(line, reason: last.value.reply ?? "-"))
            case .deferred where !settled:
                groups.deferred.append(say.message(line, reason: last.value.reply ?? "-"))
            case .uncertain where !settled, .sending where !settled:
                groups.uncertain.append(say.uncertain(line, attempted: day(first.day(in: zone)), messageID: message.messageID,
                                                      command: "\(resolveCommand) --ref \(message.messageID) --outcome sent"))
            default:
                break
            }
        }
    }

    /// Bounces recorded in the period, in ledger order, with the customer when the bounce
    /// or the message it names tells.
    func bounces() -> [String] {
        let recent = state.bounces.values.joined().filter { state.isActive($0.recordID) && isNew($0) }
        return recent.sorted { $0.position < $1.position }.map { entry in
            let bounce = entry.value
            let owner = bounce.customer
                ?? bounce.messageID.flatMap { state.messages[LedgerState.normalizedMessageID($0)]?.customer }
            return say.bounce(address: bounce.address, customer: owner.map(customer), hard: bounce.kind == .hard,
                              status: bounce.status, diagnostic: bounce.diagnostic,
                              messageID: bounce.messageID.map(LedgerState.normalizedMessageID))
        }
    }

    /// Tasks written in the period: calls (`calls`, unless everything on them was paid
    /// since), broken promises (`promises`) and the rest (`tasks`), by customer id.
    func tasks(into groups: inout DigestGroups) {
        for id in state.customers.keys.sorted() {
            guard let history = state.customers[id] else { continue }
            for task in history.tasks where state.isActive(task.recordID) && isNew(task) {
                let value = task.value
                switch value.kind {
                case .call:
                    if let line = call(customer: id, invoices: value.invoices) { groups.calls.append(line) }
                case .brokenPromise:
                    groups.promises.append(brokenPromise(customer: id, invoices: value.invoices, before: task.position))
                default:
                    groups.tasks.append(say.task(customer: customer(id), kind: value.kind, text: value.text))
                }
            }
        }
    }

    /// The call line: the number, what is open on `invoices` now, and what was sent about
    /// them when; `nil` when nothing is open on them any more.
    func call(customer id: String, invoices: [String]) -> String? {
        let open = self.open(invoices, of: id).filter { $0.amount > 0 }
        guard !open.isEmpty, let record = state.customer(id) else { return nil }
        return say.call(customer: customer(id), phone: phone(of: record), raw: record.phone, open: money(open),
                        invoices: invoices, history: history(of: id, invoices: invoices))
    }

    /// `(step, day, bounced)` of every message sent to the customer about any of `invoices`
    /// (`MessageState.delivered`: a settlement overrides the server), in the order they were sent; `bounced`
    /// when a hard bounce names it (it never arrived).
    func history(of customer: String, invoices: [String]) -> [(step: String, day: String, bounced: Bool)] {
        let wanted = Set(invoices)
        var sent: [(position: Int, step: String, day: CalendarDate, bounced: Bool)] = []
        for messageID in state.customers[customer]?.messages ?? [] {
            guard let message = state.messages[messageID], !wanted.isDisjoint(with: message.invoices) else { continue }
            let bounced = state.bounces[message.to.lowercased()]?.contains {
                state.isActive($0.recordID) && $0.value.kind == .hard
                    && $0.value.messageID.map(LedgerState.normalizedMessageID) == message.messageID
            } ?? false
            if case .yes(let delivered) = message.delivered(in: state) {
                sent.append((delivered.position, message.step, delivered.day(in: zone), bounced))
            }
        }
        return sent.sorted { $0.position < $1.position }.map { ($0.step, day($0.day), $0.bounced) }
    }

    /// The line of a broken promise on `invoices`: the day it was for (the latest promise on
    /// the customer or those invoices recorded before the task) and what is open now.
    func brokenPromise(customer id: String, invoices: [String], before position: Int) -> String {
        var promises = state.customers[id]?.promises ?? []
        for invoice in invoices { promises += state.invoices[invoice]?.promises ?? [] }
        let promise = promises.filter { state.isActive($0.recordID) && $0.position < position }.max { $0.position < $1.position }
        return say.promiseBroken(customer: customer(id), invoices: invoices, until: promise.map { day($0.value.until) },
                                 open: money(open(invoices, of: id)))
    }
}
