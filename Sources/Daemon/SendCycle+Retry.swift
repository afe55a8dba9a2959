import DunningCore
import Foundation

extension SendCycle {
    /// What to do with a deferred message now.
    enum RetryDecision: Equatable {
        case wait
        case retry(messageID: String)
        case giveUp(MessageState, lastReply: String)
    }

    /// The Message-ID for a new message for `item`: the builder's deterministic one, with
    /// `-2`, `-3`, … appended when a message with that id was already recorded (its step
    /// was settled `not-sent` or failed, and is due again): an id names one message only.
    func freshMessageID(for item: PlanItem, state: LedgerState) -> String {
        let base = builder.messageID(for: item)
        var candidate = base
        var counter = 1
        while state.messages[LedgerState.normalizedMessageID(candidate)] != nil {
            counter += 1
            candidate = Self.numbered(base, counter)
        }
        return candidate
    }

    /// `dunning.reminder.C-1.abc@example.nl` + 2 → `dunning.reminder.C-1.abc-2@example.nl`.
    static func numbered(_ messageID: String, _ counter: Int) -> String {
        LedgerState.numberedMessageID(messageID, counter)
    }

    /// The latest deferred message of `item`'s customer and step, and whether its backoff
    /// has passed: `retry.first` after the first deferral, doubling each time, at most
    /// `retry.max`; `retry.give_up` after its first `sending` it is given up.
    func retryDecision(for item: PlanItem, state: LedgerState) -> RetryDecision {
        let invoices = Set(item.invoices.map(\.id))
        let candidates = (state.customers[item.customer]?.messages ?? [])
            .compactMap { state.messages[$0] }
            .filter { $0.step == item.step && !invoices.isDisjoint(with: $0.invoices) && $0.settlements.isEmpty }
        return retryDecision(among: candidates, state: state)
    }

    /// The latest of `candidates` whose latest state is deferred, and whether its backoff
    /// has passed (see `retryDecision(for:state:)`).
    func retryDecision(among candidates: [MessageState], state: LedgerState) -> RetryDecision {
        let active = candidates.compactMap { message -> (MessageState, [LedgerEntry<MessageState.Event>])? in
            let events = message.events.filter { state.isActive($0.recordID) }
            return events.last?.value.state == .deferred ? (message, events) : nil
        }
        guard let (message, events) = active.max(by: { ($0.1.last?.position ?? 0) < ($1.1.last?.position ?? 0) }),
              let first = events.first, let last = events.last else { return .wait }
        let reply = last.value.reply ?? "deferred"
        let zone = config.company.timeZone
        let now = simulatedDay.map { CalendarDate.moving(clock(), to: $0, in: zone) } ?? clock()
        if now.timeIntervalSince(first.instant(in: zone)) >= TimeInterval(config.retry.giveUp.approximateSeconds) {
            return .giveUp(message, lastReply: reply)
        }
        let deferrals = events.filter { $0.value.state == .deferred }.count
        let wait = Self.backoff(deferrals: deferrals, first: TimeInterval(config.retry.first.approximateSeconds),
                                max: TimeInterval(config.retry.max.approximateSeconds))
        return now.timeIntervalSince(last.instant(in: zone)) >= wait ? .retry(messageID: message.messageID) : .wait
    }

    /// `first` × 2^(deferrals − 1), at most `max`.
    static func backoff(deferrals: Int, first: TimeInterval, max: TimeInterval) -> TimeInterval {
        var wait = first
        for _ in 1..<Swift.max(1, deferrals) where wait < max { wait *= 2 }
        return Swift.min(wait, max)
    }

    /// The Message-ID of the previous step's message to this customer about any of the
    /// item's invoices, so the new one threads under it (`In-Reply-To`).
    func previousMessageID(for item: PlanItem, state: LedgerState) -> String? {
        guard let previous = item.previousStep, let customer = state.customers[item.customer] else { return nil }
        let invoices = Set(item.invoices.map(\.id))
        return customer.messages.compactMap { state.messages[$0] }
            .filter { $0.step == previous && !invoices.isDisjoint(with: $0.invoices) }
            .last { message in message.events.contains { $0.value.state == .sent && state.isActive($0.recordID) } }?
            .messageID
    }
}
