import Daemon
import Systemd
import DunningCore
import DunningStore
import Foundation
import Logging
import Synchronization
import Verify

/// `dunning run` without `--once`: the service. Wakes on a Dispatch timer every
/// `schedule.check_interval`, or earlier when the send window opens or the daily digest is
/// due, folds what was appended to the ledger since the last tick, runs one send cycle and
/// then sends the digest when it is due (`DigestSchedule`).
///
/// Signals: SIGHUP reloads config and templates (a config that fails `check` leaves the old
/// one running: `reload-failed` with the error; else `reloaded`); SIGTERM or SIGINT ends
/// the cycle after the batch in flight is journaled, logs `stopping` and exits 0. The
/// caller holds the single-sender lock for the life of the process. What it tells systemd
/// (sd_notify) is in DaemonLoop+Notify.swift.
final class DaemonLoop: @unchecked Sendable {
    let options: GlobalOptions
    let logger: Logger
    // Touched only on `queue`.
    private var workspace: WorkspaceLedger
    var config: DunningConfig
    private var cycle: SendCycle
    private let blocked: BlockedLogFile
    let queue = DispatchQueue(label: "dunning.daemon")
    /// sd_notify (DaemonLoop+Notify.swift); `watchdog` is nil unless systemd runs one.
    let notifier = ServiceNotifier()
    let watchdog: ServiceWatchdog?
    var watchdogTimer: (any DispatchSourceTimer)?
    private let signals = DispatchQueue(label: "dunning.signals")
    private var timer: (any DispatchSourceTimer)?
    private var sources: [any DispatchSourceSignal] = []
    /// Set by SIGTERM/SIGINT on the signal queue, read by the cycle between batches.
    private let stopRequested = StopFlag()
    /// Today's digest attempts that failed: the next waits (see `DigestRetry`).
    private var digestRetry = DigestRetry()

    init(options: GlobalOptions, config: DunningConfig, logger: Logger) throws {
        self.options = options
        self.logger = logger
        self.config = config
        let workspace = try Workspace.open(options, config: config)
        self.workspace = WorkspaceLedger(workspace)
        blocked = BlockedLogFile(ledger: config.ledger)
        watchdog = ServiceWatchdog(notifier: notifier)
        cycle = try Self.cycle(for: workspace, logger: logger, stop: stopRequested, watchdog: watchdog)
    }

    /// The cycle on `workspace`, ending after the batch in flight once `stop` is set; it feeds
    /// the watchdog between batches.
    private static func cycle(for workspace: Workspace, logger: Logger, stop: StopFlag, watchdog: ServiceWatchdog?) throws -> SendCycle {
        var cycle = try Sending.cycle(workspace, logger: logger, asOf: Date())
        cycle.shouldStop = {
            watchdog?.pingIfDue()
            return stop.isSet
        }
        return cycle
    }

    /// Runs until SIGTERM or SIGINT; never returns.
    func run() -> Never {
        for signal in [SIGTERM, SIGINT, SIGHUP] { Glibc.signal(signal, SIG_IGN) }
        for number in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: signals)
            source.setEventHandler { [self] in
                stopRequested.set()
                // After the cycle in flight, if any: the daemon queue is serial.
                queue.async { [self] in stop() }
            }
            source.resume()
            sources.append(source)
        }
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: signals)
        hangup.setEventHandler { [self] in queue.async { [self] in reload() } }
        hangup.resume()
        sources.append(hangup)
        logger.notice("started", metadata: ["version": .string(Dunning.version), "config": .string(options.configPath),
                                            "check_interval": .string(config.schedule.checkInterval.description)])
        queue.async { [self] in
            notifyStarted()
            tick()
        }
        dispatchMain()
    }

    /// One cycle on what the ledger says now, then the timer set for the next.
    private func tick() {
        guard !stopRequested.isSet else { return }
        var next = Date().addingTimeInterval(TimeInterval(config.schedule.checkInterval.approximateSeconds))
        do {
            try workspace.refresh()
            _ = try Sending.intake(workspace, logger: logger) { [stopRequested] in stopRequested.isSet }
            cycle.asOf = Date()
            let summary = try Sending.run(cycle, on: workspace, blocked: blocked, logger: logger)
            if let moment = summary.nextSendMoment, moment > Date(), moment < next { next = moment }
            notifyCycle(summary)
            if let moment = try Sending.digest(on: workspace, asOf: cycle.asOf, logger: logger, configPath: options.configPath,
                                               retry: &digestRetry),
               moment > Date(), moment < next { next = moment }
        } catch {
            logger.error("error", metadata: ["detail": .string("\(error)")])
            notifyCycleFailed(error)
        }
        guard !stopRequested.isSet else { return }
        schedule(at: next)
    }

    private func schedule(at moment: Date) {
        timer?.cancel()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(wallDeadline: .now() + max(0, moment.timeIntervalSinceNow))
        timer.setEventHandler { [self] in tick() }
        timer.resume()
        self.timer = timer
    }

    /// SIGHUP: the new config (and templates) replace the old only when they pass `check`.
    private func reload() {
        notifyReloading()
        let fresh: DunningConfig
        let workspace: Workspace
        do {
            fresh = try Workspace.loadConfig(options)
            let problems = try Sending.library(fresh).check(kinds: [], config: fresh)
            guard problems.isEmpty else { throw UserError(lines: problems.map(\.description)) }
            workspace = try Workspace.open(options, config: fresh)
            cycle = try Self.cycle(for: workspace, logger: logger, stop: stopRequested, watchdog: watchdog)
        } catch {
            logger.error("reload-failed", metadata: ["error": .string("\(error)"), "config": .string(options.configPath)])
            notifyReloaded(refused: error)
            return
        }
        config = fresh
        self.workspace = WorkspaceLedger(workspace)
        logger.notice("reloaded", metadata: ["config": .string(options.configPath),
                                             "check_interval": .string(fresh.schedule.checkInterval.description)])
        notifyReloaded()
        tick()
    }

    private func stop() -> Never {
        notifyStopping()
        logger.notice("stopping", metadata: [:])
        exit(0)
    }
}

/// Set once by a signal handler, read by the send cycle on another thread.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}
