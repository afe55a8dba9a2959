import Dispatch

/// Runs tasks on Dispatch threads of their own instead of Swift's cooperative pool.
///
/// The suite's end-to-end tests wait for processes and servers synchronously, and with two
/// processors they can hold the whole cooperative pool for seconds; an in-process service
/// under test (`withTaskExecutorPreference(DedicatedExecutor())`) then still runs.
public final class DedicatedExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "dunning.test.executor", attributes: .concurrent)

    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
