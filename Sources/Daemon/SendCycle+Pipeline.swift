import Dispatch
import DunningCore
import Foundation

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
