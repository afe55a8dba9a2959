import DunningCore
import Foundation

/// The service's memory of today's digest attempts that did not deliver, so that a digest
/// the relay defers or refuses (a `5xx` for a dead `digest.to`), or that cannot be built,
/// is not tried and warned about at every tick: the next attempt waits `retry.first`,
/// doubling after each failure, at most `retry.max`, as a deferred reminder does.
///
/// Kept in memory only: a restart (or `run --once`) tries at once. A digest that goes out,
/// or a new day's digest, starts afresh.
public struct DigestRetry: Sendable, Equatable {
    /// The digest's day the failures are about.
    public private(set) var date: CalendarDate?
    /// Failed attempts at `date`'s digest.
    public private(set) var failures = 0
    /// No attempt at `date`'s digest before this.
    public private(set) var notBefore: Date?

    public init() {}

    /// Whether the digest of `date`, due now, may be tried at `now`.
    public func allows(_ date: CalendarDate, at now: Date) -> Bool {
        guard date == self.date, let notBefore else { return true }
        return now >= notBefore
    }

    /// Notes what became of an attempt at `now`.
    public mutating func note(_ outcome: DigestSender.Outcome, at now: Date, retry: Retry) {
        switch outcome {
        case .notDue, .sent:
            self = DigestRetry()
        case .notDelivered(let date, _), .notBuilt(let date, _):
            if date != self.date { self = DigestRetry() }
            self.date = date
            failures += 1
            notBefore = now.addingTimeInterval(SendCycle.backoff(
                deferrals: failures, first: TimeInterval(retry.first.approximateSeconds), max: TimeInterval(retry.max.approximateSeconds)))
        }
    }
}
