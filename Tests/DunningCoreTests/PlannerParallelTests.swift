@testable import DunningCore
import Foundation
import Testing

@Suite struct PlannerParallelTests {
    /// Customers in every situation the planner distinguishes, many times over.
    func mixedLedger(customers: Int) -> LedgerFixture {
        var ledger = LedgerFixture()
        for index in 0..<customers {
            let customer = "C-\(index)"
            ledger.customer(customer, kind: index % 2 == 0 ? .business : .consumer, country: ["NL", "BE", "RO", "DE"][index % 4])
            for number in 0..<(1 + index % 3) {
                let invoice = "INV-\(index)-\(number)"
                ledger.invoice(invoice, customer: customer, due: ["2026-08-01", "2026-10-01", "2026-11-10"][(index + number) % 3],
                               amount: Decimal(100 + index % 50) + Decimal(string: "0.25")!)
                switch (index + number) % 7 {
                case 0: ledger.pay(invoice, Decimal(40), on: "2026-10-05")
                case 1: ledger.pay(invoice, Decimal(500), on: "2026-10-06")
                case 2: ledger.add(.dispute(DisputeRecord(invoice: invoice, reason: "wrong")))
                case 3: ledger.reminder(customer, step: "herinnering", invoices: [invoice], at: "2026-10-20T09:00:00Z")
                case 4: ledger.add(.promise(PromiseRecord(subject: .customer(customer), until: day("2026-11-01"))),
                                   at: "2026-10-25T10:00:00Z")
                case 5: ledger.add(.void(VoidRecord(ref: ledger.pay(invoice, Decimal(10), on: "2026-10-07"), reason: "typo")))
                default: break
                }
            }
        }
        return ledger
    }

    @Test("planning in runs on several threads gives the plan of one run", arguments: [2, 3, 8])
    func sameAsOneRun(runs: Int) throws {
        let ledger = mixedLedger(customers: 240)
        let state = try ledger.state()
        let settings = config(rates: ["nl-commercial": nlCommercial])
        let asOf = Planner.asOfInstant(for: day("2026-11-23"), config: settings)
        let single = Planner.plan(config: settings, state: state, asOf: asOf, runs: 1)
        #expect(!single.items.isEmpty && !single.credits.isEmpty && !single.tasks.isEmpty)
        #expect(Planner.plan(config: settings, state: state, asOf: asOf, runs: runs) == single)
        #expect(PlanJSON.render(Planner.plan(config: settings, state: state, asOf: asOf, runs: runs), extras: true)
            == PlanJSON.render(single, extras: true))
    }
}
