import DunningCore
import DunningStore
import Foundation
import Testing

/// Credit notes, amounts, dates, unknown ids and encodings in CSV rows (issue 15).
@Suite struct CSVImportRowTests {
    static let invoices = "id,customer,issued,due,amount,currency\nF2026-0455,C-1,2026-09-01,2026-10-01,100.00,EUR\n"
    let base = CSVImportTests()

    func imported(_ texts: [String]) throws -> [LedgerRecord] {
        var index = ImportIndex()
        return try base.importing(texts, into: &index)
    }

    @Test("a credit notes file adds a credit per row, numbered by its credit note; importing it again adds nothing")
    func creditNotes() throws {
        var index = ImportIndex()
        let credits = "credit_note;invoice;date;amount;currency;reference\nCN-1;F2026-0455;05-10-2026;25,00;EUR;\nCN-2;F2026-0455;05-10-2026;25,00;EUR;retour\n"
        let records = try base.importing([CSVImportTests.customers, Self.invoices, credits], into: &index)
        let added = records.compactMap { record -> PaymentRecord? in
            if case .credit(let credit) = record.body { return credit }
            return nil
        }
        #expect(added.map(\.reference) == ["CN-1", "CN-2 / retour"])
        #expect(added.allSatisfy { $0.amount == 25 && $0.invoice == "F2026-0455" && $0.date == CalendarDate(year: 2026, month: 10, day: 5) })
        #expect(try base.importing([credits], into: &index).isEmpty)
        // A payment with the same fields as a credit note is another thing.
        let payment = "invoice,date,amount,currency,reference\nF2026-0455,2026-10-05,25.00,EUR,CN-1\n"
        #expect(try base.importing([payment], into: &index).map(\.type) == ["payment"])
    }

    @Test("a negative invoice names the credit notes format and dunning ledger credit")
    func negativeInvoice() {
        let invoices = "id,customer,issued,due,amount,currency\nF-1,C-1,2026-01-01,2026-02-01,-5.00,EUR\n"
        let message = base.importError([CSVImportTests.customers, invoices])
        #expect(message == "file1.csv:2: error: amount: amount '-5.00' must not be negative; a credit note is not an invoice: "
                + "import it from a credit notes file (credit_note,invoice,date,amount,currency[,reference]) or record it with `dunning ledger credit`")
    }

    @Test("bad credit note rows", arguments: [
        ("CN-1,F2026-0455,2026-10-05,-25.00,EUR", "file2.csv:2: error: amount: amount '-25.00' must not be negative; write what the credit note takes off the invoice, as a positive amount"),
        ("CN-1,F2026-0455,2026-10-05,25.00,RON", "file2.csv:2: error: currency: credit note in RON for invoice F2026-0455 in EUR"),
        (",F2026-0455,2026-10-05,25.00,EUR", "file2.csv:2: error: credit_note: is empty"),
        ("CN-1,f2026-0455,2026-10-05,25.00,EUR", "file2.csv:2: error: invoice: unknown invoice 'f2026-0455' (did you mean F2026-0455?)"),
    ])
    func badCreditNote(row: String, expected: String) {
        let credits = "credit_note,invoice,date,amount,currency\n\(row)\n"
        #expect(base.importError([CSVImportTests.customers, Self.invoices, credits]) == expected)
    }

    @Test("amounts: the decimal mark is decided per file by the amounts that show it", arguments: [
        (["1,234.56", "12.50"], ["1234.56", "12.50"]),     // an English export
        (["1.234,56", "12,50"], ["1234.56", "12.50"]),     // a Dutch export
        (["1,234.56", "1,000"], ["1234.56", "1000"]),      // 1,000 is a thousand in a decimal-point file
        (["1.000", "99,95"], ["1000", "99.95"]),           // and 1.000 in a decimal-comma file
        (["4.500,00", "1.234.567,89"], ["4500", "1234567.89"]),
        (["1250", "99"], ["1250", "99"]),
        (["1,234,567.89", "0.5"], ["1234567.89", "0.5"]),
    ])
    func amounts(amounts: [String], expected: [String]) throws {
        let rows = amounts.enumerated().map { "F-\($0.offset);C-1;2026-09-01;2026-10-01;\($0.element);EUR" }
        let records = try imported([CSVImportTests.customers, "id;customer;issued;due;amount;currency\n" + rows.joined(separator: "\n") + "\n"])
        let values = records.compactMap { record -> Decimal? in
            if case .invoice(let invoice) = record.body { return invoice.amount }
            return nil
        }
        #expect(values == expected.map { Decimal(string: $0)! })
    }

    @Test("amounts that disagree on the decimal mark, or show none and do not fit the fallback", arguments: [
        (["1,234.56", "12,50"], "file1.csv:3: error: amount: '12,50' has a decimal comma, but line 2 ('1,234.56') a decimal point: one file, one style"),
        (["12.50", "1.234,56"], "file1.csv:3: error: amount: '1.234,56' has a decimal comma, but line 2 ('12.50') a decimal point: one file, one style"),
        (["1,234"], "file1.csv:2: error: amount: amount '1,234' has more than 2 decimals, which EUR allows, when read with a decimal comma, since no amount in the file shows its decimal mark; write '1,234' with decimals (1.234,00 or 1,234.00)"),
        (["12.50", "1.234.567"], "file1.csv:3: error: amount: '1.234.567' has a decimal comma, but line 2 ('12.50') a decimal point: one file, one style"),
        (["12,50", "12,3,4"], "file1.csv:3: error: amount: '12,3,4' does not match the file's decimal comma, as on line 2 ('12,50')"),
    ])
    func conflictingAmounts(amounts: [String], expected: String) {
        let rows = amounts.enumerated().map { "F-\($0.offset);C-1;2026-09-01;2026-10-01;\($0.element);EUR" }
        let invoices = "id;customer;issued;due;amount;currency\n" + rows.joined(separator: "\n") + "\n"
        #expect(base.importError([CSVImportTests.customers, invoices]) == expected)
    }

    @Test("a date that is no date names every accepted format")
    func dateFormats() {
        let invoices = "id,customer,issued,due,amount,currency\nF-1,C-1,2026/10/01,2026-11-01,1.00,EUR\n"
        #expect(base.importError([CSVImportTests.customers, invoices])
                == "file1.csv:2: error: issued: '2026/10/01' is not a date (expected YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY)")
    }

    @Test("an unknown id near a known one gets 'did you mean'", arguments: [
        ("invoice,date,amount,currency\nf2026-0455,2026-10-05,1.00,EUR\n", "invoice: unknown invoice 'f2026-0455' (did you mean F2026-0455?)"),
        ("invoice,date,amount,currency\nF2026-455,2026-10-05,1.00,EUR\n", "invoice: unknown invoice 'F2026-455' (did you mean F2026-0455?)"),
        ("invoice,date,amount,currency\nF 2026 0455,2026-10-05,1.00,EUR\n", "invoice: unknown invoice 'F 2026 0455' (did you mean F2026-0455?)"),
        ("invoice,date,amount,currency\nF2027-0999,2026-10-05,1.00,EUR\n", "invoice: unknown invoice 'F2027-0999'"),
        ("id,customer,issued,due,amount,currency\nF-2,c-1,2026-10-01,2026-11-01,1.00,EUR\n", "customer: unknown customer 'c-1' (did you mean C-1?)"),
        ("id,customer,issued,due,amount,currency\nF-2,C-2,2026-10-01,2026-11-01,1.00,EUR\n", "customer: unknown customer 'C-2' (import the customers file first)"),
    ])
    func nearMatch(file: String, expected: String) {
        #expect(base.importError([CSVImportTests.customers, Self.invoices, file]) == "file2.csv:2: error: \(expected)")
    }

    @Test("a Windows-1252 file is refused with the line and byte column of the first byte that is not UTF-8")
    func windows1252() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("customers.csv").path
        var bytes = Array("id,name,email,phone,kind,country,language\r\nC-1,Bakkerij ".utf8)
        bytes += [0xC6] + Array("belø B.V.,a@b.example,,business,NL,nl\r\n".utf8)  // Æ in Windows-1252, ø in UTF-8
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: ImportError(path: path, line: 2, column: 14,
                                    message: "byte 0xC6 ('Æ' in Windows-1252) is not UTF-8: export the file as UTF-8 (in Excel: \"CSV UTF-8\") and import it again")) {
            try CSVFile(path: path)
        }
        try Data("\u{FEFF}id,name,email,phone,kind,country,language\nC-1,Æbelø,,,business,NL,nl\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try CSVFile(path: path).rows.first?.fields["name"] == "Æbelø")
    }
}
