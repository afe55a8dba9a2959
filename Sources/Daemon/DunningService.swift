import Dispatch
import DunningCore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Systemd
import UnixSignals

/// `dunning run` without `--once`: the service, run by a swift-service-lifecycle `ServiceGroup`.
///
/// Wakes every `schedule.check_interval`, or earlier when the send window opens or the
/// daily digest is due; each wake folds what was appended to the ledger since the last one
/// and makes one round (`Session.round`: bounces, the send cycle, the digest).
///
/// - SIGHUP reloads config and templates: a config that fails `check` leaves the old one
///   running (`reload-failed` with the error), else `reloaded` and a round at once.
/// - Graceful shutdown (the group's SIGTERM or SIGINT) is not cancellation: the round in
///   flight stops after the message being delivered, the rest of its batch is journaled
///   `deferred`, then `stopping` is logged and `run()` returns.
///
/// The rounds run on a serial queue of their own, off Swift's cooperative threads (a round
/// blocks for as long as SMTP takes); the engine's state (session, cycle, digest memory)
/// sits in a `Mutex` that only that queue takes. What it tells systemd is in
/// `DunningService+Notify.swift`. The caller holds the single-sender lock for the life of
/// the process.
///
/// ```swift
/// let service = try DunningService(session: Session.open(environment: environment), logger: logger)
/// try await ServiceGroup(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
/// ```
public final class DunningService: Service {
    let environment: DunningEnvironment
    let logger: Logger
    let notifier = ServiceNotifier()
    /// `nil` unless systemd runs a watchdog for this process.
    let watchdog: ServiceWatchdog?
    /// Set on graceful shutdown, read by the round between messages and batches.
    private let stopRequested = StopFlag()
    let queue = DispatchQueue(label: "dunning.service")
    let engine: Mutex<Engine>

    /// What the rounds work on; taken only on `queue`.
    struct Engine {
        var session: Session
        var cycle: SendCycle
        /// Today's digest attempts that failed: the next waits (see `DigestRetry`).
        var digestRetry = DigestRetry()
        var watchdogTimer: (any DispatchSourceTimer)?
    }

    /// The service on an open session (the command prints its opening warnings); throws
    /// when the templates or the contact verifier cannot be set up.
    public init(session: sending Session, logger: Logger) throws(SessionError) {
        environment = session.environment
        self.logger = logger
        let watchdog = ServiceWatchdog(notifier: notifier)
        self.watchdog = watchdog
        let cycle = try Self.cycle(for: session, logger: logger, stop: stopRequested, watchdog: watchdog)
        engine = Mutex(Engine(session: session, cycle: cycle))
    }

    /// The cycle on `session`, ending after the message in flight once `stop` is set; it
    /// feeds the watchdog between messages and batches.
    private static func cycle(for session: Session, logger: Logger, stop: StopFlag, watchdog: ServiceWatchdog?) throws(SessionError)
        -> SendCycle {
        var cycle = try session.sendCycle(logger: logger, asOf: session.now)
        cycle.shouldStop = {
            watchdog?.pingIfDue()
            return stop.isSet
        }
        return cycle
    }

    private enum Event: Sendable {
        case wake, reload, stop
    }

    public func run() async throws {
        let (events, input) = AsyncStream.makeStream(of: Event.self)
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let interval = engine.withLock { $0.session.config.schedule.checkInterval.description }
        logger.notice("started", metadata: ["version": .string(environment.version), "config": .string(environment.configPath),
                                            "check_interval": .string(interval)])
        await onQueue { self.notifyStarted() }
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    for await _ in hangups { input.yield(.reload) }
                }
                let timer = WakeTimer(queue: queue) { input.yield(.wake) }
                input.yield(.wake)
                loop: for await event in events {
                    switch event {
                    case .stop:
                        break loop
                    case .wake:
                        timer.schedule(at: await onQueue { self.tick() }, now: environment.clock())
                    case .reload:
                        if let next = await onQueue({ self.reload() }) { timer.schedule(at: next, now: environment.clock()) }
                    }
                    if stopRequested.isSet { break loop }
                }
                timer.cancel()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.stopRequested.set()
            input.yield(.stop)
        }
        await onQueue { self.notifyStopping() }
        logger.notice("stopping", metadata: [:])
    }

    /// Runs `work` on the service's queue and waits for it.
    private func onQueue<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    /// One round on what the ledger says now; returns when to wake next.
    private func tick() -> Date {
        engine.withLock { engine in
            let session = engine.session
            var next = session.now.addingTimeInterval(TimeInterval(session.config.schedule.checkInterval.approximateSeconds))
            guard !stopRequested.isSet else { return next }
            do {
                try session.refresh()
                logWarnings(of: session)
                engine.cycle.asOf = session.now
                let summary = try session.round(engine.cycle, logger: logger, digestRetry: &engine.digestRetry)
                for moment in [summary.cycle.nextSendMoment, summary.nextDigest].compactMap(\.self)
                where moment > session.now && moment < next {
                    next = moment
                }
                notifyCycle(summary.cycle, config: session.config)
            } catch {
                logger.error("error", metadata: ["detail": .string("\(error)")])
                notifyCycleFailed(error)
            }
            logWarnings(of: session)
            return next
        }
    }

    /// SIGHUP: the new config (and templates) replace the old only when they pass `check`;
    /// then a round at once. Returns when to wake next, or `nil` when the reload was refused.
    private func reload() -> Date? {
        notifyReloading()
        // Made inside the lock: the new session goes into the engine's region, never shared.
        let outcome: Result<String, SessionError> = engine.withLock { engine in
            do throws(SessionError) {
                let config = try Session.loadConfig(environment)
                try Session.checkTemplates(for: config)
                let fresh = try Session.open(config: config, environment: environment)
                let cycle = try Self.cycle(for: fresh, logger: logger, stop: stopRequested, watchdog: watchdog)
                logWarnings(of: fresh)
                engine.session = fresh
                engine.cycle = cycle
                return .success(config.schedule.checkInterval.description)
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .failure(let error):
            logger.error("reload-failed", metadata: ["error": .string("\(error)"), "config": .string(environment.configPath)])
            notifyReloaded(refused: error)
            return nil
        case .success(let interval):
            logger.notice("reloaded", metadata: ["config": .string(environment.configPath), "check_interval": .string(interval)])
            notifyReloaded()
            return tick()
        }
    }

    /// What the session noticed about the ledger (a cut torn line, a ledger read anew), as
    /// `warning` lines.
    private func logWarnings(of session: Session) {
        for warning in session.takeWarnings() {
            logger.warning("warning", metadata: ["detail": .string(warning)])
        }
    }
}

/// Set once on shutdown, read by the send cycle on another thread.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

/// The service's wake-up: a Dispatch timer on the wall clock (a send window opens at 09:00
/// local time, whatever the machine did meanwhile). Owned by the service's run loop.
private final class WakeTimer {
    private let queue: DispatchQueue
    private let fire: @Sendable () -> Void
    private var timer: (any DispatchSourceTimer)?

    init(queue: DispatchQueue, fire: @escaping @Sendable () -> Void) {
        self.queue = queue
        self.fire = fire
    }

    /// Replaces the wake-up set before with one at `moment` (at once when it has passed),
    /// `now` being the service's clock.
    func schedule(at moment: Date, now: Date) {
        timer?.cancel()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(wallDeadline: .now() + max(0, moment.timeIntervalSince(now)))
        timer.setEventHandler(handler: fire)
        timer.resume()
        self.timer = timer
    }

    func cancel() { timer?.cancel() }
}
