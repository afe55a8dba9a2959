import Dispatch
import DunningCore
import Foundation
import Systemd

/// What the service tells systemd (sd_notify, `Type=notify`); all of it is a no-op outside
/// systemd. Everything here runs on the service's queue.
///
/// - `READY=1` once the config and the ledger are loaded, before the first round (a first
///   round may verify and send for minutes; systemd's start timeout must not kill it);
/// - `RELOADING=1` (with `MONOTONIC_USEC=`) when SIGHUP arrives, and `READY=1` after the
///   reload, whether the new config was taken or refused (the old one keeps running);
/// - `STATUS=` after each round: the next send moment and what the cycle did;
/// - `WATCHDOG=1` every half `WatchdogSec=` from a timer on the service's queue (so a
///   round that hangs stops the pings), and between a long round's messages and batches
///   (`ServiceWatchdog`);
/// - `STOPPING=1` on shutdown.
extension DunningService {
    /// After the first load: the watchdog's timer, then `READY=1`.
    func notifyStarted() {
        if let watchdog {
            let (seconds, attoseconds) = watchdog.period.components
            let period = DispatchTimeInterval.nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
            engine.withLock { engine in
                let timer = DispatchSource.makeTimerSource(queue: queue)
                timer.schedule(deadline: .now() + period, repeating: period, leeway: .milliseconds(100))
                timer.setEventHandler { [self] in report(watchdog.ping()) }
                timer.resume()
                engine.watchdogTimer = timer
            }
        }
        notify(.ready, .status("started; first cycle running"))
    }

    /// After a round: its cycle's summary as `STATUS=`.
    func notifyCycle(_ summary: CycleSummary, config: DunningConfig) {
        notify(.status(summary.statusLine(at: environment.clock(), calendar: BusinessCalendar(config: config))))
    }

    /// After a round that could not run: the error as `STATUS=`.
    func notifyCycleFailed(_ error: any Error) {
        notify(.status("last cycle failed: \(error)"))
    }

    /// SIGHUP received: the reload begins.
    func notifyReloading() {
        notify(.reloadingNow(), .status("reloading \(environment.configPath)"))
    }

    /// The reload is over: the new config runs (`refused` nil) or the old one still does.
    func notifyReloaded(refused: (any Error)? = nil) {
        if let refused {
            notify(.ready, .status("reload refused, previous config still running: \(refused)"))
        } else {
            notify(.ready, .status("reloaded \(environment.configPath)"))
        }
    }

    func notifyStopping() {
        engine.withLock { $0.watchdogTimer?.cancel() }
        notify(.stopping, .status("stopping"))
    }

    private func notify(_ fields: ServiceNotifier.Field...) {
        report(notifier.notify(fields))
    }

    /// A notification that could not be sent is a `warning` line (systemd may then kill the
    /// service for a missing `READY=1` or watchdog ping, and the log says why).
    private func report(_ outcome: ServiceNotifier.Outcome) {
        if case .failed(let reason) = outcome {
            logger.warning("warning", metadata: ["detail": .string(reason)])
        }
    }
}
