import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import DunningCore
import Foundation
import Synchronization
import Verify

extension SendCycle {
    /// A message that could not be built: its `failed` record.
    struct FailedBuild: Error, Sendable {
        var record: ReminderRecord
    }

    /// Results written by `concurrentPerform`'s iterations, each at its own index.
    final class BuildResults: Sendable {
        private let results: Mutex<[Result<Outgoing, FailedBuild>?]>

        init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }

        func set(_ index: Int, _ result: Result<Outgoing, FailedBuild>) {
            results.withLock { $0[index] = result }
        }

        /// Every result, once every iteration has set its own.
        var all: [Result<Outgoing, FailedBuild>] { results.withLock { $0.map { $0! } } }
    }

    /// The threads that build messages, at a lower CPU priority than the rest of the process
    /// (nice +10 each: Linux keeps a nice value per thread). Under load the delivering
    /// thread, the journal and a relay on the same host (Postfix on localhost) get the
    /// processors first, and building takes what is left. One per processor but one (at
    /// least one): on 2 cores against aiosmtpd (a Python server that needs a whole core), two
    /// build threads made `run --once` about a fifth slower than one, and against smtp-sink
    /// no faster. Started at the first build, kept for the process's life.
    ///
    /// `@unchecked Sendable`: its only mutable state, `work`, is touched only under `condition`.
    final class BuildThreads: @unchecked Sendable {
        static let shared = BuildThreads(count: max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
        /// Added to the process's nice value on each build thread.
        static let niceness: Int32 = 10

        private let condition = NSCondition()
        // Guarded by `condition`.
        private var work: [() -> Void] = []

        init(count: Int) {
            for index in 0..<max(1, count) {
                Thread { [self] in serve(name: "dunning-build-\(index)") }.start()
            }
        }

        private func serve(name: String) {
            // The kernel's name of the thread (`top -H`, `ps -L`; at most 15 bytes).
            try? String(name.prefix(15)).write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
            // PRIO_PROCESS with 0: the calling thread (Linux); raising one's own nice value
            // needs no privilege. A failure leaves the thread at the process's priority.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) + Self.niceness)
            while true {
                condition.lock()
                while work.isEmpty { condition.wait() }
                let item = work.removeFirst()
                condition.unlock()
                item()
            }
        }

        /// Runs `body` for `0..<iterations` on the build threads; returns when all have run.
        /// Never call it from a build thread.
        func perform(iterations: Int, _ body: @escaping @Sendable (Int) -> Void) {
            let group = DispatchGroup()
            condition.lock()
            for index in 0..<iterations {
                group.enter()
                work.append {
                    body(index)
                    group.leave()
                }
            }
            condition.broadcast()
            condition.unlock()
            group.wait()
        }
    }

    /// Work started on a global queue now, its value waited for later.
    ///
    /// `@unchecked Sendable`: `value` is written once before `done` is signalled and read
    /// only after waiting on it.
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
