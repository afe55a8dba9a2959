import Foundation
import Testing
import TestSupport

/// The company's details in every letter's footer, and a greeting that names the customer.
@Suite struct LetterCompanyTests {
    static let company = """
        company: {name: Voorbeeld B.V., from: debiteuren@voorbeeld.nl, iban: NL91ABNA0417164300,
                  locale: nl_NL, time_zone: Europe/Amsterdam, address: "Oudegracht 1, 3511 AA Utrecht",
                  phone: "+31 30 123 4567", registration: "KvK 12345678", vat: NL001234567B01}
        ledger: ledger.jsonl
        delivery: {transport: outbox, outbox: outbox}
        verification: {mode: off}

        """

    @Test("every letter's footer carries the company's address, phone, register entry and VAT number, in text and HTML",
          arguments: [("F-1", "Btw-nummer NL001234567B01"), ("F-3", "Cod TVA NL001234567B01")])
    func footer(invoice: String, vatLine: String) throws {
        let cli = try DunningCLI(config: Self.company)
        try cli.write(Fixtures.customers, to: "customers.csv")
        try cli.write(Fixtures.invoices, to: "invoices.csv")
        let imported = try cli.run(["import", "customers.csv", "invoices.csv"])
        try #require(imported.status == 0, "\(imported)")
        let result = try cli.run(["render", "--invoice", invoice, "--as-of", "2026-11-23"])
        #expect(result.status == 0, "\(result)")
        let message = try MIMEPythonParser.parse(Array(result.stdout.utf8))
        let parts = ["text/plain", "text/html"].map { type in message.parts.first { $0.contentType == type }?.text ?? "" }
        for part in parts {
            for line in ["Oudegracht 1, 3511 AA Utrecht", "+31 30 123 4567", "KvK 12345678", vatLine] {
                #expect(part.contains(line), "\(line) missing in:\n\(part)")
            }
        }
    }

    @Test("the greeting names the customer in every language, or the contact person the customers CSV gives",
          arguments: [("F-1", "Beste Bakkerij Æbelø B.V.,"), ("F-3", "Bună ziua, Ioana Popescu,")])
    func greeting(invoice: String, greeting: String) throws {
        let cli = try DunningCLI(config: Self.company)
        try cli.write(Fixtures.customers.replacingOccurrences(of: "language,address", with: "language,address,contact")
            .replacingOccurrences(of: "\"Meir 1, Antwerpen\"", with: "\"Meir 1, Antwerpen\",")
            .replacingOccurrences(of: "\"Oudegracht 1, Utrecht\"", with: "\"Oudegracht 1, Utrecht\",")
            .replacingOccurrences(of: "\"Str. Unirii 1, Cluj\"", with: "\"Str. Unirii 1, Cluj\",Ioana Popescu"), to: "customers.csv")
        try cli.write(Fixtures.invoices, to: "invoices.csv")
        let imported = try cli.run(["import", "customers.csv", "invoices.csv"])
        try #require(imported.status == 0, "\(imported)")
        let result = try cli.run(["render", "--invoice", invoice, "--as-of", "2026-11-23"])
        #expect(result.status == 0, "\(result)")
        let text = try MIMEPythonParser.parse(Array(result.stdout.utf8)).parts.first { $0.contentType == "text/plain" }?.text ?? ""
        #expect(text.hasPrefix(greeting), "\(text)")
        #expect(!text.contains("Stimate client"))
    }
}

/// A letter after a partial payment shows what the invoice was, what came in and what is
/// open, and never says that nothing was received.
@Suite struct LetterPartialPaymentTests {
    @Test("after a partial payment the reminder and the notice show amount, paid and open, in text and HTML",
          arguments: [(nil, "factuurbedrag € 400,00, betaald of gecrediteerd € 100,00, nog te betalen € 300,00", ""),
                      ("notice", "factuurbedrag € 400,00, betaald of gecrediteerd € 100,00, nog te betalen € 300,00",
                       "hebben wij tot op heden een deel ontvangen")])
    func partial(step: String?, line: String, sentence: String) throws {
        let cli = try Fixtures.imported()
        let result = try cli.run(["render", "--invoice", "F-2", "--as-of", "2026-11-23"] + (step.map { ["--step", $0] } ?? []))
        #expect(result.status == 0, "\(result)")
        let parts = try MIMEPythonParser.parse(Array(result.stdout.utf8)).parts
        let text = (parts.first { $0.contentType == "text/plain" }?.text ?? "").replacingOccurrences(of: "\u{a0}", with: " ")
        let html = (parts.first { $0.contentType == "text/html" }?.text ?? "").replacingOccurrences(of: "\u{a0}", with: " ")
        #expect(text.contains(line), "\(text)")
        #expect(sentence.isEmpty || text.contains(sentence), "\(text)")
        #expect(!text.contains("niet ontvangen"), "\(text)")
        #expect(html.contains("<th class=\"amount\">Betaald of gecrediteerd</th>") && html.contains("€ 100,00"), "\(html)")
    }
}
