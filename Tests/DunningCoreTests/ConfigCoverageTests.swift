import DunningCore
import Foundation
import Testing

/// What `check` warns about: statutory interest without its table, overdue invoices no policy covers.
@Suite struct ConfigCoverageTests {
    let nlConsumer = ["nl-consumer": RateTable(compounding: .simple, periods: [RatePeriod(from: day("2024-01-01"), rate: 4)])]

    @Test("statutory interest without the table for a customer the policy applies to: one warning naming table, step and customer")
    func missingTable() throws {
        var ledger = LedgerFixture()
        ledger.customer("P-1", kind: .consumer, country: "NL")
        ledger.customer("P-2", kind: .consumer, country: "DE")
        let warnings = ConfigCoverage.missingRates(config: config(policies: []), state: try ledger.state())
        // The default policy's notice and handover charge statutory interest; DE has no table to miss.
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.first?.contains("policy 'default' step 'notice': interest 'statutory' needs the rates table 'nl-consumer' "
            + "for consumer customers in NL (P-1), which is not configured") == true, "\(warnings)")
        #expect(ConfigCoverage.missingRates(config: config(policies: [], rates: nlConsumer), state: try ledger.state()).isEmpty)
    }

    @Test("a policy naming kind and country needs its table even before it has customers")
    func fromAppliesTo() throws {
        let policy = Policy(id: "be", appliesTo: PolicyMatch(kind: .consumer, countries: ["BE"]), steps: [
            PolicyStep(id: "notice", after: .days(14), template: "notice", interest: .statutory),
        ])
        let warnings = ConfigCoverage.missingRates(config: config(policies: [policy]), state: try LedgerFixture().state())
        #expect(warnings == ["policy 'be' step 'notice': interest 'statutory' needs the rates table 'be-consumer' for consumer "
            + "customers in BE, which is not configured: they are charged no interest (copy the table from the example "
            + "config, or say 'interest: none')"])
    }

    @Test("overdue invoices of a customer no policy covers: listed with what they leave open per currency")
    func uncovered() throws {
        var ledger = LedgerFixture()
        ledger.customer("P-1", kind: .consumer)
        ledger.invoice("INV-1", customer: "P-1", due: "2026-10-01", amount: 300)
        ledger.invoice("INV-2", customer: "P-1", due: "2026-10-05", amount: money("49.00"))
        ledger.invoice("INV-3", customer: "P-1", due: "2026-12-31", amount: 1_000)
        ledger.pay("INV-1", 0.5, on: "2026-10-02")
        let plan = try makePlan(ledger)
        #expect(plan.unchased.first?.open == [CurrencyAmount(currency: .euro, amount: money("348.50"))])
        #expect(ConfigCoverage.uncovered(plan) == [
            "customer P-1: overdue INV-1, INV-2 (EUR 348.50): no policy applies to this consumer customer in NL; not chased",
        ])
        #expect(PlanText.render(plan).contains("Needs attention: overdue, but no policy applies (not chased):\n"
            + "  P-1  INV-1,INV-2  EUR 348.50  no policy applies"))
    }
}
