import DunningCore
import Foundation
import Testing

/// Consumer costs: chargeable only after the pay-by date a letter stated, never the
/// Directive's €40, contractual costs capped at the statutory maximum.
@Suite struct PlannerConsumerCostsTests {
    func consumer(_ country: String, amount: Decimal = 1_000) -> LedgerFixture {
        var ledger = LedgerFixture()
        ledger.customer("P-1", kind: .consumer, country: country)
        ledger.invoice("INV-1", customer: "P-1", due: "2026-10-01", amount: amount)
        return ledger
    }

    /// reminder, then a cost step, then a later step with the same rule.
    func policy(_ costs: CostRule, payWithin: Int = 15) -> Policy {
        Policy(id: "p", steps: [
            PolicyStep(id: "reminder", after: .days(14), template: "reminder", payWithin: payWithin),
            PolicyStep(id: "letter", after: .days(14), from: .previous, template: "notice", costs: costs, payWithin: payWithin),
            PolicyStep(id: "summons", after: .days(14), from: .previous, template: "notice", costs: costs),
        ])
    }

    @Test("14-day letter with pay_within 15d: pay by 12-08, costs chargeable from 12-09, never on the pay-by day itself")
    func letterPayBy() throws {
        var ledger = consumer("NL")
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z")
        let item = try makePlan(ledger, config(policies: [policy(.nlWIK)])).only("P-1")
        #expect(item.step == "letter" && item.announcedCosts == 150)
        #expect(item.payBy == day("2026-12-08") && item.costsChargeableFrom == day("2026-12-09"))
        #expect(item.notes.contains { $0.contains("chargeable from 2026-12-09") })
    }

    @Test("a later step charges WIK from the day after the letter's pay-by date: sent 11-01 with 15d → pay by 11-16, costs from 11-17")
    func laterStep() throws {
        var ledger = consumer("NL")
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z")
        ledger.reminder("P-1", step: "letter", invoices: ["INV-1"], at: "2026-11-01T09:00:00Z")
        let onPayBy = try makePlan(ledger, config(policies: [policy(.nlWIK)]), asOf: "2026-11-16").only("P-1")
        #expect(onPayBy.step == "summons" && onPayBy.costs == 0 && onPayBy.costsChargeableFrom == day("2026-11-17"))
        let after = try makePlan(ledger, config(policies: [policy(.nlWIK)]), asOf: "2026-11-17").only("P-1")
        #expect(after.costs == 150)
    }

    @Test("BE: after a free reminder with pay_within 17d (sent 11-01, pay by 11-18), costs from 11-19")
    func beAfterReminderPayBy() throws {
        var ledger = consumer("BE")
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1"], at: "2026-11-01T09:00:00Z")
        let be = policy(.beConsumer, payWithin: 17)
        #expect(try makePlan(ledger, config(policies: [be]), asOf: "2026-11-18").only("P-1").costs == 0)
        #expect(try makePlan(ledger, config(policies: [be]), asOf: "2026-11-19").only("P-1").costs == 90)
    }

    @Test("eu-flat-40 on a consumer charges nothing and says why")
    func flatOnConsumer() throws {
        var ledger = consumer("NL")
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z")
        let item = try makePlan(ledger, config(policies: [policy(.euFlat40)])).only("P-1")
        #expect(item.step == "letter" && item.costs == 0 && item.announcedCosts == nil)
        #expect(item.notes.contains { $0.contains("business debtors only") })
    }

    @Test("contractual costs on an NL consumer: announced in the 14-day letter, capped at WIK", arguments: [
        // (rule, principal, announced, capped?)
        (CostRule.fixed(250), Decimal(1_000), Decimal(150), true),
        (CostRule.fixed(25), Decimal(1_000), Decimal(25), false),
        (CostRule.percent(20, min: nil, max: nil), Decimal(1_000), Decimal(150), true),
        (CostRule.fixed(60), Decimal(100), Decimal(40), true),
    ])
    func nlContractual(rule: CostRule, principal: Decimal, announced: Decimal, capped: Bool) throws {
        var ledger = consumer("NL", amount: principal)
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z")
        let letter = try makePlan(ledger, config(policies: [policy(rule)])).only("P-1")
        #expect(letter.step == "letter" && letter.costs == 0 && letter.announcedCosts == announced)
        #expect(letter.notes.contains { $0.contains("capped at the WIK maximum") } == capped)
        ledger.reminder("P-1", step: "letter", invoices: ["INV-1"], at: "2026-11-23T09:00:00Z")
        // Pay by 12-08 (15 days), costs from 12-09.
        #expect(try makePlan(ledger, config(policies: [policy(rule)]), asOf: "2026-12-08").only("P-1").costs == 0)
        let summons = try makePlan(ledger, config(policies: [policy(rule)]), asOf: "2026-12-09").only("P-1")
        #expect(summons.step == "summons" && summons.costs == announced)
    }

    @Test("contractual costs on an NL consumer without the 14-day letter sent: nothing charged")
    func nlContractualNoLetter() throws {
        let direct = Policy(id: "p", steps: [
            PolicyStep(id: "reminder", after: .days(14), template: "reminder", costs: .fixed(40)),
        ])
        let item = try makePlan(consumer("NL"), config(policies: [direct])).only("P-1")
        #expect(item.costs == 0 && item.announcedCosts == 40)
    }

    @Test("contractual costs on a BE consumer: the first reminder is free, then capped at 65 + 5 % × 500 = 90")
    func beContractual() throws {
        var ledger = consumer("BE")
        let be = policy(.percent(15, min: nil, max: nil), payWithin: 14)
        let free = try makePlan(ledger, config(policies: [be])).only("P-1")
        #expect(free.step == "reminder" && free.costs == 0)
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1"], at: "2026-11-01T09:00:00Z")
        let charged = try makePlan(ledger, config(policies: [be]), asOf: "2026-11-16").only("P-1")
        #expect(charged.step == "letter" && charged.costs == 90)
        #expect(charged.notes.contains { $0.contains("capped at the Boek XIX WER maximum EUR 90.00 (contractual EUR 150.00)") })
    }

    @Test("contractual costs on a business or a Romanian consumer stay as agreed")
    func contractualUncapped() throws {
        var ledger = consumer("RO")
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z")
        let item = try makePlan(ledger, config(policies: [policy(.fixed(250))])).only("P-1")
        #expect(item.step == "letter" && item.costs == 250 && item.announcedCosts == nil)
    }
}
