import Foundation
import Synchronization

/// Feeds systemd's watchdog (`WatchdogSec=`) while the daemon makes progress.
///
/// The daemon pings from a timer on its serial queue every `period` (half the interval
/// systemd gives, as sd_watchdog_enabled(3) advises), so an idle daemon is kept alive and
/// a wedged queue is not. A long cycle holds that queue, so the cycle also calls
/// `pingIfDue()` between its batches: a cycle that sends many messages stays alive, one
/// stuck in a batch for longer than the interval is killed and restarted by systemd.
public final class ServiceWatchdog: Sendable {
    /// How often to ping: half of systemd's interval.
    public let period: Duration
    private let notifier: ServiceNotifier
    private let clock = ContinuousClock()
    private let last: Mutex<ContinuousClock.Instant>

    /// `nil` when systemd runs no watchdog for this process (or no systemd at all).
    public convenience init?(notifier: ServiceNotifier) {
        guard let interval = notifier.watchdogInterval else { return nil }
        self.init(notifier: notifier, interval: interval)
    }

    init(notifier: ServiceNotifier, interval: Duration) {
        self.notifier = notifier
        period = interval / 2
        last = Mutex(clock.now)
    }

    /// Sends `WATCHDOG=1` now; the outcome is for the caller to log.
    @discardableResult
    public func ping() -> ServiceNotifier.Outcome {
        last.withLock { $0 = clock.now }
        return notifier.notify(.watchdog)
    }

    /// Pings when the last ping is at least `period` old; `nil` when it was not due.
    @discardableResult
    public func pingIfDue() -> ServiceNotifier.Outcome? {
        let due = last.withLock { clock.now - $0 >= period }
        return due ? ping() : nil
    }
}
