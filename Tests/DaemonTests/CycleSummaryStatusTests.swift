@testable import Daemon
import DunningCore
import Foundation
import Testing

@Suite("CycleSummary status line")
struct CycleSummaryStatusTests {
    @Test("the status line names the next send moment in the company's zone, or now, and what the cycle did")
    func statusLine() throws {
        let calendar = BusinessCalendar(timeZone: try #require(TimeZone(identifier: "Europe/Amsterdam")), schedule: Schedule())
        var summary = CycleSummary()
        (summary.due, summary.sent, summary.deferred, summary.blocked, summary.tasks) = (3, 2, 1, 4, 1)
        // Saturday 2026-11-28 12:00 UTC: the window next opens Monday 09:00 in Amsterdam.
        let saturday = Date(timeIntervalSince1970: 1_795_867_200)
        summary.nextSendMoment = calendar.nextSendMoment(after: saturday)
        #expect(summary.statusLine(at: saturday, calendar: calendar)
                == "next send Mon 2026-11-30 09:00 Europe/Amsterdam; last cycle: 3 due, 2 sent, 1 deferred, 0 failed, 0 uncertain, 1 tasks, 4 blocked")
        summary.nextSendMoment = saturday
        #expect(summary.statusLine(at: saturday.addingTimeInterval(1), calendar: calendar).hasPrefix("next send now; last cycle: 3 due"))
    }
}
