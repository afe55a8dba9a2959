import Foundation
import Testing
import TestSupport

/// The shipped example (`config/`), copied to a temp folder so its `../var/` paths land there.
@Suite struct ExampleTests {
    /// `TEMP/config/{dunning.yaml,*.csv}`; the ledger goes to `TEMP/var/ledger.jsonl`.
    func example() throws -> (cli: DunningCLI, config: String) {
        let cli = try DunningCLI()
        let folder = cli.directory.file("config")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["dunning.yaml", "customers.csv", "invoices.csv", "payments.csv"] {
            try FileManager.default.copyItem(atPath: DunningCLI.exampleFile(name), toPath: folder + "/" + name)
        }
        return (cli, folder + "/dunning.yaml")
    }

    func run(_ cli: DunningCLI, _ config: String, _ arguments: [String]) throws -> CommandResult {
        try cli.run(arguments + ["--config", config], config: false)
    }

    @Test("the example imports, checks and plans: reminders due, a dispute, a promise, a hold, a credit")
    func shippedExample() throws {
        let (cli, config) = try example()
        let imported = try run(cli, config, ["import", "config/customers.csv", "config/invoices.csv", "config/payments.csv"])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("added 15 invoice"))
        #expect(FileManager.default.fileExists(atPath: cli.directory.file("var/ledger.jsonl")))
        #expect(try run(cli, config, ["ledger", "dispute", "--invoice", "INV-2026-1009", "--reason", "Damaged pallets"]).status == 0)
        // A hold must not end before today: the example's day is 2026-11-23.
        let hold = try cli.run(["ledger", "hold", "--customer", "C-008", "--until", "2026-12-31", "--reason", "Moved", "--config", config],
                               config: false, environment: ["DUNNING_CLOCK_OFFSET": Fixtures.clockOffset(to: "2026-11-23")])
        #expect(hold.status == 0, "\(hold)")
        #expect(try run(cli, config, ["check"]).stdout == "ok\n")

        let result = try run(cli, config, ["plan", "--as-of", "2026-11-23", "--format", "json"])
        #expect(result.status == 0, "\(result)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let items = try #require(plan["items"] as? [[String: Any]])
        func item(_ customer: String) -> [String: Any]? { items.first { $0["customer"] as? String == customer } }
        // Customer ids in order, one item each here.
        #expect(items.compactMap { $0["customer"] as? String } == ["C-001", "C-002", "C-003", "C-004", "C-005", "C-006", "C-007", "C-008"])
        // Two invoices of one customer at the same step travel in one message: 1250.00 + 349.95.
        #expect(item("C-001")?["total"] as? String == "1599.95")
        #expect((item("C-001")?["invoices"] as? [[String: Any]])?.count == 2)
        // 2400.00 − 400.00 paid − 40.00 over-paid on INV-2026-1011 (600.00 for 560.00) = 1960.00.
        #expect(item("C-003")?["total"] as? String == "1960.00")
        // RON stays RON: 4500.00 + (1200.00 − 700.00 paid) = 5000.00.
        #expect(item("C-005")?["currency"] as? String == "RON")
        #expect(item("C-005")?["total"] as? String == "5000.00")
        #expect(item("C-007")?["blocked"] as? String == "dispute")
        #expect(item("C-008")?["blocked"] as? String == "hold")
        // INV-2026-1004 is paid in full: C-002 is chased for INV-2026-1003 only.
        #expect((item("C-002")?["invoices"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["INV-2026-1003"])
    }
}
