import Daemon
import Systemd
import DunningCore
import Foundation

/// What the service tells systemd (sd_notify, `Type=notify`); all of it is a no-op outside
/// systemd. Everything here runs on the daemon's queue.
///
/// - `READY=1` once the config and the ledger are loaded, before the first cycle (a first
///   cycle may verify and send for minutes; systemd's start timeout must not kill it);
/// - `RELOADING=1` (with `MONOTONIC_USEC=`) when SIGHUP arrives, and `READY=1` after the
///   reload, whether the new config was taken or refused (the old one keeps running);
/// - `STATUS=` after each cycle: the next send moment and what the cycle did;
/// - `WATCHDOG=1` every half `WatchdogSec=` from a timer on the daemon's queue, and between
///   a long cycle's batches (`ServiceWatchdog`);
/// - `STOPPING=1` on SIGTERM/SIGINT.
extension DaemonLoop {
    /// After the first load: the watchdog's timer, then `READY=1`.
    func notifyStarted() {
        if let watchdog {
            let timer = DispatchSource.makeTimerSource(queue: queue)
            let (seconds, attoseconds) = watchdog.period.components
            let period = DispatchTimeInterval.nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
            timer.schedule(deadline: .now() + period, repeating: period, leeway: .milliseconds(100))
            timer.setEventHandler { [self] in report(watchdog.ping()) }
            timer.resume()
            watchdogTimer = timer
        }
        notify(.ready, .status("started; first cycle running"))
    }

    /// After a cycle: its summary as `STATUS=`.
    func notifyCycle(_ summary: CycleSummary) {
        notify(.status(summary.statusLine(at: Date(), calendar: BusinessCalendar(config: config))))
    }

    /// After a cycle that could not run: the error as `STATUS=`.
    func notifyCycleFailed(_ error: any Error) {
        notify(.status("last cycle failed: \(error)"))
    }

    /// SIGHUP received: the reload begins.
    func notifyReloading() {
        notify(.reloadingNow(), .status("reloading \(options.configPath)"))
    }

    /// The reload is over: the new config runs (`refused` nil) or the old one still does.
    func notifyReloaded(refused: (any Error)? = nil) {
        if let refused {
            notify(.ready, .status("reload refused, previous config still running: \(refused)"))
        } else {
            notify(.ready, .status("reloaded \(options.configPath)"))
        }
    }

    func notifyStopping() {
        watchdogTimer?.cancel()
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
