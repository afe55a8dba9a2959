import DunningCore
import Foundation
import Testing

/// Which promises and arrangements the sender confirms in writing, and with which Message-ID.
@Suite struct ConfirmationsTests {
    /// C-1 (jan@example.nl) owes F-1 (1000.00) and F-2 (200.00); C-2 owes F-3 (300.00).
    func ledger() -> LedgerFixture {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.customer("C-2", email: "piet@example.nl")
        ledger.invoice("F-1", customer: "C-1", due: "2026-10-01", amount: 1000)
        ledger.invoice("F-2", customer: "C-1", due: "2026-10-15", amount: 200)
        ledger.invoice("F-3", customer: "C-2", due: "2026-10-01", amount: 300)
        return ledger
    }

    /// The base Message-ID the cycle would derive: readable in the expectations.
    static func messageID(_ customer: String, _ record: String) -> String { "conf.\(customer).\(record)@test" }

    /// What is due on Monday 2026-11-23 at the window's opening.
    func due(_ ledger: LedgerFixture, on date: String = "2026-11-23") throws -> [DueConfirmation] {
        let config = config()
        return Confirmations.due(config: config, state: try ledger.state(),
                                 asOf: Planner.asOfInstant(for: day(date), config: config), messageID: Self.messageID)
    }

    func promise(_ subject: Subject, until: String = "2026-12-01", amount: Decimal? = nil, confirm: Bool = true) -> LedgerRecord.Body {
        .promise(PromiseRecord(subject: subject, until: day(until), amount: amount, confirm: confirm))
    }

    @Test("a promise recorded this week is due once: its customer, the open invoices it covers, a new Message-ID")
    func customerPromise() throws {
        var ledger = ledger()
        let id = ledger.add(promise(.customer("C-1"), amount: 500), at: "2026-11-20T14:00:00Z")
        ledger.pay("F-2", 50, on: "2026-11-01")
        let due = try due(ledger)
        try #require(due.count == 1)
        #expect(due[0].recordID == id && due[0].customer.customer == "C-1" && due[0].customer.email == "jan@example.nl")
        #expect(due[0].invoices.map(\.invoice.invoice) == ["F-1", "F-2"] && due[0].invoices.map(\.open) == [1000, 150])
        #expect(due[0].messageID == "conf.C-1.\(id)@test" && due[0].delivery == .new)
        #expect(due[0].agreement == .promise(PromiseRecord(subject: .customer("C-1"), until: day("2026-12-01"), amount: 500)))
    }

    @Test("a promise on one invoice covers that invoice only; an arrangement its invoices; in customer, then ledger order")
    func invoicePromiseAndArrangement() throws {
        var ledger = ledger()
        let arrangement = ledger.add(.arrangement(ArrangementRecord(invoices: ["F-3"], instalments: [
            Instalment(due: day("2026-12-01"), amount: 150), Instalment(due: day("2027-01-01"), amount: 150),
        ])), at: "2026-11-19T10:00:00Z")
        let promise = ledger.add(promise(.invoice("F-2")), at: "2026-11-20T10:00:00Z")
        let due = try due(ledger)
        #expect(due.map(\.recordID) == [promise, arrangement])
        #expect(due.map { $0.invoices.map(\.invoice.invoice) } == [["F-2"], ["F-3"]])
        #expect(due.map(\.customer.customer) == ["C-1", "C-2"])
    }

    @Test("not due: voided, resolved, opted out, recorded more than 7 days before, promised day or last instalment past")
    func notDue() throws {
        var ledger = ledger()
        let voided = ledger.add(promise(.invoice("F-1")), at: "2026-11-20T10:00:00Z")
        ledger.add(.void(VoidRecord(ref: voided, reason: "wrong customer")))
        let resolved = ledger.add(promise(.invoice("F-2")), at: "2026-11-20T10:00:00Z")
        ledger.add(.resolve(ResolveRecord(ref: resolved)))
        ledger.add(promise(.customer("C-1"), confirm: false), at: "2026-11-20T10:00:00Z")
        ledger.add(.arrangement(ArrangementRecord(invoices: ["F-1"], instalments: [Instalment(due: day("2026-12-01"), amount: 1000)],
                                                  confirm: false)), at: "2026-11-20T10:00:00Z")
        // 22:30Z on 2026-11-15 is 23:30 in Amsterdam: eight days before as-of.
        ledger.add(promise(.invoice("F-3")), at: "2026-11-15T22:30:00Z")
        ledger.add(promise(.invoice("F-3"), until: "2026-11-22"), at: "2026-11-20T10:00:00Z")
        ledger.add(.arrangement(ArrangementRecord(invoices: ["F-3"], instalments: [
            Instalment(due: day("2026-11-01"), amount: 150), Instalment(due: day("2026-11-22"), amount: 150),
        ])), at: "2026-11-20T10:00:00Z")
        #expect(try due(ledger).isEmpty)

        // The edges: recorded seven days before in the company's zone (23:30Z on the 15th is
        // 00:30 on the 16th in Amsterdam), and a promise until as-of's day itself.
        let edge = ledger.add(promise(.invoice("F-3")), at: "2026-11-15T23:30:00Z")
        let today = ledger.add(promise(.invoice("F-3"), until: "2026-11-23"), at: "2026-11-20T10:00:00Z")
        #expect(try due(ledger).map(\.recordID) == [edge, today])
    }

    @Test("not due once its message is journaled: sending, sent, uncertain or failed")
    func alreadyJournaled() throws {
        for states in [[ReminderState.sending], [.sending, .sent], [.sending, .uncertain], [.sending, .failed]] {
            var ledger = ledger()
            let id = ledger.add(promise(.invoice("F-1")), at: "2026-11-20T10:00:00Z")
            ledger.reminder("C-1", step: Confirmations.step, invoices: ["F-1"], at: "2026-11-20T10:05:00Z", states: states,
                            messageID: Self.messageID("C-1", id))
            #expect(try due(ledger).isEmpty, "\(states)")
        }
    }

    @Test("a deferred confirmation is due for its retry with the same Message-ID, even after 7 days")
    func deferred() throws {
        var ledger = ledger()
        let id = ledger.add(promise(.invoice("F-1")), at: "2026-11-10T10:00:00Z")
        ledger.reminder("C-1", step: Confirmations.step, invoices: ["F-1"], at: "2026-11-10T10:05:00Z",
                        states: [.sending, .deferred], messageID: Self.messageID("C-1", id))
        let due = try due(ledger)
        try #require(due.count == 1)
        #expect(due[0].messageID == Self.messageID("C-1", id))
        guard case .deferred(let message) = due[0].delivery else { Issue.record("not deferred: \(due[0].delivery)"); return }
        #expect(message.events.map(\.value.state) == [.sending, .deferred])
    }

    @Test("an uncertain confirmation settled not-sent is due again with the id numbered -2")
    func settledNotSent() throws {
        var ledger = ledger()
        let id = ledger.add(promise(.invoice("F-1")), at: "2026-11-20T10:00:00Z")
        let base = Self.messageID("C-1", id)
        ledger.reminder("C-1", step: Confirmations.step, invoices: ["F-1"], at: "2026-11-20T10:05:00Z",
                        states: [.sending, .uncertain], messageID: base)
        ledger.add(.resolve(ResolveRecord(ref: base, outcome: .notSent)))
        #expect(try due(ledger).map(\.messageID) == ["conf.C-1.\(id)-2@test"])
        ledger.add(.resolve(ResolveRecord(ref: base, outcome: .sent)))
        #expect(try due(ledger).isEmpty)
    }

    @Test("not due: nothing open any more, no email address, an address that bounced hard")
    func nothingToConfirm() throws {
        var ledger = ledger()
        ledger.customer("C-3", email: "")
        ledger.invoice("F-4", customer: "C-3", due: "2026-10-01", amount: 100)
        ledger.add(promise(.invoice("F-4")), at: "2026-11-20T10:00:00Z")
        ledger.pay("F-3", 300, on: "2026-11-21")
        ledger.add(promise(.customer("C-2")), at: "2026-11-20T10:00:00Z")
        ledger.add(.bounce(BounceRecord(address: "Jan@Example.nl", kind: .hard, status: "5.1.1", diagnostic: "no such user")))
        ledger.add(promise(.invoice("F-1")), at: "2026-11-20T10:00:00Z")
        #expect(try due(ledger).isEmpty)
    }
}
