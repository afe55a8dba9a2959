import DunningCore
import Foundation
import Testing

@Suite struct PlanJSONTests {
    func noticePlan() throws -> Plan {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 1_000)
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-1"], at: "2026-10-20T09:00:00Z")
        return try makePlan(ledger, config(rates: ["nl-commercial": nlCommercial]))
    }

    @Test("the fixed keys first, in their fixed order, money with two decimals")
    func exactShape() throws {
        let text = PlanJSON.render(try noticePlan())
        let expected = #"{"as_of":"2026-11-23","items":[{"customer":"C-1","step":"aanmaning","channel":"email","#
            + #""to":"jan@example.nl","blocked":null,"detail":"jan@example.nl not verified recently; the sender verifies it before sending","#
            + #""currency":"EUR","costs":"40.00","interest":"17.79","total":"1057.79","#
            + #""invoices":[{"id":"INV-1","due":"2026-10-01","days_overdue":53,"open":"1000.00","interest":"17.79","costs":"40.00"}],"#
            + #""status":"due","due_on":"2026-11-03","policy":"zakelijk","open":"1000.00","pay_by":"2026-12-07","#
            + #""previous_step":"herinnering","previous_step_on":"2026-10-20","announced_costs":null,"costs_chargeable_from":null,"#
            + #""excluded":[],"arrangement":null,"missed_instalments":[],"warnings":[],"notes":[]}]}"#
        #expect(text == expected)
    }

    @Test("the output is JSON with exactly as_of and items at the top")
    func parses() throws {
        let text = PlanJSON.render(try noticePlan())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["as_of", "items"])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.first?["total"] as? String == "1057.79")
        #expect(items.first?["blocked"] is NSNull)
    }

    @Test("a handover has to: null; a blocked item names its reason; extras follow items")
    func handoverAndBlocked() throws {
        var ledger = LedgerFixture()
        // A handover needs the customer's address (the CSV's extra column).
        ledger.add(.customer(CustomerRecord(customer: "C-1", name: "Klant C-1", email: "jan@example.nl", phone: "+31201234567",
                                            kind: .business, country: "NL", language: "nl", extra: ["address": "Lindelaan 4, Utrecht"])))
        ledger.invoice("INV-1", customer: "C-1", due: "2026-09-01", amount: 100)
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-1"], at: "2026-09-15T09:00:00Z")
        ledger.reminder("C-1", step: "aanmaning", invoices: ["INV-1"], at: "2026-09-29T09:00:00Z")
        ledger.add(.task(TaskRecord(customer: "C-1", invoices: ["INV-1"], kind: .call, text: "called", step: "bellen")),
                   at: "2026-10-06T10:00:00Z")
        ledger.customer("C-2")
        ledger.invoice("INV-2", customer: "C-2", due: "2026-10-01", amount: 50)
        ledger.add(.dispute(DisputeRecord(invoice: "INV-2", reason: "wrong")))
        let plan = try makePlan(ledger)
        let text = PlanJSON.render(plan, extras: true)
        #expect(text.contains(#"{"customer":"C-1","step":"incasso","channel":"handover","to":null,"blocked":null,"#))
        #expect(text.contains(#"{"customer":"C-2","step":"herinnering","channel":"email","to":"jan@example.nl","blocked":"dispute","#))
        #expect(text.contains(#"],"next_send":"2026-11-23T08:00:00Z","tasks":[],"#))
    }

    @Test("the text table lists each item with its invoices")
    func textTable() throws {
        let text = PlanText.render(try noticePlan())
        #expect(text.hasPrefix("Plan for 2026-11-23 (sending from Mon 2026-11-23 09:00 Europe/Amsterdam)\n"))
        #expect(text.contains("C-1       aanmaning  email    due     EUR  1000.00  40.00     17.79  1057.79  jan@example.nl"))
        #expect(text.contains("INV-1  due 2026-10-01  53 days  open 1000.00  interest 17.79"))
    }
}

@Suite struct PlanMoneyFormatTests {
    @Test("plan amounts are written exactly as Money.string writes them", arguments: [
        "0", "0.5", "1", "12.3", "149.50", "1000", "-0.01", "-12.34", "0.001", "2.345", "99999999999999.99", "123456789.1",
    ])
    func same(text: String) throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 1)
        var plan = try makePlan(ledger)
        plan.items[0].total = money(text)
        let expected = "\"total\":\"\(Money.string(money(text), in: .euro))\""
        #expect(PlanJSON.render(plan).contains(expected))
        let yen = try #require(Currency(code: "JPY"))
        plan.items[0].currency = yen
        #expect(PlanJSON.render(plan).contains("\"total\":\"\(Money.string(money(text), in: yen))\""))
    }
}
