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
}
