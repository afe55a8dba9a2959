import Foundation
import Testing
import TestSupport

/// `plan` end to end, with the built-in default policy and amounts worked out by hand.
@Suite struct PlanTests {
    @Test("first step is the reminder even when the notice date has passed; no costs or interest in a reminder")
    func firstReminder() throws {
        let cli = try Fixtures.imported()
        let plan = try cli.planJSON(asOf: "2026-11-23")
        #expect(plan["as_of"] as? String == "2026-11-23")
        let item = try #require(cli.items(plan, customer: "C-1").first)
        #expect(item["step"] as? String == "reminder")
        #expect(item["channel"] as? String == "email")
        #expect(item["to"] as? String == "admin@bakkerij.example")
        #expect(item["blocked"] is NSNull)
        #expect(item["currency"] as? String == "EUR")
        #expect(item["costs"] as? String == "0.00")
        #expect(item["interest"] as? String == "0.00")
        #expect(item["total"] as? String == "1000.00")
        let invoice = try #require((item["invoices"] as? [[String: Any]])?.first)
        #expect(invoice["id"] as? String == "F-1")
        #expect(invoice["due"] as? String == "2026-10-01")
        #expect(invoice["days_overdue"] as? Int == 53)
        #expect(invoice["open"] as? String == "1000.00")
    }

    @Test("NL business notice after a sent reminder: €40 compensation + 1000 × 12.25% × 53/365 = 17.79 interest → 1057.79")
    func noticeWithCostsAndInterest() throws {
        let cli = try Fixtures.imported()
        try cli.appendToLedger([
            #"{"type":"reminder","id":"rem-1","at":"2026-10-15T08:00:00Z","customer":"C-1","step":"reminder","invoices":["F-1"],"to":"admin@bakkerij.example","message_id":"<r1@voorbeeld.nl>","state":"sending"}"#,
            #"{"type":"reminder","id":"rem-2","at":"2026-10-15T08:00:01Z","customer":"C-1","step":"reminder","invoices":["F-1"],"to":"admin@bakkerij.example","message_id":"<r1@voorbeeld.nl>","state":"sent","reply":"250 2.0.0 Ok"}"#,
        ])
        let item = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-1").first)
        #expect(item["step"] as? String == "notice")
        #expect(item["costs"] as? String == "40.00")
        #expect(item["interest"] as? String == "17.79")
        #expect(item["total"] as? String == "1057.79")
    }

    @Test("partial payment lowers the open amount: 400.00 − 100.00 = 300.00")
    func partialPayment() throws {
        let cli = try Fixtures.imported()
        let item = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-2").first)
        #expect(item["total"] as? String == "300.00")
    }

    @Test("a RON invoice is planned in RON, never mixed with euros")
    func currencyPerInvoice() throws {
        let cli = try Fixtures.imported()
        let item = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-3").first)
        #expect(item["currency"] as? String == "RON")
        #expect(item["total"] as? String == "2500.00")
    }

    @Test("a dispute blocks, resolving it unblocks")
    func disputeAndResolve() throws {
        let cli = try Fixtures.imported()
        let dispute = try cli.run(["ledger", "dispute", "--invoice", "F-1", "--reason", "Wrong quantity"])
        #expect(dispute.status == 0, "\(dispute)")
        let id = dispute.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let blocked = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-1").first)
        #expect(blocked["blocked"] as? String == "dispute")
        #expect((blocked["detail"] as? String)?.contains("Wrong quantity") == true)
        #expect(try cli.run(["ledger", "resolve", "--ref", id, "--note", "Credit note agreed"]).status == 0)
        let free = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-1").first)
        #expect(free["blocked"] is NSNull)
    }

    @Test("on a Saturday the item is blocked outside-window and says when sending resumes")
    func weekend() throws {
        let cli = try Fixtures.imported()
        let item = try #require(cli.items(try cli.planJSON(asOf: "2026-11-28"), customer: "C-1").first)
        #expect(item["blocked"] as? String == "outside-window")
        #expect((item["detail"] as? String)?.contains("2026-11-30") == true)
    }

    @Test("plan writes nothing to the ledger")
    func readOnly() throws {
        let cli = try Fixtures.imported()
        let before = try cli.ledgerLines()
        _ = try cli.planJSON(asOf: "2026-11-23")
        #expect(try cli.run(["plan", "--as-of", "2026-11-23"]).status == 0)
        #expect(try cli.ledgerLines() == before)
    }
}
