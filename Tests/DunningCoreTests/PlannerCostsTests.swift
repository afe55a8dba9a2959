import DunningCore
import Foundation
import Testing

/// When the planner charges costs and interest (the law's timing), on top of `CostsTests`' arithmetic.
@Suite struct PlannerCostsTests {
    let nlConsumerRates = ["nl-consumer": RateTable(compounding: .simple, periods: [RatePeriod(from: day("2024-01-01"), rate: 4)])]

    func consumer(_ country: String) -> LedgerFixture {
        var ledger = LedgerFixture()
        ledger.customer("P-1", kind: .consumer, country: country)
        ledger.invoice("INV-1", customer: "P-1", due: "2026-10-01", amount: 1_000)
        return ledger
    }

    @Test("NL consumer, default policy: the notice is the 14-day letter announcing WIK EUR 150, charging nothing")
    func wikLetter() throws {
        var ledger = consumer("NL")
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z")
        let item = try makePlan(ledger, config(policies: [], rates: nlConsumerRates)).only("P-1")
        #expect(item.step == "notice" && item.policy == "default" && item.status == .due)
        // WIK on 1,000: 15 % = 150, announced only.
        #expect(item.costs == 0 && item.announcedCosts == 150)
        // 14 days from the day after the letter (11-24 … 12-07); chargeable from 12-08.
        #expect(item.payBy == day("2026-12-07") && item.costsChargeableFrom == day("2026-12-08"))
        // Statutory consumer interest 4 % simple, 2026-10-02 … 11-23 = 53 days: 1000 × 4 × 53 / 36500 = 5.808… → 5.81
        #expect(item.interest == money("5.81") && item.total == money("1005.81"))
    }

    @Test("NL consumer: a later step charges WIK only from the 15th day after the letter was sent")
    func wikCharged() throws {
        let policy = Policy(id: "wik", steps: [
            PolicyStep(id: "reminder", after: .days(14), template: "reminder"),
            PolicyStep(id: "letter", after: .days(14), from: .previous, template: "notice", costs: .nlWIK),
            PolicyStep(id: "summons", after: .days(14), from: .previous, template: "notice", costs: .statutory),
        ])
        var ledger = consumer("NL")
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z")
        ledger.reminder("P-1", step: "letter", invoices: ["INV-1"], at: "2026-11-01T09:00:00Z")
        // Letter sent 11-01: term 11-02 … 11-15, costs from 11-16.
        let early = try makePlan(ledger, config(policies: [policy]), asOf: "2026-11-15").only("P-1")
        #expect(early.step == "summons" && early.costs == 0 && early.costsChargeableFrom == day("2026-11-16"))
        let charged = try makePlan(ledger, config(policies: [policy]), asOf: "2026-11-16").only("P-1")
        #expect(charged.costs == 150 && charged.total == 1_150 && charged.announcedCosts == nil)
    }

    @Test("BE consumer: the first reminder is free, costs 14 days after it: 65 + 5 % × 500 = 90")
    func beConsumer() throws {
        let policy = Policy(id: "be", steps: [
            PolicyStep(id: "reminder", after: .days(14), template: "reminder", costs: .statutory),
            PolicyStep(id: "notice", after: .days(14), from: .previous, template: "notice", costs: .beConsumer),
        ])
        var ledger = consumer("BE")
        let free = try makePlan(ledger, config(policies: [policy])).only("P-1")
        #expect(free.step == "reminder" && free.costs == 0)
        #expect(free.notes.contains { $0.contains("first reminder is free") })
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1"], at: "2026-11-01T09:00:00Z")
        #expect(try makePlan(ledger, config(policies: [policy]), asOf: "2026-11-15").only("P-1").costs == 0)
        let charged = try makePlan(ledger, config(policies: [policy]), asOf: "2026-11-16").only("P-1")
        #expect(charged.step == "notice" && charged.costs == 90 && charged.total == 1_090)
    }

    @Test("NL consumer, three invoices of EUR 30 in one letter: WIK on the 90 together is the EUR 40 minimum, not 3 × 40")
    func wikPooled() throws {
        let policy = Policy(id: "wik", steps: [
            PolicyStep(id: "letter", after: .days(14), template: "notice", costs: .nlWIK),
            PolicyStep(id: "summons", after: .days(14), from: .previous, template: "notice", costs: .statutory),
        ])
        var ledger = LedgerFixture()
        ledger.customer("P-1", kind: .consumer, country: "NL")
        for id in ["INV-1", "INV-2", "INV-3"] { ledger.invoice(id, customer: "P-1", due: "2026-10-01", amount: 30) }
        // 15 % × 90 = 13.50, below the minimum: 40.00 announced for the three together.
        let letter = try makePlan(ledger, config(policies: [policy])).only("P-1")
        #expect(letter.step == "letter" && letter.announcedCosts == 40 && letter.costs == 0)
        ledger.reminder("P-1", step: "letter", invoices: ["INV-1", "INV-2", "INV-3"], at: "2026-10-16T09:00:00Z")
        // Charged from 10-31; 40 spread by open amount: 13.33 + 13.33 + 13.34 (the last takes the rest).
        let summons = try makePlan(ledger, config(policies: [policy])).only("P-1")
        #expect(summons.step == "summons" && summons.costs == 40 && summons.open == 90)
        #expect(summons.invoices.map(\.costs) == [money("13.33"), money("13.33"), money("13.34")])
    }

    @Test("NL consumer, 2,000 + 1,000 in one letter: staffel on 3,000 = 375 + 50 = 425 (not 300 + 150 = 450)")
    func wikPooledStaffel() throws {
        var ledger = LedgerFixture()
        ledger.customer("P-1", kind: .consumer, country: "NL")
        ledger.invoice("INV-1", customer: "P-1", due: "2026-10-01", amount: 2_000)
        ledger.invoice("INV-2", customer: "P-1", due: "2026-10-02", amount: 1_000)
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1", "INV-2"], at: "2026-10-16T09:00:00Z")
        let item = try makePlan(ledger, config(policies: [], rates: nlConsumerRates)).only("P-1")
        #expect(item.step == "notice" && item.announcedCosts == 425)
    }

    @Test("BE consumer, 100 + 200 + 300 after the free reminder: caps on 600 = 65 + 5 % × 100 = 70, spread 11.67 + 23.33 + 35.00")
    func beConsumerPooled() throws {
        let policy = Policy(id: "be", steps: [
            PolicyStep(id: "reminder", after: .days(14), template: "reminder", costs: .statutory),
            PolicyStep(id: "notice", after: .days(14), from: .previous, template: "notice", costs: .beConsumer),
        ])
        var ledger = LedgerFixture()
        ledger.customer("P-1", kind: .consumer, country: "BE")
        for (id, amount) in [("INV-1", 100), ("INV-2", 200), ("INV-3", 300)] {
            ledger.invoice(id, customer: "P-1", due: "2026-10-01", amount: Decimal(amount))
        }
        ledger.reminder("P-1", step: "reminder", invoices: ["INV-1", "INV-2", "INV-3"], at: "2026-10-16T09:00:00Z")
        // Per invoice it would be 20 + 35 + 45 = 100.
        let item = try makePlan(ledger, config(policies: [policy])).only("P-1")
        #expect(item.step == "notice" && item.costs == 70 && item.total == 670)
        #expect(item.invoices.map(\.costs) == [money("11.67"), money("23.33"), money("35.00")])
    }

    @Test("business: EUR 40 per invoice, summed; RON only with a configured flat compensation")
    func business() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 1_000)
        ledger.invoice("INV-2", customer: "C-1", due: "2026-10-02", amount: 10)
        ledger.invoice("INV-3", customer: "C-1", due: "2026-10-01", amount: 900, currency: ron)
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-1", "INV-2", "INV-3"], at: "2026-10-20T09:00:00Z")
        let plan = try makePlan(ledger)
        #expect(plan.items.map(\.currency) == [.euro, ron])
        #expect(plan.items[0].costs == 80 && plan.items[0].invoices.map(\.costs) == [40, 40])
        #expect(plan.items[1].costs == 0 && plan.items[1].notes.contains { $0.contains("flat_compensation") })
        // No nl-commercial table configured: no interest, and the note says so.
        #expect(plan.items[0].interest == 0 && plan.items[0].notes.contains { $0.contains("nl-commercial") })
        let withFlat = try makePlan(ledger, config(flat: ["RON": 199]))
        #expect(withFlat.items[1].costs == 199 && withFlat.items[1].total == 1_099)
    }

    @Test("a partial payment lowers interest from its date: 6.7123 + 6.6452 = 13.36")
    func partialPayment() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 1_000)
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-1"], at: "2026-10-20T09:00:00Z")
        ledger.pay("INV-1", 400, on: "2026-10-22")
        // 10-02 … 10-21: 20 days on 1000 at 12.25 %: 6.71232…; 10-22 … 11-23: 33 days on 600: 6.64520…
        let item = try makePlan(ledger, config(rates: ["nl-commercial": nlCommercial])).only("C-1")
        #expect(item.open == 600 && item.interest == money("13.36") && item.costs == 40)
        #expect(item.total == money("653.36"))
    }
}
