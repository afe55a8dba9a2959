import DunningCore
import Foundation
import Testing

@Suite struct CostsTests {
    /// Besluit BIK art. 2 staffel: 15 % / 10 % / 5 % / 1 % / 0.5 %, min €40, max €6,775.
    @Test("NL WIK staffel on the principal", arguments: [
        ("200.00", "40.00"),        // 15 % × 200 = 30 → minimum 40
        ("266.67", "40.00"),        // 15 % × 266.67 = 40.0005 → 40.00
        ("300.00", "45.00"),        // 15 % × 300 = 45
        ("1000.00", "150.00"),      // 15 % × 1,000 = 150
        ("2500.00", "375.00"),      // 15 % × 2,500 = 375
        ("3000.00", "425.00"),      // 375 + 10 % × 500 = 375 + 50
        ("10000.00", "875.00"),     // 375 + 250 + 5 % × 5,000 = 375 + 250 + 250
        ("20000.00", "975.00"),     // 875 + 1 % × 10,000 = 875 + 100
        ("200000.00", "2775.00"),   // 875 + 1 % × 190,000 = 875 + 1,900
        ("500000.00", "4275.00"),   // 2,775 + 0.5 % × 300,000 = 2,775 + 1,500
        ("2000000.00", "6775.00"),  // 2,775 + 0.5 % × 1,800,000 = 11,775 → maximum 6,775
        ("1234.57", "185.19"),      // 15 % × 1,234.57 = 185.1855 → half up 185.19
    ])
    func wik(principal: String, costs: String) throws {
        #expect(Costs.nlWIK(principal: try Money.parse(principal)) == (try Money.parse(costs)))
    }

    /// Boek XIX WER art. XIX.4: ≤150 → 20; ≤500 → 30 + 10 % over 150; else 65 + 5 % over 500, max 2,000.
    @Test("BE consumer caps on the balance", arguments: [
        ("100.00", "20.00"),        // ≤ 150 → 20
        ("150.00", "20.00"),        // ≤ 150 → 20
        ("150.01", "30.00"),        // 30 + 10 % × 0.01 = 30.001 → 30.00
        ("400.00", "55.00"),        // 30 + 10 % × 250 = 30 + 25
        ("500.00", "65.00"),        // 30 + 10 % × 350 = 30 + 35
        ("1000.00", "90.00"),       // 65 + 5 % × 500 = 65 + 25
        ("39200.00", "2000.00"),    // 65 + 5 % × 38,700 = 65 + 1,935 = 2,000 exactly
        ("50000.00", "2000.00"),    // 65 + 5 % × 49,500 = 2,540 → capped 2,000
    ])
    func beConsumer(balance: String, costs: String) throws {
        #expect(Costs.beConsumer(balance: try Money.parse(balance)) == (try Money.parse(costs)))
    }

    @Test("statutory picks the law by country and kind")
    func statutory() {
        #expect(Costs.concrete(.statutory, country: "NL", kind: .consumer) == .nlWIK)
        #expect(Costs.concrete(.statutory, country: "BE", kind: .consumer) == .beConsumer)
        #expect(Costs.concrete(.statutory, country: "NL", kind: .business) == .euFlat40)
        #expect(Costs.concrete(.statutory, country: "RO", kind: .business) == .euFlat40)
        #expect(Costs.concrete(.statutory, country: "RO", kind: .consumer) == CostRule.none)
        #expect(Costs.concrete(.statutory, country: "US", kind: .business) == CostRule.none)
        #expect(Costs.concrete(.fixed(25), country: "NL", kind: .consumer) == .fixed(25))
    }

    @Test("EUR 40 per invoice for businesses; other currencies only via flat_compensation")
    func euFlat() throws {
        let ron = try #require(Currency(code: "RON"))
        #expect(Costs.assess(.euFlat40, principal: 10, currency: .euro).amount == 40)
        let none = Costs.assess(.euFlat40, principal: 1_000, currency: ron)
        #expect(none.amount == 0)
        #expect(none.detail?.contains("RON") == true)
        #expect(Costs.assess(.euFlat40, principal: 1_000, currency: ron, flatCompensation: ["RON": 199]).amount == 199)
        #expect(Costs.assess(.euFlat40, principal: 0, currency: .euro).amount == 0)
    }

    @Test("contractual rules: fixed, and percent within min and max", arguments: [
        ("100.00", "40.00"),     // 10 % × 100 = 10 → min 40
        ("1000.00", "100.00"),   // 10 % × 1,000 = 100
        ("8000.00", "500.00"),   // 10 % × 8,000 = 800 → max 500
        ("1234.55", "123.46"),   // 10 % × 1,234.55 = 123.455 → half up 123.46
    ])
    func percent(principal: String, costs: String) throws {
        let rule = CostRule.percent(10, min: 40, max: 500)
        #expect(Costs.assess(rule, principal: try Money.parse(principal), currency: .euro).amount == (try Money.parse(costs)))
        #expect(Costs.assess(.fixed(25), principal: try Money.parse(principal), currency: .euro).amount == 25)
    }

    @Test("WIK and BE caps are never applied to another currency")
    func foreignConsumer() throws {
        let ron = try #require(Currency(code: "RON"))
        #expect(Costs.assess(.nlWIK, principal: 1_000, currency: ron).amount == 0)
        #expect(Costs.assess(.beConsumer, principal: 1_000, currency: ron).amount == 0)
        #expect(Costs.assess(.nlWIK, principal: 1_000, currency: .euro).amount == 150)
    }
}

@Suite struct CostsPrecisionTests {
    @Test("amounts with more decimals than cents still follow the law (Decimal path)", arguments: [
        ("1000.005", "150.00"),   // 15 % × 1000.005 = 150.00075 → 150.00
        ("2500.001", "375.00"),   // 375 + 10 % × 0.001 = 375.0001 → 375.00
    ])
    func precise(principal: String, costs: String) {
        #expect(Costs.nlWIK(principal: money(principal)) == money(costs))
    }
}
