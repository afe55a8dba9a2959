import Foundation
import Testing
import TestSupport

/// `dunning import` and issue 15: changed customers, dry runs, credit notes, error messages.
@Suite struct ImportTests {
    /// The fixture customers with C-1's e-mail address typed wrong, as in last week's export.
    static let oldExport = Fixtures.customers.replacingOccurrences(of: "admin@bakkerij.example", with: "admin@bakkerij.exmaple")

    @Test("re-importing an old customers export lists the changed field and changes nothing; --update applies it")
    func changedCustomer() throws {
        let cli = try Fixtures.imported()
        let before = try cli.ledgerLines()
        try cli.write(Self.oldExport, to: "old.csv")
        let listed = try cli.run(["import", "old.csv"])
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout == """
            would update C-1: email admin@bakkerij.example -> admin@bakkerij.exmaple (use --update)
            old.csv: customers, 3 rows, added nothing

            """)
        #expect(try cli.ledgerLines() == before)

        let updated = try cli.run(["import", "--update", "old.csv"])
        #expect(updated.status == 0, "\(updated)")
        #expect(updated.stdout == "updated C-1: email admin@bakkerij.example -> admin@bakkerij.exmaple\nold.csv: customers, 3 rows, added 1 customer\n")
        let after = try cli.ledgerLines()
        #expect(after.count == before.count + 1)
        #expect(after.last?.contains("\"type\":\"customer\"") == true && after.last?.contains("admin@bakkerij.exmaple") == true)
        let again = try cli.run(["import", "--update", "old.csv"])
        #expect(again.stdout == "old.csv: customers, 3 rows, added nothing (already imported)\n", "\(again)")
        #expect(try cli.ledgerLines() == after)
    }

    @Test("--dry-run prints what each file would add and update, across files, and writes nothing")
    func dryRun() throws {
        let cli = try Fixtures.imported()
        let before = try String(contentsOfFile: cli.ledgerPath, encoding: .utf8)
        try cli.write(Self.oldExport + "C-4,Nieuw B.V.,info@nieuw.example,,business,NL,nl,\n", to: "customers2.csv")
        try cli.write("id,customer,issued,due,amount,currency\nF-4,C-4,2026-10-01,2026-11-01,50.00,EUR\n", to: "invoices2.csv")
        let result = try cli.run(["import", "--dry-run", "customers2.csv", "invoices2.csv"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            would update C-1: email admin@bakkerij.example -> admin@bakkerij.exmaple (use --update)
            customers2.csv: customers, 4 rows, would add 1 customer
            invoices2.csv: invoices, 1 rows, would add 1 invoice

            """)
        let update = try cli.run(["import", "--dry-run", "--update", "customers2.csv"])
        #expect(update.stdout.hasPrefix("would update C-1: email admin@bakkerij.example -> admin@bakkerij.exmaple\ncustomers2.csv: customers, 4 rows, would add 2 customer\n"), "\(update)")
        try cli.write("invoice,date,amount,currency\nF-1,2026-10-02,1.00,RON\n", to: "bad.csv")
        let bad = try cli.run(["import", "--dry-run", "customers2.csv", "bad.csv"])
        #expect(bad.status == 1 && bad.stderr == "bad.csv:2: error: currency: payment in RON for invoice F-1 in EUR\n", "\(bad)")
        #expect(try String(contentsOfFile: cli.ledgerPath, encoding: .utf8) == before)
    }

    @Test("a credit notes CSV adds a credit record per row, once")
    func creditNotes() throws {
        let cli = try Fixtures.imported()
        try cli.write("credit_note;invoice;date;amount;currency;reference\nCN-7;F-1;05.10.2026;1.000,00;EUR;retour\nCN-8;F-3;06.10.2026;250,00;RON;\n", to: "credits.csv")
        let result = try cli.run(["import", "credits.csv"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "credits.csv: credit notes, 2 rows, added 2 credit\n")
        let credits = try cli.ledgerLines().filter { $0.contains("\"type\":\"credit\"") }
        #expect(credits.count == 2)
        #expect(credits.first?.contains("\"reference\":\"CN-7 / retour\"") == true && credits.first?.contains("\"amount\":\"1000.00\"") == true)
        let again = try cli.run(["import", "credits.csv"])
        #expect(again.stdout == "credits.csv: credit notes, 2 rows, added nothing (already imported)\n", "\(again)")
    }

    @Test("a negative invoice amount points to the credit notes format and dunning ledger credit")
    func negativeInvoice() throws {
        let cli = try Fixtures.imported()
        try cli.write("id,customer,issued,due,amount,currency\nF-9,C-1,2026-10-01,2026-11-01,-100.00,EUR\n", to: "minus.csv")
        let result = try cli.run(["import", "minus.csv"])
        #expect(result.status == 1)
        #expect(result.stderr == "minus.csv:2: error: amount: amount '-100.00' must not be negative; a credit note is not an invoice: import it "
                + "from a credit notes file (credit_note,invoice,date,amount,currency[,reference]) or record it with `dunning ledger credit`\n")
    }

    @Test("thousands separators in English and Dutch exports, as on the command line")
    func thousands() throws {
        let cli = try Fixtures.imported()
        try cli.write("id,customer,issued,due,amount,currency\nF-5,C-1,2026-10-01,2026-11-01,\"1,180.50\",EUR\nF-6,C-1,2026-10-01,2026-11-01,12.50,EUR\n", to: "english.csv")
        try cli.write("id;customer;issued;due;amount;currency\nF-7;C-1;01-10-2026;01-11-2026;1.180,50;EUR\nF-8;C-1;01-10-2026;01-11-2026;12,50;EUR\n", to: "dutch.csv")
        let result = try cli.run(["import", "english.csv", "dutch.csv"])
        #expect(result.status == 0, "\(result)")
        let amounts = try cli.ledgerLines().filter { $0.contains("\"type\":\"invoice\"") }.suffix(4).map { line in
            line.range(of: #""amount":"[0-9.]+""#, options: .regularExpression).map { String(line[$0]) }
        }
        #expect(amounts == ["\"amount\":\"1180.50\"", "\"amount\":\"12.50\"", "\"amount\":\"1180.50\"", "\"amount\":\"12.50\""])
        let pay = try cli.run(["ledger", "pay", "--invoice", "F-5", "--amount", "1,180.50"])
        #expect(pay.status == 0, "\(pay)")
        #expect(try cli.ledgerLines().last?.contains("\"amount\":\"1180.50\"") == true)
    }

    @Test("error messages: every date format, did you mean, a Windows-1252 byte; the ledger stays as it was")
    func errorMessages() throws {
        let cli = try Fixtures.imported()
        let before = try cli.ledgerLines()
        try cli.write("invoice,date,amount,currency\nF-1,2026-10-02,1.00,EUR\nF-2,2026/10/02,1.00,EUR\n", to: "dates.csv")
        try cli.write("invoice,date,amount,currency\nF-1,2026-10-02,1.00,EUR\nf-2,2026-10-02,1.00,EUR\n", to: "case.csv")
        var latin = Array("id,name,email,phone,kind,country,language\nC-9,Bakkerij ".utf8)
        latin += [0xC6] + Array("belo,a@b.example,,business,NL,nl\n".utf8)
        try Data(latin).write(to: URL(fileURLWithPath: cli.directory.file("latin.csv")))
        let expected = [
            "dates.csv": "dates.csv:3: error: date: '2026/10/02' is not a date (expected YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY)\n",
            "case.csv": "case.csv:3: error: invoice: unknown invoice 'f-2' (did you mean F-2?)\n",
            "latin.csv": "latin.csv:2:14: error: byte 0xC6 ('Æ' in Windows-1252) is not UTF-8: export the file as UTF-8 (in Excel: \"CSV UTF-8\") and import it again\n",
        ]
        for (file, message) in expected {
            let result = try cli.run(["import", file])
            #expect(result.status == 1 && result.stderr == message, "\(result)")
        }
        #expect(try cli.ledgerLines() == before)
    }
}
