import Foundation
import Testing
import TestSupport

/// `dunning ledger customer`: a new `customer` record with the changed fields, checked as the
/// customers CSV is; after a hard bounce it is how the next run reaches the customer again.
@Suite struct LedgerCustomerTests {
    /// The last ledger line, parsed.
    func lastRecord(_ cli: DunningCLI) throws -> [String: Any] {
        let line = try #require(try cli.ledgerLines().last)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("a new e-mail and address: one full customer record with the printed id, the other fields kept; the plan writes to it")
    func change() throws {
        let cli = try Fixtures.imported()
        let result = try cli.run(["ledger", "customer", "--customer", "C-1", "--email", "boekhouding@bakkerij.example",
                                  "--address", "Neude 2, Utrecht"])
        #expect(result.status == 0, "\(result)")
        let record = try lastRecord(cli)
        #expect(record["id"] as? String == result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect((record["id"] as? String)?.hasPrefix("cus-") == true)
        #expect(record["type"] as? String == "customer" && record["customer"] as? String == "C-1")
        #expect(record["email"] as? String == "boekhouding@bakkerij.example")
        #expect(record["name"] as? String == "Bakkerij Æbelø B.V." && record["phone"] as? String == "030 234 5678")
        #expect(record["kind"] as? String == "business" && record["country"] as? String == "NL" && record["language"] as? String == "nl")
        #expect(record["extra"] as? [String: String] == ["address": "Neude 2, Utrecht"])
        let item = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-1").first)
        #expect(item["to"] as? String == "boekhouding@bakkerij.example")
        #expect(try cli.run(["check"]).status == 0)
        let show = try cli.run(["ledger", "show", "--customer", "C-1"])
        #expect(show.stdout.split(separator: "\n").filter { $0.contains(" customer ") }.count == 2, "\(show)")
    }

    @Test("bad values are refused naming the option, nothing appended", arguments: [
        (["--kind", "company"], "error: --kind: 'company' is not business or consumer"),
        (["--country", "XX"], "error: --country: 'XX' is not an ISO 3166 alpha-2 country code (NL, BE, RO, ...)"),
        (["--language", "dutch"], "error: --language: 'dutch' is not a language code (nl, ro, en, ...)"),
        (["--email", "jan@"], "error: --email: 'jan@' is not an e-mail address"),
        (["--name", "Jansen\r\nBcc: x@y.z"], "error: --name: \"Jansen\\r\\nBcc: x@y.z\" contains a control character (U+000D)"),
        (["--email", "admin@bakkerij.example"], "error: --customer: 'C-1' already has these details: nothing to change"),
    ])
    func refused(arguments: [String], line: String) throws {
        let cli = try Fixtures.imported()
        let before = try cli.ledgerLines()
        let result = try cli.run(["ledger", "customer", "--customer", "C-1"] + arguments)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.hasPrefix(line), "\(result)")
        #expect(try cli.ledgerLines() == before)
    }

    @Test("an unknown customer is named with its near match; no field given is a usage error")
    func unknownAndEmpty() throws {
        let cli = try Fixtures.imported()
        let unknown = try cli.run(["ledger", "customer", "--customer", "c-2", "--email", "x@example.be"])
        #expect(unknown.status == 1 && unknown.stderr == "error: --customer: unknown customer 'c-2' (did you mean 'C-2'?)\n", "\(unknown)")
        let empty = try cli.run(["ledger", "customer", "--customer", "C-2"])
        #expect(empty.status == 2 && empty.stderr.contains("Give at least one of --name, --email"), "\(empty)")
        let help = try cli.run(["ledger", "--help"], config: false)
        #expect(help.stdout.contains("customer"), "\(help)")
    }

    @Test("after a hard bounce the run writes to nobody; after `ledger customer --email` it writes to the new address")
    func newAddressAfterBounce() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1))
        let first = try cli.runOnce()
        #expect(first.status == 0, "\(first)")
        try #require(try server.messages().count == 1, "\(first)")
        let sent = try #require(try cli.reminders(customer: "C-1").last)
        let messageID = try #require(sent["message_id"] as? String)
        let step = try #require(sent["step"] as? String)
        // What bounce intake records for a hard bounce: the bounce and the new-address task.
        try cli.appendToLedger([
            #"{"type":"bounce","id":"bnc-test000001","at":"2026-11-23T10:00:00Z","address":"c1@example.nl","kind":"hard","status":"5.1.1","diagnostic":"user unknown","customer":"C-1","message_id":"\#(messageID)"}"#,
            #"{"type":"task","id":"tsk-test000001","at":"2026-11-23T10:00:00Z","customer":"C-1","invoices":["F-1"],"kind":"new-address","text":"Get a new email address"}"#,
        ])
        let blocked = try cli.runOnce()
        #expect(blocked.status == 0, "\(blocked)")
        #expect(try server.messages().count == 1, "\(blocked)")
        let plan = try #require(cli.items(try cli.planJSON(asOf: RunFixture.asOf), customer: "C-1").first)
        #expect(plan["blocked"] as? String == "contact-invalid", "\(plan)")

        let changed = try cli.run(["ledger", "customer", "--customer", "C-1", "--email", "klant1@example.nl"])
        #expect(changed.status == 0, "\(changed)")
        let again = try cli.runOnce()
        #expect(again.status == 0, "\(again)")
        let messages = try server.messages()
        try #require(messages.count == 2, "\(again)")
        #expect(messages[1].recipients == ["klant1@example.nl"])
        let last = try #require(try cli.reminders(customer: "C-1").last)
        #expect(last["to"] as? String == "klant1@example.nl" && last["step"] as? String == step && last["state"] as? String == "sent")
    }
}
