@testable import Daemon
import DunningCore
import Foundation
import Logging
import Mail
import Testing

/// The send cycle's written confirmations of promises and arrangements (the fifth step of an invoice's life).
@Suite struct SendCycleConfirmationTests {
    let base = SendCycleTests()

    /// `SendCycleTests.ledger` plus a promise by C-1 to pay everything by 2026-12-01, recorded
    /// at the clock's time (2026-11-18): C-1's reminder is blocked `promise`, C-2's is due.
    func ledger(_ clock: TestClock = TestClock(), confirm: Bool = true) throws -> (MemoryLedger, promise: String) {
        let ledger = try base.ledger(clock)
        let promise = try ledger.add([.promise(PromiseRecord(subject: .customer("C-1"), until: CalendarDate(year: 2026, month: 12, day: 1)!,
                                                              confirm: confirm))], at: clock.now)
        return (ledger, promise[0].id)
    }

    func confirmations(_ ledger: MemoryLedger) -> [ReminderRecord] {
        ledger.reminders.filter { $0.step == Confirmations.step }
    }

    @Test("a promise just recorded is confirmed once: sending then sent with its Message-ID, logged step=confirmation")
    func confirmsOnce() throws {
        let (ledger, promise) = try ledger()
        let transport = ScriptedTransport()
        let sink = LineSink()
        let summary = try base.cycle(sink: sink).run(ledger: ledger) { transport }
        let messageID = "dunning.confirmation.C-1.\(promise)@voorbeeld.nl"
        #expect(summary.sent == 2)
        #expect(transport.delivered.map(\.envelope.recipients) == [["c-2@example.nl"], ["c-1@example.nl"]])
        #expect(String(decoding: transport.delivered[1].bytes, as: UTF8.self) == "Message-ID: <\(messageID)>\r\n\r\nconfirmation of \(promise)\r\n")
        #expect(confirmations(ledger).map(\.state) == [.sending, .sent])
        #expect(confirmations(ledger).allSatisfy { $0.messageID == messageID && $0.customer == "C-1" && $0.invoices == ["INV-C-1"] })
        // Both `sending` records went in one batch before the first delivery.
        #expect(ledger.reminders.prefix(2).map(\.state) == [.sending, .sending])
        #expect(sink.all.contains("sent customer=C-1 invoices=INV-C-1 step=confirmation to=c-1@example.nl message_id=<\(messageID)> smtp=250 reply=\"250 2.0.0 Ok\"\n"))
        #expect(sink.all.contains { $0.hasPrefix("blocked customer=C-1 ") && $0.contains("reason=promise") })

        let again = ScriptedTransport()
        #expect(try base.cycle().run(ledger: ledger) { again }.sent == 0 && again.delivered.isEmpty)
        #expect(confirmations(ledger).count == 2)
    }

    @Test("opted out (confirm: false): nothing is sent for the promise")
    func optedOut() throws {
        let (ledger, _) = try ledger(confirm: false)
        let transport = ScriptedTransport()
        _ = try base.cycle().run(ledger: ledger) { transport }
        #expect(transport.delivered.map(\.envelope.recipients) == [["c-2@example.nl"]])
        #expect(confirmations(ledger).isEmpty)
    }

    @Test("outside the send window (Saturday 2026-11-21) it waits; on Monday it goes out")
    func sendWindow() throws {
        let (ledger, _) = try ledger()
        let saturday = ScriptedTransport()
        _ = try base.cycle(day: 21).run(ledger: ledger) { saturday }
        #expect(saturday.delivered.isEmpty && confirmations(ledger).isEmpty)
        let monday = ScriptedTransport()
        _ = try base.cycle(day: 23).run(ledger: ledger) { monday }
        #expect(monday.delivered.map(\.envelope.recipients).contains(["c-1@example.nl"]))
        #expect(confirmations(ledger).map(\.state) == [.sending, .sent])
    }

    @Test("deferred: retried with the same Message-ID only after retry.first; given up after retry.give_up like a reminder")
    func deferred() throws {
        let clock = TestClock()
        let (ledger, promise) = try ledger(clock)
        // C-2's reminder goes first, then C-1's confirmation is deferred.
        _ = try base.cycle(clock: clock).run(ledger: ledger) { ScriptedTransport([.sent(reply: "250 ok"), .deferred(reply: "451 4.3.0 try later")]) }
        #expect(confirmations(ledger).map(\.state) == [.sending, .deferred])
        clock.advance(minutes: 4)
        let early = ScriptedTransport()
        _ = try base.cycle(clock: clock).run(ledger: ledger) { early }
        #expect(early.delivered.isEmpty)
        clock.advance(minutes: 1)
        let later = ScriptedTransport([.deferred(reply: "451 4.3.0 still later")])
        _ = try base.cycle(clock: clock).run(ledger: ledger) { later }
        #expect(later.delivered.count == 1
                && String(decoding: later.delivered[0].bytes, as: UTF8.self).hasPrefix("Message-ID: <dunning.confirmation.C-1.\(promise)@voorbeeld.nl>"))
        #expect(confirmations(ledger).map(\.state) == [.sending, .deferred, .sending, .deferred])

        clock.advance(minutes: 5 * 24 * 60)
        let none = ScriptedTransport()
        let summary = try base.cycle(clock: clock).run(ledger: ledger) { none }
        #expect(none.delivered.isEmpty && summary.failed == 1)
        #expect(confirmations(ledger).last?.state == .failed)
        #expect(ledger.records.contains { if case .task(let task) = $0.body { task.kind == .giveUp && task.customer == "C-1" } else { false } })
    }

    @Test("a confirmation that cannot be built is failed with the reason and never delivered")
    func buildFailure() throws {
        let (ledger, _) = try ledger()
        let transport = ScriptedTransport()
        let summary = try base.cycle(StubBuilder(refuse: ["C-1"])).run(ledger: ledger) { transport }
        #expect(summary.failed == 1 && transport.delivered.map(\.envelope.recipients) == [["c-2@example.nl"]])
        #expect(confirmations(ledger).map(\.state) == [.failed])
        #expect(confirmations(ledger).first?.reply == "not sent: CR or LF in the customer's name")
    }

    @Test("dry run: would-send step=confirmation, nothing recorded")
    func dryRun() throws {
        let (ledger, _) = try ledger()
        let count = ledger.records.count
        let sink = LineSink()
        _ = try base.cycle(dryRun: true, sink: sink).run(ledger: ledger) { Issue.record("transport opened"); return ScriptedTransport() }
        #expect(ledger.records.count == count)
        #expect(sink.all.contains { $0.hasPrefix("would-send customer=C-1 invoices=INV-C-1 step=confirmation to=c-1@example.nl ") })
    }
}
