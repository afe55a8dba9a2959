import DunningCore
import DunningStore
import Foundation
import Testing

/// Import against an in-memory index; the CLI end-to-end tests cover files and the ledger.
@Suite struct CSVImportTests {
    static let at = Date(timeIntervalSince1970: 1_795_000_000)
    static let customers = "id,name,email,phone,kind,country,language\nC-1,Ștefan Æbelø Müller,s@example.ro,0721 234 567,business,RO,ro\n"

    func importing(_ texts: [String], into index: inout ImportIndex, updating: Bool = false) throws -> [LedgerRecord] {
        try plans(texts, into: &index, updating: updating).flatMap(\.records)
    }

    func plans(_ texts: [String], into index: inout ImportIndex, updating: Bool = false) throws -> [CSVImport.Plan] {
        var counter = 0
        return try texts.enumerated().map { number, text in
            let file = try CSVFile(path: "file\(number).csv", text: text)
            return try CSVImport.plan(for: file, index: &index, updating: updating, at: Self.at) { type in
                counter += 1
                return "\(type)-\(counter)"
            }
        }
    }

    func importError(_ texts: [String]) -> String? {
        var index = ImportIndex()
        do {
            _ = try importing(texts, into: &index)
            return nil
        } catch let error as ImportError {
            return error.description
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test("a customers file with diacritics keeps the name byte for byte")
    func diacritics() throws {
        var index = ImportIndex()
        let records = try importing([Self.customers], into: &index)
        guard case .customer(let customer) = try #require(records.first).body else { Issue.record("not a customer"); return }
        #expect(Array(customer.name.utf8) == Array("Ștefan Æbelø Müller".utf8))
        #expect(customer.kind == .business && customer.country == "RO" && customer.language == "ro")
    }

    @Test("semicolons, decimal comma, BOM-less Dutch dates: detected per file")
    func dutchDialect() throws {
        var index = ImportIndex()
        let invoices = "id;customer;issued;due;amount;currency\nF-1;C-1;01-09-2026;01.10.2026;1.234,56;EUR\n"
        let records = try importing([Self.customers, invoices], into: &index)
        guard case .invoice(let invoice) = try #require(records.last).body else { Issue.record("not an invoice"); return }
        #expect(invoice.amount == Decimal(string: "1234.56"))
        #expect(invoice.issued == CalendarDate(year: 2026, month: 9, day: 1))
        #expect(invoice.due == CalendarDate(year: 2026, month: 10, day: 1))
    }

    @Test("re-importing the same files adds nothing; two equal payments in one file both count")
    func idempotent() throws {
        var index = ImportIndex()
        let invoices = "id,customer,issued,due,amount,currency,order,vat\nF-1,C-1,2026-09-01,2026-10-01,100.00,RON,PO-1,RO123\n"
        let payments = "invoice,date,amount,currency\nF-1,2026-10-02,10.00,RON\nF-1,2026-10-02,10.00,RON\n"
        let first = try importing([Self.customers, invoices, payments], into: &index)
        #expect(first.map(\.type) == ["customer", "invoice", "payment", "payment"])
        if case .invoice(let invoice) = first[1].body { #expect(invoice.extra == ["vat": "RO123"] && invoice.order == "PO-1") }
        let second = try importing([Self.customers, invoices, payments], into: &index)
        #expect(second.isEmpty)
    }

    @Test("a changed customer field is listed, not applied; updating appends a new customer record")
    func changedCustomer() throws {
        var index = ImportIndex()
        _ = try importing([Self.customers], into: &index)
        let changed = Self.customers.replacingOccurrences(of: "s@example.ro", with: "new@example.ro")
        let listed = try #require(try plans([changed], into: &index).first)
        #expect(listed.records.isEmpty)
        #expect(listed.changes == [CustomerFieldChange(customer: "C-1", field: "email", old: "s@example.ro", new: "new@example.ro")])
        #expect(index.customers["C-1"]?.email == "s@example.ro")

        let applied = try #require(try plans([changed], into: &index, updating: true).first)
        #expect(applied.records.map(\.type) == ["customer"] && applied.changes.count == 1)
        #expect(index.customers["C-1"]?.email == "new@example.ro")
        #expect(try importing([changed], into: &index, updating: true).isEmpty)
    }

    @Test("every changed field is listed; an extra column the file lacks keeps its value, an empty one is a change")
    func changedFields() throws {
        var index = ImportIndex()
        let first = "id,name,email,phone,kind,country,language,address,vat\nC-1,Old B.V.,a@b.example,,business,NL,nl,Dorpsstraat 1,NL1\n"
        _ = try importing([first], into: &index)
        let withoutAddress = "id,name,email,phone,kind,country,language,vat\nC-1,Old B.V.,a@b.example,,business,NL,nl,NL1\n"
        #expect(try plans([withoutAddress], into: &index).first?.changes.isEmpty == true)
        let changed = "id,name,email,phone,kind,country,language,address,vat\nC-1,New B.V.,a@b.example,030 1,Consumer,NL,nl,Dorpsstraat 2,\n"
        let changes = try #require(try plans([changed], into: &index).first).changes
        #expect(changes.map(\.field) == ["name", "phone", "kind", "address", "vat"])
        #expect(changes[1] == CustomerFieldChange(customer: "C-1", field: "phone", old: "", new: "030 1"))
        #expect(changes[4] == CustomerFieldChange(customer: "C-1", field: "vat", old: "NL1", new: ""))
    }

    @Test("a file with one bad row imports nothing")
    func allOrNothing() throws {
        var index = ImportIndex()
        _ = try importing([Self.customers], into: &index)
        let invoices = "id,customer,issued,due,amount,currency\nF-1,C-1,2026-09-01,2026-10-01,100.00,EUR\nF-2,C-1,2026-09-01,2026-10-01,abc,EUR\n"
        #expect(throws: ImportError.self) { try importing([invoices], into: &index) }
        #expect(index.invoices.isEmpty)
    }

    @Test("bad input names file, line and column", arguments: [
        ("id,customer,issued,due,amount\nF-1,C-1,2026-09-01,2026-10-01,1.00\n", "file1.csv:1: error: header is not a customers, invoices, payments or credit notes file; as invoices it lacks column(s) currency"),
        ("id,customer,issued,due,amount,currency\nF-1,C-1,2024-02-30,2024-03-30,1.00,EUR\n", "file1.csv:2: error: issued: '2024-02-30' is not a day on the calendar"),
        ("id,customer,issued,due,amount,currency\nF-1,C-1,2026-01-01,2026-02-01,-5.00,EUR\n", "file1.csv:2: error: amount: amount '-5.00' must not be negative"),
        ("id,customer,issued,due,amount,currency\nF-1,C-1,2026-01-01,2026-02-01,12abc,EUR\n", "file1.csv:2: error: amount: '12abc' is not a decimal amount"),
        ("id,customer,issued,due,amount,currency\nF-1,C-1,2026-01-01,2026-02-01,1.005,EUR\n", "file1.csv:2: error: amount: amount '1.005' has more than 2 decimals, which EUR allows"),
        ("id,customer,issued,due,amount,currency\nF-1,C-1,2026-01-01,2026-02-01,1.00,EUX\n", "file1.csv:2: error: currency: unknown currency 'EUX'"),
        ("id,customer,issued,due,amount,currency\nF-1,C-9,2026-01-01,2026-02-01,1.00,EUR\n", "file1.csv:2: error: customer: unknown customer 'C-9'"),
        ("id,customer,issued,due,amount,currency\nF-1,C-1,2026-01-01,2026-02-01,1.00,EUR\nF-2,\"C-1\nX\",2026-01-01,2026-02-01,1.00,EUR\n", "file1.csv:3: error: customer: contains a line break"),
        ("invoice,date,amount,currency\nF-404,2026-01-01,1.00,EUR\n", "file1.csv:2: error: invoice: unknown invoice 'F-404'"),
        ("id,customer,issued,due,amount,currency\nF-1,C-1,2026-01-01,2026-02-01,1.00\n", "file1.csv:2: error: 5 fields, but the header has 6"),
    ])
    func badInput(file: String, expected: String) {
        let message = importError([Self.customers, file])
        #expect(message?.hasPrefix(expected) == true, "got \(message ?? "no error")")
    }

    @Test("an invoice id that exists with other data is an error naming what changed")
    func duplicateInvoice() {
        let first = "id,customer,issued,due,amount,currency\nF-1,C-1,2026-01-01,2026-02-01,100.00,EUR\n"
        let second = "id,customer,issued,due,amount,currency\nF-1,C-1,2026-01-01,2026-02-01,120.00,EUR\n"
        let message = importError([Self.customers, first, second])
        #expect(message == "file2.csv:2: error: id: invoice 'F-1' already exists with other data (amount 100.00 EUR → 120.00 EUR)")
    }

    @Test("a customers file with a bad kind, country or language", arguments: [
        ("retail,NL,nl", "kind: 'retail' is not business or consumer"),
        ("business,XX,nl", "country: 'XX' is not an ISO 3166 alpha-2 country code"),
        ("business,NL,zz", "language: 'zz' is not a language code"),
    ])
    func badCustomer(tail: String, expected: String) {
        let file = "id,name,email,phone,kind,country,language\nC-2,Name,a@b.example,,\(tail)\n"
        let message = importError([file])
        #expect(message?.hasPrefix("file0.csv:2: error: \(expected)") == true, "got \(message ?? "no error")")
    }
}
