import DunningCore
import Foundation
import Testing
import TestSupport

/// `ledger promise` then `run --once` (the real binary) against a real SMTP server: the
/// written confirmation of the agreement (the fifth step of an invoice's life).
@Suite struct RunConfirmationTests {
    /// Today in Amsterdam, or the Monday after it on a weekend: a day the fixture's send
    /// window is open and a promise recorded now is at most 7 days old.
    static func businessDay() -> CalendarDate {
        var day = CalendarDate(Date(), in: TimeZone(identifier: "Europe/Amsterdam")!)
        while day.weekday == .sat || day.weekday == .sun { day = day.adding(days: 1) }
        return day
    }

    /// `23 november 2026`, written out here rather than asked of Foundation.
    static func dutch(_ day: CalendarDate) -> String {
        let months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                      "november", "december"]
        return "\(day.day) \(months[day.month - 1]) \(day.year)"
    }

    /// The first 16 hex digits of the SHA-256 of `text`, by coreutils' `sha256sum`.
    static func sha256Prefix(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try input.fileHandleForWriting.close()
        let digest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(digest.prefix(16))
    }

    @Test("ledger promise, then run --once: one Dutch confirmation with the amount and date, journaled sending + sent; a second run sends nothing")
    func promiseConfirmed() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(
            port: server.port, customers: [.init(id: "C-1", name: "Bakkerij Jansen B.V.", email: "jan@bakkerij.example")],
            invoices: ["F-1,C-1,2026-09-01,2026-10-01,1234.56,EUR"])
        let asOf = Self.businessDay()
        let until = asOf.adding(days: 14)
        let recorded = try cli.run(["ledger", "promise", "--customer", "C-1", "--until", until.description, "--amount", "500"])
        #expect(recorded.status == 0, "\(recorded)")
        let promise = recorded.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let result = try cli.run(["run", "--once", "--as-of", asOf.description])
        #expect(result.status == 0, "\(result)")
        let messages = try server.messages()
        try #require(messages.count == 1, "\(result)\n\(server.log())")
        #expect(messages[0].recipients == ["jan@bakkerij.example"])

        let parsed = try MIMEPythonParser.parse(messages[0].data)
        #expect(parsed.defects.isEmpty, "\(parsed.defects)")
        #expect(parsed.addresses["to"]?.map { [$0.name, $0.addr] } == [["Bakkerij Jansen B.V.", "jan@bakkerij.example"]])
        let subject = try #require(parsed.values("Subject").first)
        #expect(subject.hasPrefix("Bevestiging van uw betalingsafspraak") && subject.contains("F-1"), "\(subject)")
        #expect(parsed.values("X-Dunning-Invoices") == ["F-1"])
        let messageID = "dunning.confirmation.C-1.\(try Self.sha256Prefix(promise))@voorbeeld.nl"
        #expect(parsed.values("Message-ID") == ["<\(messageID)>"])
        let text = try #require(parsed.parts.first { $0.contentType == "text/plain" }?.text)
        #expect(text.contains("U heeft toegezegd €\u{00A0}500,00 uiterlijk \(Self.dutch(until)) te betalen."), "\(text)")
        #expect(text.contains("€\u{00A0}1.234,56"), "\(text)")
        let html = try #require(parsed.parts.first { $0.contentType == "text/html" }?.text)
        #expect(html.contains("<strong>€\u{00A0}500,00</strong>") && html.contains("<strong>\(Self.dutch(until))</strong>"), "\(html)")

        let confirmations = try cli.reminders(customer: "C-1").filter { $0["step"] as? String == "confirmation" }
        #expect(confirmations.map { $0["state"] as? String } == ["sending", "sent"])
        #expect(confirmations.allSatisfy { $0["message_id"] as? String == messageID && $0["invoices"] as? [String] == ["F-1"]
            && $0["to"] as? String == "jan@bakkerij.example" })
        // The reminder itself waits for the promise.
        #expect(try cli.reminders(customer: "C-1").count == 2)
        let line = "sent customer=C-1 invoices=F-1 step=confirmation to=jan@bakkerij.example message_id=<\(messageID)> smtp=250"
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix(line) }, "\(result)")

        let lines = try cli.ledgerLines()
        let second = try cli.run(["run", "--once", "--as-of", asOf.description])
        #expect(second.status == 0, "\(second)")
        #expect(try server.messages().count == 1)
        #expect(try cli.ledgerLines().filter { $0.contains(#""type":"reminder""#) } == lines.filter { $0.contains(#""type":"reminder""#) })
        #expect(!second.stderr.contains("sent customer="), "\(second)")
    }

    @Test("a customer-wide promise over EUR and RON invoices is not confirmed by mail: recorded failed once, with the reason, never summed")
    func mixedCurrencies() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(
            port: server.port, customers: [.init(id: "C-1", name: "Brutăria Ionescu SRL", email: "ion@brutaria.example")],
            invoices: ["F-1,C-1,2026-09-01,2026-10-01,1234.56,EUR", "F-2,C-1,2026-09-01,2026-10-01,500.00,RON"])
        let asOf = Self.businessDay()
        let recorded = try cli.run(["ledger", "promise", "--customer", "C-1", "--until", asOf.adding(days: 14).description])
        #expect(recorded.status == 0, "\(recorded)")
        let result = try cli.run(["run", "--once", "--as-of", asOf.description])
        #expect(try server.messages().isEmpty, "\(result)")
        let confirmations = try cli.reminders(customer: "C-1").filter { $0["step"] as? String == "confirmation" }
        #expect(confirmations.map { $0["state"] as? String } == ["failed"])
        let reply = try #require(confirmations.first?["reply"] as? String)
        #expect(reply.contains("invoices in EUR and RON") && reply.contains("confirm it by hand"), "\(reply)")
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix("failed customer=C-1 invoices=F-1,F-2 step=confirmation") },
                "\(result)")
        // Failed is final: the next run neither sends nor records it again.
        let again = try cli.run(["run", "--once", "--as-of", asOf.description])
        #expect(again.status == result.status)
        #expect(try cli.reminders(customer: "C-1").filter { $0["step"] as? String == "confirmation" }.count == 1)
    }

    @Test("ledger arrange --no-confirmation: run --once sends nothing for it")
    func arrangementOptedOut() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1))
        let asOf = Self.businessDay()
        let recorded = try cli.run(["ledger", "arrange", "--invoice", "F-1", "--instalments", "2", "--first", asOf.adding(days: 7).description,
                                    "--no-confirmation"])
        #expect(recorded.status == 0, "\(recorded)")
        let result = try cli.run(["run", "--once", "--as-of", asOf.description])
        #expect(result.status == 0, "\(result)")
        #expect(try server.messages().isEmpty, "\(result)")
        #expect(try cli.reminders().isEmpty)
    }
}
