import Foundation
import Testing
import TestSupport

/// Configs that silently charge or chase nothing: `check` warns, `plan` and the digest list
/// uncovered overdue invoices under "needs attention".
@Suite struct CoverageTests {
    /// Businesses only, and Dutch consumers with statutory interest but no `nl-consumer` table.
    static func config(_ base: String = DunningCLI.minimalConfig) -> String {
        base + """
            policies:
              - id: zakelijk
                applies_to: {kind: business}
                steps:
                  - {id: herinnering, after: 14d, template: reminder}
              - id: particulier-nl
                applies_to: {kind: consumer, country: NL}
                steps:
                  - {id: herinnering, after: 14d, template: reminder, interest: statutory}

            """
    }

    /// A Belgian consumer (no policy) owing EUR 349.00 since 2025, and a Dutch consumer.
    static func imported(_ cli: DunningCLI) throws {
        try cli.write("""
            id,name,email,phone,kind,country,language
            P-1,Lotte Peeters,lotte@example.be,,consumer,BE,nl
            P-2,Jan de Vries,jan@example.nl,,consumer,NL,nl

            """, to: "customers.csv")
        try cli.write("""
            id,customer,issued,due,amount,currency
            F-1,P-1,2025-09-01,2025-10-01,349.00,EUR
            F-2,P-2,2025-09-01,2025-10-01,100.00,EUR

            """, to: "invoices.csv")
        let result = try cli.run(["import", "customers.csv", "invoices.csv"])
        guard result.status == 0 else { throw Fixtures.FixtureError(result: result) }
    }

    @Test("check warns about a missing statutory rates table and about overdue invoices no policy covers, and still exits 0")
    func checkWarns() throws {
        let cli = try DunningCLI(config: Self.config())
        try Self.imported(cli)
        let result = try cli.run(["check"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "ok\n")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("dunning.yaml: warning: policy 'particulier-nl' step 'herinnering': interest 'statutory' "
            + "needs the rates table 'nl-consumer' for consumer customers in NL (P-2), which is not configured: "
            + "they are charged no interest (copy the table from the example config, or say 'interest: none')") }, "\(result)")
        #expect(lines.contains { $0.hasSuffix("ledger.jsonl: warning: customer P-1: overdue F-1 (EUR 349.00): "
            + "no policy applies to this consumer customer in BE; not chased") }, "\(result)")
    }

    @Test("plan lists the uncovered overdue invoices under needs attention, with the amount")
    func planNeedsAttention() throws {
        let cli = try DunningCLI(config: Self.config())
        try Self.imported(cli)
        let result = try cli.run(["plan", "--as-of", "2026-11-23"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Needs attention: overdue, but no policy applies (not chased):\n"
            + "  P-1  F-1  EUR 349.00  no policy applies to this consumer customer in BE; not chased\n"), "\(result)")
    }

    @Test("the digest says what needs attention instead of 'nothing waits for you'", arguments: [
        ("nl", "Vraagt aandacht: niet gedekt door een beleid (1)",
         "- Lotte Peeters (P-1): factuur F-1, € 349,00 achterstallig; geen beleid van toepassing, dus niet aangemaand"),
        ("ro", "Necesită atenție: nicio politică nu se aplică (1)",
         "- Lotte Peeters (P-1): factura F-1, 349,00 EUR restant; nicio politică nu se aplică, deci nu se trimit mementouri"),
        ("en", "Needs attention: no policy covers these (1)",
         "- Lotte Peeters (P-1): invoice F-1, €349.00 overdue; no policy applies, so not chased"),
    ])
    func digest(language: String, heading: String, line: String) throws {
        let server = try SMTPServer(SMTPServerOptions())
        defer { server.stop() }
        let locale = ["nl": "nl_NL", "ro": "ro_RO", "en": "en_IE"][language] ?? "nl_NL"
        let base = RunFixture.config(port: server.port).replacingOccurrences(of: "locale: nl_NL", with: "locale: \(locale)")
        let cli = try DunningCLI(config: Self.config(base) + "digest: {to: \(RunDigestTests.bookkeeper), at: \"08:00\"}\n")
        try Self.imported(cli)
        let run = try cli.runOnce()
        #expect(run.status == 0, "\(run)")
        let digests = try RunDigestTests.digests(server)
        try #require(digests.count == 1, "\(run)\n\(server.log())")
        let parsed = try MIMEPythonParser.parse(digests[0].data)
        let text = try #require(parsed.parts.first { $0.contentType == "text/plain" }?.text).replacingOccurrences(of: "\r\n", with: "\n")
        let html = try #require(parsed.parts.first { $0.contentType == "text/html" }?.text)
        #expect(text.contains(heading + "\n"), "\(text)")
        // Money as Foundation formats it: with a no-break space in nl and ro.
        #expect(text.replacingOccurrences(of: "\u{00A0}", with: " ").contains(line + "\n"), "\(text)")
        #expect(html.contains("<h2>\(heading)</h2>"), "\(html)")
    }
}
