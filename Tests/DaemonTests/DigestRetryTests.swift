@testable import Daemon
import DunningCore
import Foundation
import Mail
import Testing

@Suite struct DigestRetryTests {
    let monday = CalendarDate(year: 2026, month: 11, day: 23)!
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let retry = Retry(first: .seconds(300), max: .seconds(3600))

    @Test("after each failure the next attempt waits 5, 10, 20, 40, 60, 60 minutes; a sent digest starts afresh")
    func backsOff() {
        var state = DigestRetry()
        #expect(state.allows(monday, at: now))
        var at = now
        for minutes in [5, 10, 20, 40, 60, 60] {
            state.note(.notDelivered(date: monday, .failed(reply: "550 5.1.1 no such user")), at: at, retry: retry)
            #expect(state.notBefore == at.addingTimeInterval(Double(minutes * 60)))
            #expect(!state.allows(monday, at: at.addingTimeInterval(Double(minutes * 60 - 1))))
            at = at.addingTimeInterval(Double(minutes * 60))
            #expect(state.allows(monday, at: at))
        }
        state.note(.sent(date: monday, messageID: "dunning.digest.2026-11-23@voorbeeld.nl"), at: at, retry: retry)
        #expect(state == DigestRetry())
    }

    @Test("a digest that cannot be built backs off too; the next day's digest is not held back by today's failures")
    func newDay() {
        var state = DigestRetry()
        state.note(.notBuilt(date: monday, reason: "template"), at: now, retry: retry)
        state.note(.notBuilt(date: monday, reason: "template"), at: now, retry: retry)
        #expect(state.failures == 2 && !state.allows(monday, at: now.addingTimeInterval(599)))
        let tuesday = monday.adding(days: 1)
        #expect(state.allows(tuesday, at: now))
        state.note(.notDelivered(date: tuesday, .deferred(reply: "451 4.3.0 later")), at: now, retry: retry)
        #expect(state.date == tuesday && state.failures == 1 && state.notBefore == now.addingTimeInterval(300))
    }
}
