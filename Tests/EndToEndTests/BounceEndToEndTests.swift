import Foundation
import Testing
import TestSupport

/// Bounces end to end with real parts: the reminder goes through a private Postfix to a local
/// address that does not exist; Postfix sends its real DSN to the VERP envelope sender, which
/// it delivers into the bounce Maildir; dunning ingests it from the Maildir (the service) or
/// over IMAP from Dovecot serving that Maildir (`run --once`).
@Suite(.serialized) struct BounceEndToEndTests {
    static func config(port: Int, bounces: String, schedule: String = "") -> String {
        """
        company: {name: Voorbeeld B.V., from: debiteuren@dunning.test, iban: NL91ABNA0417164300,
                  locale: nl_NL, time_zone: Europe/Amsterdam}
        ledger: ledger.jsonl
        delivery: {transport: smtp, smtp: {url: "smtp://127.0.0.1:\(port)", tls: none, timeout: 10s,
                   envelope_from: "bounce+{token}@dunning.test"}}
        verification: {mode: off}
        bounces: \(bounces)
        \(schedule)
        """
    }

    /// C-1 writes to `ghost@localhost.test` (no such user); one invoice due `due`.
    static func company(config: String, due: String) throws -> DunningCLI {
        let cli = try DunningCLI(config: config)
        try cli.write("id,name,email,phone,kind,country,language\nC-1,Garage Spook B.V.,ghost@localhost.test,030 234 5678,business,NL,nl\n",
                      to: "customers.csv")
        try cli.write("id,customer,issued,due,amount,currency\nF-1,C-1,2026-09-01,\(due),100.00,EUR\n", to: "invoices.csv")
        let imported = try cli.run(["import", "customers.csv", "invoices.csv"])
        try #require(imported.status == 0, "\(imported)")
        return cli
    }

    static func records(_ cli: DunningCLI, type: String) throws -> [[String: Any]] {
        try cli.records().filter { $0["type"] as? String == type }
    }

    /// The plan on `day`: C-1's reminder is due again (it never arrived), and blocked because
    /// its address bounced.
    static func expectBlocked(_ cli: DunningCLI, on day: String) throws {
        let plan = try cli.run(["plan", "--format", "json", "--as-of", day])
        #expect(plan.status == 0, "\(plan)")
        let object = try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any]
        let items = object?["items"] as? [[String: Any]] ?? []
        #expect(items.count == 1 && items.first?["customer"] as? String == "C-1", "\(plan.stdout)")
        #expect(items.first?["step"] as? String == "reminder" && items.first?["blocked"] as? String == "contact-invalid", "\(plan.stdout)")
        let detail = items.first?["detail"] as? String
        #expect(detail?.contains("to ghost@localhost.test failed permanently (hard-bounced 5.1.1 unknown user") == true, "\(plan.stdout)")
    }

    /// The bounce and task records for the one reminder sent, as the ledger has them.
    static func expectRecorded(_ cli: DunningCLI) throws -> String {
        let sent = try cli.reminders().filter { $0["state"] as? String == "sent" }
        try #require(sent.count == 1)
        let messageID = try #require(sent[0]["message_id"] as? String)
        let bounces = try records(cli, type: "bounce")
        #expect(bounces.count == 1, "\(bounces)")
        #expect(bounces.first?["customer"] as? String == "C-1" && bounces.first?["address"] as? String == "ghost@localhost.test")
        #expect(bounces.first?["kind"] as? String == "hard" && bounces.first?["status"] as? String == "5.1.1")
        #expect(bounces.first?["message_id"] as? String == messageID)
        let diagnostic = bounces.first?["diagnostic"] as? String
        #expect(diagnostic?.contains("unknown user") == true, "\(bounces)")
        let tasks = try records(cli, type: "task").filter { $0["kind"] as? String == "new-address" }
        #expect(tasks.count == 1 && tasks.first?["customer"] as? String == "C-1", "\(tasks)")
        return messageID
    }

    @Test("the service sends through Postfix, takes Postfix's DSN from the Maildir: bounce record, `bounced` line, task, plan blocked")
    func maildir() throws {
        let postfix = try PostfixServer()
        defer { postfix.stop() }
        // The service plans for today: an invoice 20 days overdue has its reminder due, not yet its notice.
        let zone = TimeZone(identifier: "Europe/Amsterdam")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd"
        let due = formatter.string(from: calendar.date(byAdding: .day, value: -20, to: Date())!)
        let later = formatter.string(from: calendar.date(byAdding: .day, value: 20, to: Date())!)
        let schedule = #"schedule: {check_interval: 1s, send_window: "00:00-24:00", business_days: [mon, tue, wed, thu, fri, sat, sun]}"#
        let cli = try Self.company(config: Self.config(port: postfix.port, bounces: "{maildir: \(postfix.maildir)}", schedule: schedule), due: due)
        let daemon = try cli.start(["run"])
        defer { if daemon.process.isRunning { daemon.send(SIGKILL) } }
        let bounced = waitUntil(timeout: .seconds(60)) { daemon.stderrSoFar().contains("bounced ") || !daemon.process.isRunning }
        try #require(bounced, "\(daemon.stderrSoFar())\n\(postfix.log)")
        daemon.send(SIGTERM)
        let finished = try daemon.wait()
        #expect(finished.status == 0, "\(finished)")

        let messageID = try Self.expectRecorded(cli)
        let lines = finished.stderr.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("sent customer=C-1 invoices=F-1 step=reminder to=ghost@localhost.test message_id=<\(messageID)> smtp=250") },
                "\(finished.stderr)")
        let line = lines.first { $0.hasPrefix("bounced ") } ?? ""
        #expect(line.hasPrefix("bounced customer=C-1 to=ghost@localhost.test message_id=<\(messageID)> "), "\(line)")
        #expect(line.contains(" status=5.1.1") && line.contains(" kind=hard"), "\(line)")
        #expect(lines.contains { $0.hasPrefix("task customer=C-1 invoices=F-1 ") && $0.contains("kind=new-address") }, "\(finished.stderr)")
        // Taken from new/ into cur/ as seen; nothing deleted.
        #expect(postfix.newMessages().isEmpty)
        let current = try FileManager.default.contentsOfDirectory(atPath: postfix.maildir + "/cur")
        #expect(current.count == 1 && current[0].hasSuffix(":2,S"), "\(current)")
        // Not written to again: the next step is blocked.
        try Self.expectBlocked(cli, on: later)
    }

    @Test("run --once takes Postfix's DSN over IMAP from Dovecot: recorded once, marked seen only after the ledger has it")
    func imap() throws {
        let postfix = try PostfixServer()
        defer { postfix.stop() }
        let dovecot = try DovecotServer(maildir: postfix.maildir)
        defer { dovecot.stop() }
        let passwordFile = try TemporaryDirectory()
        try dovecot.password.write(toFile: passwordFile.file("imap-password"), atomically: true, encoding: .utf8)
        let bounces = "{imap: \"\(dovecot.url)\", imap_user: \(dovecot.user), imap_password_file: \(passwordFile.file("imap-password")), imap_tls: none}"
        let cli = try Self.company(config: Self.config(port: postfix.port, bounces: bounces), due: "2026-11-01")

        let first = try cli.runOnce()
        #expect(first.status == 0 && first.stderr.contains("sent customer=C-1"), "\(first)")
        #expect(waitUntil(timeout: .seconds(30)) { !postfix.newMessages().isEmpty }, "\(postfix.log)")

        let second = try cli.runOnce()
        #expect(second.status == 0, "\(second)")
        let messageID = try Self.expectRecorded(cli)
        let line = second.stderr.split(separator: "\n").first { $0.hasPrefix("bounced ") } ?? ""
        #expect(line.hasPrefix("bounced customer=C-1 to=ghost@localhost.test message_id=<\(messageID)> "), "\(second)")
        // \Seen is set: Dovecot moved the message to cur/ with the S flag; a third run reads nothing.
        let current = try FileManager.default.contentsOfDirectory(atPath: postfix.maildir + "/cur")
        #expect(current.count == 1 && current[0].contains(":2,S"), "\(current)")
        let third = try cli.runOnce()
        #expect(third.status == 0 && !third.stderr.contains("bounced "), "\(third)")
        #expect(try Self.records(cli, type: "bounce").count == 1)
        try Self.expectBlocked(cli, on: "2026-12-15")
    }
}
