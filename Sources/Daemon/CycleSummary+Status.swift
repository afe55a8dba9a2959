import DunningCore
import Foundation

extension CycleSummary {
    /// The one line `systemctl status` shows after a cycle (sd_notify `STATUS=`):
    ///
    /// `next send Mon 2026-11-30 09:00 Europe/Amsterdam; last cycle: 3 due, 2 sent, 1 deferred, 0 failed, 0 uncertain, 0 tasks, 4 blocked`
    ///
    /// "next send now" while the send window is open at `now`.
    public func statusLine(at now: Date, calendar: BusinessCalendar) -> String {
        let next: String
        switch nextSendMoment {
        case .some(let moment) where moment <= now: next = "now"
        case .some(let moment): next = calendar.describe(moment)
        case .none: next = "unknown"
        }
        return "next send \(next); last cycle: \(due) due, \(sent) sent, \(deferred) deferred, \(failed) failed, "
            + "\(uncertain) uncertain, \(tasks) tasks, \(blocked) blocked"
    }
}
