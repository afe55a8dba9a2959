import Foundation
import Testing
import TestSupport

/// The real `dunning` binary on real files in temporary folders.
@Suite struct CLITests {
    @Test("check on a fresh install creates the ledger with a note and says ok")
    func checkFresh() throws {
        let cli = try DunningCLI()
        let result = try cli.run(["check"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "ok\n")
        #expect(result.stderr.contains("note: the ledger did not exist; created it empty"))
        #expect(FileManager.default.fileExists(atPath: cli.ledgerPath))
    }

    @Test("import adds records once; importing the same files again adds nothing")
    func importIdempotent() throws {
        let cli = try Fixtures.imported()
        let lines = try cli.ledgerLines()
        #expect(lines.count == 7)
        let again = try cli.run(["import", "customers.csv", "invoices.csv", "payments.csv"])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("added nothing"))
        #expect(try cli.ledgerLines() == lines)
        // Names with diacritics are kept byte for byte.
        #expect(lines.contains { $0.contains("\"name\":\"Bakkerij Æbelø B.V.\"") })
        #expect(lines.contains { $0.contains("\"name\":\"SC Ștefănescu SRL\"") })
        // The payment from a decimal-comma file is a decimal string with two decimals.
        #expect(lines.contains { $0.contains("\"type\":\"payment\"") && $0.contains("\"amount\":\"100.00\"") && $0.contains("\"date\":\"2026-10-20\"") })
    }

    @Test("a bad CSV row: FILE:LINE error, exit 1, and the ledger unchanged")
    func importBadRow() throws {
        let cli = try Fixtures.imported()
        let before = try cli.ledgerLines()
        try cli.write("id,customer,issued,due,amount,currency\nF-8,C-1,2026-01-01,2026-02-01,10.00,EUR\nF-9,C-1,2024-02-30,2026-02-01,10.00,EUR\n", to: "bad.csv")
        let result = try cli.run(["import", "bad.csv"])
        #expect(result.status == 1)
        #expect(result.stderr == "bad.csv:3: error: issued: '2024-02-30' is not a day on the calendar\n")
        #expect(try cli.ledgerLines() == before)
    }

    @Test("a CSV with a missing column names the columns it lacks")
    func importMissingColumn() throws {
        let cli = try Fixtures.imported()
        try cli.write("invoice,date,amount\nF-1,2026-10-02,10.00\n", to: "short.csv")
        let result = try cli.run(["import", "short.csv"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("short.csv:1: error: header is not a customers, invoices, payments or credit notes file"))
        #expect(result.stderr.contains("lacks column(s) currency"))
    }

    @Test("usage errors exit 2, --help exits 0")
    func exitCodes() throws {
        let cli = try DunningCLI()
        #expect(try cli.run(["ledger", "pay", "--invoice", "F-1"]).status == 2)
        #expect(try cli.run(["ledger", "note", "--invoice", "F-1", "--customer", "C-1", "--text", "x"]).status == 2)
        #expect(try cli.run(["plan", "--as-of", "2024-02-30"]).status == 2)
        #expect(try cli.run(["frobnicate"], config: false).status == 2)
        let help = try cli.run(["ledger", "promise", "--help"], config: false)
        #expect(help.status == 0)
        #expect(help.stdout.contains("--until"))
    }

    @Test("a bad config: PATH:LINE:COL error and exit 1 for every command")
    func badConfig() throws {
        let cli = try DunningCLI(config: DunningCLI.minimalConfig + "schedule: {send_windw: \"09:00-17:00\"}\n")
        for command in [["check"], ["plan"], ["import", "x.csv"], ["ledger", "show", "--invoice", "F-1"]] {
            let result = try cli.run(command)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("\(cli.configPath):8:12: error: unknown key 'send_windw'"), "\(result)")
            #expect(result.stderr.contains("send_window"))
        }
    }

    @Test("the config comes from $DUNNING_CONFIG when --config is not given")
    func configFromEnvironment() throws {
        let cli = try DunningCLI()
        let result = try cli.run(["check"], config: false, environment: ["DUNNING_CONFIG": cli.configPath])
        #expect(result.status == 0, "\(result)")
        let missing = try cli.run(["check"], config: false, environment: ["DUNNING_CONFIG": cli.directory.file("nope.yaml")])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix(cli.directory.file("nope.yaml")))
    }

    @Test("export-templates writes the built-in set, which check accepts as the templates folder; a second export writes nothing, exit 1")
    func exportTemplates() throws {
        let cli = try DunningCLI(config: DunningCLI.minimalConfig + "templates: templates\n")
        let folder = cli.directory.file("templates")
        let exported = try cli.run(["export-templates", folder], config: false)
        #expect(exported.status == 0 && exported.stdout == "\(folder): wrote 36 templates\n", "\(exported)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
        #expect(files.count == 36 && files.contains("nl/reminder.text.mustache"))
        let check = try cli.run(["check"])
        #expect(check.status == 0 && check.stdout == "ok\n", "\(check)")

        try cli.write("Herinnering {{edited}}", to: "templates/nl/reminder.subject.mustache")
        let again = try cli.run(["export-templates", folder], config: false)
        #expect(again.status == 1 && again.stderr.contains("already exists"), "\(again)")
        #expect(cli.directory.text(of: "templates/nl/reminder.subject.mustache") == "Herinnering {{edited}}")
    }
}
