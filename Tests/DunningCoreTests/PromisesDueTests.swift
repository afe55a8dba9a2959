import DunningCore
import Foundation
import Testing

@Suite struct PromisesDueTests {
    /// C-1 owes INV-1 (500.00) and INV-2 (300.00), due 2026-10-01; `zakelijk` gives 3 days grace.
    func ledger() -> LedgerFixture {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: money("500.00"))
        ledger.invoice("INV-2", customer: "C-1", due: "2026-10-01", amount: money("300.00"))
        return ledger
    }

    @Test("a promise whose day is in the range and still pending is listed with what is open; outside it, not")
    func inRange() throws {
        var ledger = ledger()
        let id = ledger.add(.promise(PromiseRecord(subject: .invoice("INV-1"), until: day("2026-11-22"), amount: money("200.00"))),
                            at: "2026-11-10T10:00:00Z")
        let state = try ledger.state()
        let due = Planner.promisesDue(config: config(), state: state, from: day("2026-11-21"), asOf: day("2026-11-23"))
        #expect(due.map(\.recordID) == [id])
        #expect(due.first?.subject == .invoice("INV-1") && due.first?.amount == money("200.00"))
        #expect(due.first?.invoices.map(\.invoice.invoice) == ["INV-1"] && due.first?.invoices.first?.open == money("500.00"))
        #expect(Planner.promisesDue(config: config(), state: state, from: day("2026-11-23"), asOf: day("2026-11-23")).isEmpty)
        #expect(Planner.promisesDue(config: config(), state: state, from: day("2026-11-24"), asOf: day("2026-11-23")).isEmpty)
    }

    @Test("a kept promise (the promised amount paid since), a resolved one and a broken one are not listed")
    func notPending() throws {
        var kept = ledger()
        kept.add(.promise(PromiseRecord(subject: .customer("C-1"), until: day("2026-11-23"), amount: money("100.00"))),
                 at: "2026-11-10T10:00:00Z")
        kept.pay("INV-2", money("100.00"), on: "2026-11-20")
        #expect(Planner.promisesDue(config: config(), state: try kept.state(), from: day("2026-11-23"), asOf: day("2026-11-23")).isEmpty)

        var resolved = ledger()
        let promise = resolved.add(.promise(PromiseRecord(subject: .customer("C-1"), until: day("2026-11-23"))))
        resolved.add(.resolve(ResolveRecord(ref: promise)))
        #expect(Planner.promisesDue(config: config(), state: try resolved.state(), from: day("2026-11-23"), asOf: day("2026-11-23")).isEmpty)

        // Due 2026-11-10 + 3 days grace: broken on 2026-11-14 (the plan proposes a task instead).
        var broken = ledger()
        broken.add(.promise(PromiseRecord(subject: .customer("C-1"), until: day("2026-11-10"))))
        #expect(Planner.promisesDue(config: config(), state: try broken.state(), from: day("2026-11-01"), asOf: day("2026-11-23")).isEmpty)
        #expect(Planner.promisesDue(config: config(), state: try broken.state(), from: day("2026-11-01"), asOf: day("2026-11-12")).count == 1)
    }

    @Test("a customer-wide promise covers every open invoice")
    func customerWide() throws {
        var ledger = ledger()
        ledger.add(.promise(PromiseRecord(subject: .customer("C-1"), until: day("2026-11-23"))))
        let due = Planner.promisesDue(config: config(), state: try ledger.state(), from: day("2026-11-23"), asOf: day("2026-11-23"))
        #expect(due.count == 1 && due[0].subject == .customer("C-1") && due[0].amount == nil)
        #expect(due[0].invoices.map(\.invoice.invoice) == ["INV-1", "INV-2"])
    }
}
