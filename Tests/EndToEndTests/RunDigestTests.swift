import Foundation
import Testing
import TestSupport

/// The bookkeeper's daily digest, sent by the real binary (`run --once --as-of`, and the
/// service's timer) through a real SMTP server and read back with Python's `email` package.
@Suite struct RunDigestTests {
    static let bookkeeper = "boekhouding@voorbeeld.nl"

    /// The run fixture's config with the digest at 08:00 (before the 09:00 window `--as-of` stands for).
    static func config(port: Int) -> String {
        RunFixture.config(port: port) + "digest: {to: \(bookkeeper), at: \"08:00\"}\n"
    }

    /// The digests the server received, in order.
    static func digests(_ server: SMTPServer) throws -> [ReceivedMessage] {
        try server.messages().filter { $0.recipients == [bookkeeper] }
    }

    static func digestRecords(_ cli: DunningCLI) throws -> [[String: Any]] {
        try cli.records().filter { $0["type"] as? String == "digest" }
    }

    @Test("run --once on Monday: the digest arrives after the reminders (text and HTML, data escaped), is journaled and logged; once per day; again on Tuesday")
    func dailyDigest() throws {
        let server = try SMTPServer(SMTPServerOptions(reject: ["c2@example.nl"], dropAfterData: ["c3@example.nl"]))
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: [
            .init(id: "C-1", name: "Bakkerij & Zonen <Jansen> B.V.", email: "c1@example.nl"),
            .init(id: "C-2", name: "Klant 2 B.V.", email: "c2@example.nl"),
            .init(id: "C-3", name: "Klant 3 B.V.", email: "c3@example.nl"),
        ])
        try cli.write(Self.config(port: server.port), to: "dunning.yaml")

        let monday = try cli.runOnce()
        #expect(monday.status == 0, "\(monday)")
        let received = try Self.digests(server)
        try #require(received.count == 1, "\(monday)\n\(server.log())")
        let messageID = "dunning.digest.2026-11-23@voorbeeld.nl"
        #expect(received[0].header("Message-ID") == "<\(messageID)>")

        let parsed = try MIMEPythonParser.parse(received[0].data)
        #expect(parsed.defects.isEmpty, "\(parsed.defects)")
        #expect(parsed.values("Subject") == ["Dagoverzicht 23 november 2026 – verzonden: 1, actiepunten: 2"])
        #expect(parsed.addresses["from"]?.map { [$0.name, $0.addr] } == [["Voorbeeld B.V.", "debiteuren@voorbeeld.nl"]])
        #expect(parsed.addresses["to"]?.map(\.addr) == [Self.bookkeeper])
        let text = try #require(parsed.parts.first { $0.contentType == "text/plain" }?.text).replacingOccurrences(of: "\r\n", with: "\n")
        let html = try #require(parsed.parts.first { $0.contentType == "text/html" }?.text)
        #expect(text.contains("Dit is het eerste overzicht; het beslaat de afgelopen 24 uur."), "\(text)")
        #expect(text.contains("Verzonden (1)\n- Bakkerij & Zonen <Jansen> B.V. (C-1): stap reminder voor factuur F-1 aan c1@example.nl\n"), "\(text)")
        #expect(text.contains("Mislukt (1)\n"), "\(text)")
        #expect(text.contains("- Klant 2 B.V. (C-2): stap reminder voor factuur F-2 aan c2@example.nl; reden: 550"), "\(text)")
        #expect(text.contains("Onzeker (1)\n"), "\(text)")
        #expect(html.contains("<li>Bakkerij &amp; Zonen &lt;Jansen&gt; B.V. (C-1): stap reminder voor factuur F-1 aan c1@example.nl</li>"), "\(html)")
        #expect(!html.contains("<Jansen>"))
        #expect(html.contains("<h2>Onzeker (1)</h2>") && html.contains("<h2>Mislukt (1)</h2>"))

        // The uncertain message's line gives the command that settles it, --config included: it works as pasted.
        let uncertain = try #require(try cli.reminders(customer: "C-3").last)
        #expect(uncertain["state"] as? String == "uncertain")
        let uncertainID = try #require(uncertain["message_id"] as? String)
        let line = try #require(text.split(separator: "\n").first { $0.contains("Message-ID <\(uncertainID)>") }, "\(text)")
        let command = try #require(line.components(separatedBy: "vastleggen met: ").last)
        #expect(command.hasPrefix("dunning ledger resolve --config /") && command.hasSuffix("dunning.yaml --ref \(uncertainID) --outcome sent"),
                "\(command)")
        let words = command.split(separator: " ").map(String.init)
        let resolved = try DunningCLI.run(binary: "dunning", Array(words.dropFirst()), in: cli.directory.path)
        #expect(resolved.status == 0, "\(resolved)")

        let records = try Self.digestRecords(cli)
        #expect(records.count == 1)
        #expect(records.first?["date"] as? String == "2026-11-23" && records.first?["to"] as? String == Self.bookkeeper)
        #expect(records.first?["message_id"] as? String == messageID)
        let logged = "digest date=2026-11-23 to=\(Self.bookkeeper) message_id=<\(messageID)> smtp=250"
        #expect(monday.stderr.split(separator: "\n").contains { $0.hasPrefix(logged) }, "\(monday)")

        // Later the same day: no second digest.
        let again = try cli.runOnce()
        #expect(again.status == 0, "\(again)")
        #expect(try Self.digests(server).count == 1)
        #expect(try Self.digestRecords(cli).count == 1)
        #expect(!again.stderr.contains("digest "), "\(again)")

        // Tuesday: the next one, covering what happened since Monday's.
        let tuesday = try cli.run(["run", "--once", "--as-of", "2026-11-24"])
        #expect(tuesday.status == 0, "\(tuesday)")
        let both = try Self.digests(server)
        try #require(both.count == 2, "\(tuesday)")
        #expect(both[1].header("Message-ID") == "<dunning.digest.2026-11-24@voorbeeld.nl>")
        let next = try MIMEPythonParser.parse(both[1].data)
        #expect(next.values("Subject") == ["Dagoverzicht 24 november 2026 – verzonden: 0, actiepunten: 0"])
        let nextText = try #require(next.parts.first { $0.contentType == "text/plain" }?.text).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(nextText.contains("Dit overzicht beslaat alles sinds het vorige overzicht, van "), "\(nextText)")
        // C-2's address failed: held back now; C-3's send was settled and is no longer uncertain.
        #expect(nextText.contains("Tegengehouden (1)\n") && nextText.contains("Klant 2 B.V. (C-2): stap reminder voor factuur F-2: e-mailadres onbruikbaar"),
                "\(nextText)")
        #expect(!nextText.contains("Onzeker") && !nextText.contains("Verzonden ("), "\(nextText)")
        #expect(try Self.digestRecords(cli).map { $0["date"] as? String } == ["2026-11-23", "2026-11-24"])
    }

    @Test("--dry-run sends no digest; a Saturday has none")
    func dryRunAndWeekend() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1))
        try cli.write(Self.config(port: server.port), to: "dunning.yaml")
        let dry = try cli.run(["run", "--once", "--dry-run", "--as-of", RunFixture.asOf])
        #expect(dry.status == 0, "\(dry)")
        let saturday = try cli.run(["run", "--once", "--as-of", "2026-11-28"])
        #expect(saturday.status == 0, "\(saturday)")
        #expect(try Self.digests(server).isEmpty)
        #expect(try Self.digestRecords(cli).isEmpty)
    }

    @Test("the service wakes at digest.at although its check interval is an hour, and sends the digest once")
    func daemonWakesForDigest() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1))
        // The next whole minute in Amsterdam at least 20 seconds away (the config's resolution is a minute).
        let zone = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        let local = Int(Date().timeIntervalSince1970) + zone.secondsFromGMT(for: Date())
        var minute = (local % 86_400) / 60 + 1
        if minute * 60 - local % 86_400 < 20 { minute += 1 }
        minute %= 24 * 60
        let at = String(format: "%02d:%02d", minute / 60, minute % 60)
        try cli.write(RunFixture.config(port: server.port) + """
            schedule: {check_interval: 1h, send_window: "00:00-24:00", business_days: [mon, tue, wed, thu, fri, sat, sun]}
            digest: {to: \(Self.bookkeeper), at: "\(at)"}

            """, to: "dunning.yaml")
        let daemon = try cli.start(["run"])
        let up = waitUntil(timeout: .seconds(20)) { daemon.stderrSoFar().contains("started ") || !daemon.process.isRunning }
        try #require(up && daemon.process.isRunning, "\(daemon.stderrSoFar())")
        #expect(try waitUntil(timeout: .seconds(20)) { try server.messages().count == 1 }, "the reminder: \(daemon.stderrSoFar())")
        #expect(try Self.digests(server).isEmpty, "not before \(at)")

        #expect(try waitUntil(timeout: .seconds(150)) { try Self.digests(server).count == 1 }, "\(daemon.stderrSoFar())")
        // The record is appended, then the line logged, only after the server took the message.
        #expect(waitUntil(timeout: .seconds(10)) { daemon.stderrSoFar().contains("digest date=") }, "\(daemon.stderrSoFar())")
        daemon.send(SIGTERM)
        let finished = try daemon.wait()
        #expect(finished.status == 0, "\(finished)")
        #expect(try Self.digests(server).count == 1)
        #expect(try Self.digestRecords(cli).count == 1)
    }

    @Test("the service backs off a digest the relay refuses (550): retry.first, doubling, not at every tick")
    func daemonBacksOffRefusedDigest() throws {
        let server = try SMTPServer(SMTPServerOptions(reject: [Self.bookkeeper]))
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1))
        let config = RunFixture.config(port: server.port).replacingOccurrences(
            of: "retry: {first: 1s, max: 2s, give_up: 5d}", with: "retry: {first: 3s, max: 60s, give_up: 5d}")
        try #require(config.contains("first: 3s"))
        try cli.write(config + """
            schedule: {check_interval: 1s, send_window: "00:00-24:00", business_days: [mon, tue, wed, thu, fri, sat, sun]}
            digest: {to: \(Self.bookkeeper), at: "00:00"}

            """, to: "dunning.yaml")
        let daemon = try cli.start(["run"])
        func attempts() -> Int {
            daemon.stderrSoFar().split(separator: "\n").count { $0.contains("warning date=") && $0.contains("the digest was not delivered (failed)") }
        }
        // The first attempt at once, the second 3 s later, the third 6 s after that (ticks
        // come every second): the moment each attempt's line appears, waited for.
        var seen: [ContinuousClock.Instant] = []
        let third = waitUntil(timeout: .seconds(40)) {
            while attempts() > seen.count { seen.append(.now) }
            return seen.count >= 3
        }
        #expect(third, "\(daemon.stderrSoFar())")
        if seen.count >= 3 {
            #expect(seen[1] - seen[0] >= .milliseconds(2500), "\(seen)")
            #expect(seen[2] - seen[1] >= .milliseconds(5500), "\(seen)")
        }
        #expect(daemon.stderrSoFar().contains("smtp=550"))
        daemon.send(SIGTERM)
        let finished = try daemon.wait()
        #expect(finished.status == 0, "\(finished)")
        #expect(try Self.digests(server).isEmpty && Self.digestRecords(cli).isEmpty)
    }
}
