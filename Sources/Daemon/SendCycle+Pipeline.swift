import Dispatch
import DunningCore
import Foundation
import Verify

extension SendCycle {
    /// A message that could not be built: its `failed` record.
    struct FailedBuild: Error, Sendable {
        var record: ReminderRecord
    }

    /// Results written by `concurrentPerform`'s iterations, each at its own index.
    final class BuildResults: @unchecked Sendable {
        private var results: [Result<Outgoing, FailedBuild>?]
        private let lock = NSLock()

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<Outgoing, FailedBuild>) {
            lock.withLock { results[index] = result }
        }

        /// Every result, once every iteration has set its own.
        var all: [Result<Outgoing, FailedBuild>] { lock.withLock { results.map { $0! } } }
    }

    /// Work started on a global queue now, its value waited for later.
    final class Pending<Value: Sendable>: @unchecked Sendable {
        private var value: Value?
        private let done = DispatchSemaphore(value: 0)

        init(_ work: @escaping @Sendable () -> Value) {
            DispatchQueue.global().async {
                // Written before the signal, read after the wait: the semaphore orders them.
                self.value = work()
                self.done.signal()
            }
        }

        /// The value, waiting for it if need be. Call once.
        func wait() -> Value {
            done.wait()
            return value!
        }
    }
}

extension SendCycle {
    /// Checks the e-mail addresses of the customers the plan is about to write to (due or
    /// retried e-mail items, due confirmations) that have no check within `max_age`, and
    /// journals the results; warnings (a likely typo) are logged. `true` if it recorded any.
    func verify(_ plan: Plan, with verifier: ContactVerifier, ledger: any CycleLedger) throws -> Bool {
        var ids = Set(plan.items.filter { item in
            item.channel == .email && (item.status == .due || (item.status == .blocked && item.blocked == .deferred))
        }.map(\.customer))
        if BusinessCalendar(config: config).isSendAllowed(at: asOf) {
            let due = Confirmations.due(config: config, state: ledger.state, asOf: asOf, messageID: builder.confirmationMessageID)
            ids.formUnion(due.map(\.customer.customer))
        }
        let stale = ids.sorted()
            .filter { Planner.needsEmailCheck(customer: $0, state: ledger.state, config: config, asOf: asOf) }
            .compactMap { ledger.state.customer($0) }
        guard !stale.isEmpty else { return false }
        let outcomes = verifier.checkEmails(of: stale, state: ledger.state, now: clock())
        try ledger.append(outcomes.map { .contactCheck($0.record) })
        for outcome in outcomes {
            if let warning = outcome.warning {
                logger.warning("warning", metadata: ["customer": .string(outcome.record.customer), "detail": .string(warning)])
            }
        }
        return true
    }
}
