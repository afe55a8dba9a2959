import Foundation
import Testing
import TestSupport

/// Consumer costs through the binary: the 14-day letter's dates, `check` refusing the
/// Directive's €40 for consumers, contractual costs capped at WIK.
@Suite struct ConsumerCostsTests {
    static func config(costs: String, kind: String = "consumer") -> String {
        DunningCLI.minimalConfig + """
            policies:
              - id: particulier
                applies_to: {kind: \(kind)}
                steps:
                  - {id: herinnering, after: 14d, template: reminder}
                  - {id: veertiendagenbrief, after: 14d, from: previous, template: notice, costs: \(costs), pay_within: 15d}
                  - {id: sommatie, after: 14d, from: previous, template: notice, costs: \(costs)}

            """
    }

    /// Two NL consumers (one reading Dutch, one Romanian) with EUR 1,000 due 2026-10-01,
    /// each reminded on 2026-10-15.
    static func company(costs: String) throws -> DunningCLI {
        let cli = try DunningCLI(config: config(costs: costs))
        try cli.write("""
            id,name,email,phone,kind,country,language
            P-1,Jan de Vries,jan@example.nl,,consumer,NL,nl
            P-2,Ana Popescu,ana@example.nl,,consumer,NL,ro

            """, to: "customers.csv")
        try cli.write("""
            id,customer,issued,due,amount,currency
            F-1,P-1,2026-09-01,2026-10-01,1000.00,EUR
            F-2,P-2,2026-09-01,2026-10-01,1000.00,EUR

            """, to: "invoices.csv")
        let imported = try cli.run(["import", "customers.csv", "invoices.csv"])
        guard imported.status == 0 else { throw Fixtures.FixtureError(result: imported) }
        try cli.appendToLedger(["P-1", "P-2"].flatMap { sent(customer: $0, step: "herinnering", at: "2026-10-15T08:00:00Z") })
        return cli
    }

    static func sent(customer: String, step: String, at: String) -> [String] {
        let invoice = customer == "P-1" ? "F-1" : "F-2"
        let to = customer == "P-1" ? "jan@example.nl" : "ana@example.nl"
        let message = "<\(step)-\(customer)@voorbeeld.nl>"
        return ["sending", "sent"].map { state in
            #"{"type":"reminder","id":"\#(step)-\#(customer)-\#(state)","at":"\#(at)","customer":"\#(customer)","step":"\#(step)","invoices":["\#(invoice)"],"to":"\#(to)","message_id":"\#(message)","state":"\#(state)"}"#
        }
    }

    /// The text part of the message `render` prints.
    static func letter(_ cli: DunningCLI, invoice: String, asOf: String) throws -> String {
        let result = try cli.run(["render", "--invoice", invoice, "--as-of", asOf])
        try #require(result.status == 0, "\(result)")
        let parsed = try MIMEPythonParser.parse(Array(result.stdout.utf8))
        return try #require(parsed.parts.first { $0.contentType == "text/plain" }?.text)
    }

    @Test("14-day letter with pay_within 15d: pay by 8 December, costs from 9 December, in Dutch and Romanian and in plan")
    func letterDates() throws {
        let cli = try Self.company(costs: "nl-wik")
        let dutch = try Self.letter(cli, invoice: "F-1", asOf: "2026-11-23")
        #expect(dutch.contains("uiterlijk op 8 december 2026"), "\(dutch)")
        #expect(dutch.contains("in rekening vanaf 9 december 2026"), "\(dutch)")
        let romanian = try Self.letter(cli, invoice: "F-2", asOf: "2026-11-23")
        #expect(romanian.contains("cel târziu la 8 decembrie 2026"), "\(romanian)")
        #expect(romanian.contains("începând cu 9 decembrie 2026"), "\(romanian)")
        let item = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "P-1").first)
        #expect(item["pay_by"] as? String == "2026-12-08")
        #expect(item["costs_chargeable_from"] as? String == "2026-12-09")
        #expect(item["announced_costs"] as? String == "150.00")
    }

    @Test("the next step charges WIK only from the day after the letter's pay-by date")
    func laterStep() throws {
        let cli = try Self.company(costs: "nl-wik")
        try cli.appendToLedger(Self.sent(customer: "P-1", step: "veertiendagenbrief", at: "2026-11-23T08:00:00Z"))
        let onPayBy = try #require(cli.items(try cli.planJSON(asOf: "2026-12-08"), customer: "P-1").first)
        #expect(onPayBy["step"] as? String == "sommatie")
        #expect(onPayBy["costs"] as? String == "0.00")
        #expect(onPayBy["costs_chargeable_from"] as? String == "2026-12-09")
        let after = try #require(cli.items(try cli.planJSON(asOf: "2026-12-09"), customer: "P-1").first)
        #expect(after["costs"] as? String == "150.00")
        #expect(after["total"] as? String == "1150.00")
    }

    @Test("check refuses eu-flat-40 in a policy that can match consumers, naming the key")
    func flatRefused() throws {
        let cli = try DunningCLI(config: Self.config(costs: "eu-flat-40"))
        let result = try cli.run(["check"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("dunning.yaml:14:"), "\(result)")
        #expect(result.stderr.contains(": error: policies[particulier].steps[veertiendagenbrief].costs: 'eu-flat-40' is for business debtors only"),
                "\(result)")
        let business = try DunningCLI(config: Self.config(costs: "eu-flat-40", kind: "business"))
        #expect(try business.run(["check"]).status == 0)
    }

    @Test("a fixed EUR 250 on an NL consumer is capped at WIK EUR 150, announced in the 14-day letter first")
    func contractualCapped() throws {
        let cli = try Self.company(costs: #"{fixed: "250.00"}"#)
        let letter = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "P-1").first)
        #expect(letter["costs"] as? String == "0.00")
        #expect(letter["announced_costs"] as? String == "150.00")
        let notes = letter["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("capped at the WIK maximum EUR 150.00 (contractual EUR 250.00)") }, "\(notes)")
        #expect(try Self.letter(cli, invoice: "F-1", asOf: "2026-11-23").contains("€\u{00A0}150,00"))
        try cli.appendToLedger(Self.sent(customer: "P-1", step: "veertiendagenbrief", at: "2026-11-23T08:00:00Z"))
        let summons = try #require(cli.items(try cli.planJSON(asOf: "2026-12-09"), customer: "P-1").first)
        #expect(summons["costs"] as? String == "150.00")
    }
}
