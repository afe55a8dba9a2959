import Foundation
import Testing
import TestSupport

/// `dunning run --once --as-of 2026-11-23` (the real binary) against a real SMTP server (aiosmtpd on loopback).
@Suite struct RunTests {
    @Test("one customer with three overdue invoices gets one Dutch reminder listing all three, journaled sending then sent")
    func oneMessageForThreeInvoices() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(
            port: server.port,
            customers: [.init(id: "C-1", name: "Bakkerij Jansen B.V.", email: "jan@bakkerij.example")],
            invoices: ["F-1,C-1,2026-09-01,2026-10-01,1234.56,EUR",
                       "F-2,C-1,2026-09-02,2026-10-02,10.00,EUR",
                       "F-3,C-1,2026-09-03,2026-10-03,2000.00,EUR"])
        let result = try cli.runOnce()
        #expect(result.status == 0, "\(result)")

        let messages = try server.messages()
        try #require(messages.count == 1, "\(result)\n\(server.log())")
        let received = messages[0]
        #expect(received.recipients == ["jan@bakkerij.example"])
        #expect(received.reply?.hasPrefix("250") == true)

        let parsed = try MIMEPythonParser.parse(received.data)
        #expect(parsed.defects.isEmpty, "\(parsed.defects)")
        #expect(parsed.addresses["from"]?.map { [$0.name, $0.addr] } == [["Voorbeeld B.V.", "debiteuren@voorbeeld.nl"]])
        #expect(parsed.addresses["to"]?.map { [$0.name, $0.addr] } == [["Bakkerij Jansen B.V.", "jan@bakkerij.example"]])
        let subject = try #require(parsed.values("Subject").first)
        #expect(subject.contains("Betalingsherinnering"), "\(subject)")
        #expect(parsed.values("Auto-Submitted") == ["auto-generated"])
        let listed = try #require(parsed.values("X-Dunning-Invoices").first)
        #expect(listed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } == ["F-1", "F-2", "F-3"])

        let reminders = try cli.reminders(customer: "C-1")
        #expect(reminders.map { $0["state"] as? String } == ["sending", "sent"])
        let messageID = try #require(reminders.first?["message_id"] as? String)
        #expect(Set(reminders.map { $0["message_id"] as? String }) == [messageID])
        #expect(reminders.map { $0["invoices"] as? [String] } == [["F-1", "F-2", "F-3"], ["F-1", "F-2", "F-3"]])
        #expect((reminders.last?["reply"] as? String)?.hasPrefix("250") == true)
        #expect(parsed.values("Message-ID") == ["<\(messageID)>"])

        let text = try #require(parsed.parts.first { $0.contentType == "text/plain" }?.text)
        for amount in ["€\u{00A0}1.234,56", "€\u{00A0}10,00", "€\u{00A0}2.000,00", "€\u{00A0}3.244,56"] {
            #expect(text.contains(amount), "\(amount) not in:\n\(text)")
        }
        let html = try #require(parsed.parts.first { $0.contentType == "text/html" }?.text)
        #expect(html.contains("F-1") && html.contains("€\u{00A0}1.234,56"))

        let line = "sent customer=C-1 invoices=F-1,F-2,F-3 step=reminder to=jan@bakkerij.example message_id=<\(messageID)> smtp=250"
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix(line) }, "\(result)")
    }

    @Test("a recipient refused with 550 is recorded failed and logged; the others are sent; exit 0")
    func rejectedRecipient() throws {
        let server = try SMTPServer(SMTPServerOptions(reject: ["c2@example.nl"]))
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(3))
        let result = try cli.runOnce()
        #expect(result.status == 0, "\(result)")
        #expect(try cli.reminders(customer: "C-2").last?["state"] as? String == "failed")
        #expect((try cli.reminders(customer: "C-2").last?["reply"] as? String)?.hasPrefix("550") == true)
        #expect(try cli.reminders(customer: "C-1").last?["state"] as? String == "sent")
        #expect(try cli.reminders(customer: "C-3").last?["state"] as? String == "sent")
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix("failed customer=C-2 ") && $0.contains(" smtp=550") },
                "\(result)")
        #expect(try server.messages().map(\.recipients) == [["c1@example.nl"], ["c3@example.nl"]])
    }

    @Test("a 451 is recorded deferred; after the backoff the next run sends it once, with the same Message-ID")
    func deferredThenSent() throws {
        let server = try SMTPServer(SMTPServerOptions(deferOnce: ["c1@example.nl"]))
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(2))
        let first = try cli.runOnce()
        #expect(first.status == 0, "\(first)")
        let deferred = try #require(try cli.reminders(customer: "C-1").last)
        #expect(deferred["state"] as? String == "deferred")
        #expect(first.stderr.split(separator: "\n").contains { $0.hasPrefix("deferred customer=C-1 ") && $0.contains(" smtp=451") },
                "\(first)")
        #expect(try cli.reminders(customer: "C-2").last?["state"] as? String == "sent")
        let messageID = try #require(deferred["message_id"] as? String)

        // retry.first is 1s: 3 s later by the binary's clock the next cycle retries.
        let second = try cli.runOnce(later: 3)
        #expect(second.status == 0, "\(second)")
        let reminders = try cli.reminders(customer: "C-1")
        #expect(reminders.last?["state"] as? String == "sent", "\(second)")
        #expect(Set(reminders.map { $0["message_id"] as? String }) == [messageID])
        let toC1 = try server.messages().filter { $0.recipients == ["c1@example.nl"] }
        #expect(toC1.count == 1)
        #expect(toC1.first?.header("Message-ID") == "<\(messageID)>")
        #expect(try server.messages().filter { $0.recipients == ["c2@example.nl"] }.count == 1)
    }

    @Test("with the server down the message is deferred, not lost; once it is up it is sent exactly once")
    func serverDown() throws {
        let closed = try SMTPServer.closedPort()
        let cli = try RunFixture.imported(port: closed, customers: RunFixture.customers(1))
        let first = try cli.runOnce()
        #expect(first.status == 0, "\(first)")
        let reminders = try cli.reminders(customer: "C-1")
        #expect(reminders.map { $0["state"] as? String } == ["sending", "deferred"], "\(first)")
        #expect(first.stderr.contains("deferred customer=C-1 "), "\(first)")
        let messageID = try #require(reminders.first?["message_id"] as? String)

        let server = try SMTPServer()
        defer { server.stop() }
        try cli.write(RunFixture.config(port: server.port), to: "dunning.yaml")
        let second = try cli.runOnce(later: 3)
        #expect(second.status == 0, "\(second)")
        #expect(try cli.reminders(customer: "C-1").last?["state"] as? String == "sent", "\(second)")
        let messages = try server.messages()
        #expect(messages.count == 1)
        #expect(messages.first?.header("Message-ID") == "<\(messageID)>")
    }

    @Test("records written by run --once --as-of D carry as_of D and keep the real instant in at")
    func asOfStamped() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1))
        let result = try cli.runOnce()
        #expect(result.status == 0, "\(result)")
        let reminders = try cli.reminders(customer: "C-1")
        #expect(reminders.map { $0["state"] as? String } == ["sending", "sent"], "\(result)")
        #expect(reminders.allSatisfy { $0["as_of"] as? String == RunFixture.asOf }, "\(reminders)")
        let now = Date()
        for reminder in reminders {
            let at = try #require(ISO8601DateFormatter().date(from: reminder["at"] as? String ?? ""))
            #expect(abs(at.timeIntervalSince(now)) < 300, "at is the real time: \(reminder)")
        }
        // Records written without --as-of carry none.
        #expect(try cli.records().filter { $0["type"] as? String == "invoice" }.allSatisfy { $0["as_of"] == nil })
    }

    @Test("under journald ($JOURNAL_STREAM set) every line carries its priority: <6>sent ...")
    func journalPriorities() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1))
        let result = try cli.run(["run", "--once", "--as-of", RunFixture.asOf], environment: ["JOURNAL_STREAM": "8:12345"])
        #expect(result.status == 0, "\(result)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("<6>sent customer=C-1 ") }, "\(result)")
        #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("<") }, "\(result)")
    }

    @Test("a second run after a successful one sends nothing and records nothing")
    func secondRunSendsNothing() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(2))
        let first = try cli.runOnce()
        #expect(first.status == 0, "\(first)")
        #expect(try server.messages().count == 2)
        let lines = try cli.ledgerLines()
        let second = try cli.runOnce()
        #expect(second.status == 0, "\(second)")
        #expect(try server.messages().count == 2)
        #expect(try cli.ledgerLines() == lines)
        #expect(!second.stderr.contains("sent customer="), "\(second)")
    }

    @Test("a name with CR LF Bcc: in the ledger is never sent (failed, reason CR/LF); the others still are")
    func headerInjection() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(3))
        // An upsert of C-3 written straight into the ledger, as another tool might: same format as import's line.
        let original = try #require(try cli.ledgerLines().first { $0.contains(#""type":"customer""#) && $0.contains(#""customer":"C-3""#) })
        var record = try #require(try JSONSerialization.jsonObject(with: Data(original.utf8)) as? [String: Any])
        record["id"] = "cus-injected1"
        record["name"] = "Klant 3 B.V.\r\nBcc: evil@example.com"
        let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        let line = String(decoding: data, as: UTF8.self)
        #expect(line.contains(#"\r\nBcc: evil@example.com"#))
        try cli.appendToLedger([line])

        let result = try cli.runOnce()
        #expect(result.status == 0, "\(result)")
        let messages = try server.messages()
        #expect(!messages.contains { $0.recipients.contains("c3@example.nl") || $0.recipients.contains("evil@example.com") })
        #expect(!messages.contains { String(decoding: $0.data, as: UTF8.self).lowercased().contains("evil@example.com") })
        let reminders = try cli.reminders(customer: "C-3")
        #expect(reminders.map { $0["state"] as? String } == ["failed"], "\(reminders)")
        let reason = try #require(reminders.first?["reply"] as? String)
        #expect(reason.contains("CR") && reason.contains("LF"), "\(reason)")
        #expect(result.stderr.contains("failed customer=C-3 "), "\(result)")
        #expect(try cli.reminders(customer: "C-1").last?["state"] as? String == "sent")
        #expect(try cli.reminders(customer: "C-2").last?["state"] as? String == "sent")
        #expect(messages.map(\.recipients) == [["c1@example.nl"], ["c2@example.nl"]])
    }

    @Test("while one run is sending, a second run exits 1 saying another sender is running")
    func secondSender() throws {
        let server = try SMTPServer(SMTPServerOptions(delayMilliseconds: 3000))
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(2))
        let slow = try cli.start(["run", "--once", "--as-of", RunFixture.asOf])
        // The lock is taken before anything is journaled: a `sending` record means it is held.
        let holding = try waitUntil(timeout: .seconds(10)) { try cli.reminders().contains { $0["state"] as? String == "sending" } }
        try #require(holding, "the first run never journaled a message")
        #expect(slow.process.isRunning)

        let second = try cli.runOnce()
        #expect(second.status == 1, "\(second)")
        #expect(second.stderr.contains("another sender is running"), "\(second)")
        #expect(second.stderr.contains("error:"), "\(second)")

        let first = try slow.wait()
        #expect(first.status == 0, "\(first)")
        #expect(try server.messages().count == 2)
        #expect(try cli.reminders().compactMap { $0["state"] as? String }.sorted() == ["sending", "sending", "sent", "sent"])
    }
}
