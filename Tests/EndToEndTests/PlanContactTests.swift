import Foundation
import Testing
import TestSupport

/// `plan` and the contact rules that always apply, whatever `verification.mode` says.
@Suite struct PlanContactTests {
    @Test("an address that fails the syntax check is blocked contact-invalid in the plan, not only at send time",
          arguments: ["jan@@example.nl", "jan example.nl", "jan@example..nl"])
    func syntax(email: String) throws {
        let cli = try DunningCLI()
        try cli.write("""
            id,name,email,phone,kind,country,language
            C-1,Bakkerij Jansen,"\(email)",,business,NL,nl

            """, to: "customers.csv")
        try cli.write(Fixtures.invoices.split(separator: "\n").prefix(2).joined(separator: "\n") + "\n", to: "invoices.csv")
        let imported = try cli.run(["import", "customers.csv", "invoices.csv"])
        try #require(imported.status == 0, "\(imported)")
        let item = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-1").first)
        #expect(item["blocked"] as? String == "contact-invalid", "\(item)")
        #expect((item["detail"] as? String)?.contains("is not a valid e-mail address") == true, "\(item)")
    }

    @Test("a likely typo domain is a note on the plan item and a warning in verify's table")
    func typo() throws {
        let cli = try DunningCLI()
        try cli.write("""
            id,name,email,phone,kind,country,language
            C-1,Petra de Boer,petra.deboer@gmial.com,,business,NL,nl

            """, to: "customers.csv")
        try cli.write(Fixtures.invoices.split(separator: "\n").prefix(2).joined(separator: "\n") + "\n", to: "invoices.csv")
        let imported = try cli.run(["import", "customers.csv", "invoices.csv"])
        try #require(imported.status == 0, "\(imported)")
        let item = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-1").first)
        #expect((item["notes"] as? [String])?.contains("petra.deboer@gmial.com: did you mean petra.deboer@gmail.com?") == true, "\(item)")
        let text = try cli.run(["plan", "--as-of", "2026-11-23"])
        #expect(text.stdout.contains("did you mean petra.deboer@gmail.com?"), "\(text)")
        let verify = try cli.run(["verify"])
        #expect(verify.status == 0, "\(verify)")
        let row = try #require(verify.stdout.split(separator: "\n").first { $0.hasPrefix("C-1 ") && $0.contains("email") }, "\(verify)")
        #expect(row.contains("warning: petra.deboer@gmial.com: did you mean petra.deboer@gmail.com?"), "\(row)")
    }
}
