@testable import Daemon
import DunningCore
import DunningStore
import Foundation
import Testing
import TestSupport

/// The session in-process, on a real ledger file: what every command and the service stand on.
@Suite struct SessionTests {
    /// A config in `directory` with its ledger (`ledger.jsonl`) and outbox beside it.
    static func company(_ directory: TemporaryDirectory, extra: String = "") throws -> DunningEnvironment {
        try (DunningCLI.minimalConfig + extra).write(toFile: directory.file("dunning.yaml"), atomically: true, encoding: .utf8)
        let instant = Date(timeIntervalSince1970: 1_795_430_000)  // 2026-11-23
        return DunningEnvironment(configPath: directory.file("dunning.yaml"), clock: { instant })
    }

    static let customer = LedgerRecord.Body.customer(CustomerRecord(customer: "C-1", name: "Bakkerij Jansen", email: "jan@example.nl",
                                                                    phone: "", kind: .business, country: "NL", language: "nl"))
    static func invoice(_ id: String, amount: Decimal = 1250) -> LedgerRecord.Body {
        .invoice(InvoiceRecord(invoice: id, customer: "C-1", issued: CalendarDate(year: 2026, month: 9, day: 1)!,
                               due: CalendarDate(year: 2026, month: 10, day: 1)!, amount: amount, currency: Currency(code: "EUR")!))
    }

    @Test("a fresh install: the ledger's folder and file are made, and the session says so instead of printing it")
    func freshLedger() throws {
        let directory = try TemporaryDirectory()
        var environment = try Self.company(directory)
        try DunningCLI.minimalConfig.replacingOccurrences(of: "ledger: ledger.jsonl", with: "ledger: var/ledger.jsonl")
            .write(toFile: directory.file("dunning.yaml"), atomically: true, encoding: .utf8)
        environment.configPath = directory.file("dunning.yaml")
        let session = try Session.open(environment: environment)
        #expect(FileManager.default.fileExists(atPath: directory.file("var/ledger.jsonl")))
        let warnings = session.takeWarnings()
        #expect(warnings.count == 1 && warnings[0].hasSuffix("the ledger did not exist; created it empty"), "\(warnings)")
        #expect(session.takeWarnings().isEmpty)
        #expect(session.state.customers.isEmpty)
    }

    @Test("appends are stamped by the environment's clock and seen by a second session after refresh")
    func appendAndRefresh() throws {
        let directory = try TemporaryDirectory()
        let environment = try Self.company(directory)
        let writer = try Session.open(environment: environment)
        let reader = try Session.open(environment: environment)
        let record = try writer.append(Self.customer)
        try writer.append([LedgerRecord(id: "inv-1", at: writer.now, body: Self.invoice("F-1"))], source: nil)
        #expect(record.at == environment.clock())
        #expect(reader.state.invoice("F-1") == nil)
        #expect(try reader.refresh() == false)
        #expect(reader.state.invoice("F-1")?.amount == 1250)
        #expect(try String(contentsOfFile: directory.file("ledger.jsonl"), encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test("a record the state refuses is a typed error, nothing is written and the state is as before")
    func refused() throws {
        let directory = try TemporaryDirectory()
        let session = try Session.open(environment: try Self.company(directory))
        try session.append(Self.customer)
        let payment = LedgerRecord.Body.payment(PaymentRecord(invoice: "F-9", date: session.today, amount: 10,
                                                              currency: Currency(code: "EUR")!, reference: nil))
        #expect {
            try session.append([LedgerRecord(id: "pay-1", at: session.now, body: payment)], source: "bank.csv")
        } throws: { error in
            guard case SessionError.refused(source: "bank.csv", let reason) = error, case .unknownInvoice("F-9") = reason.reason else { return false }
            return (error as? SessionError)?.description.hasPrefix("bank.csv: error: ") == true
        }
        #expect(try String(contentsOfFile: directory.file("ledger.jsonl"), encoding: .utf8).split(separator: "\n").count == 1)
        #expect(session.state.customer("C-1") != nil)
    }

    @Test("a malformed ledger line stops the session with a typed error at PATH:LINE")
    func malformedLine() throws {
        let directory = try TemporaryDirectory()
        let environment = try Self.company(directory)
        try session(environment).append(Self.customer)
        let handle = try #require(FileHandle(forWritingAtPath: directory.file("ledger.jsonl")))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"type":"invoice","id":"inv-x","at":"2026-11-23T09:00:00Z","invoice":"F-1"}"#.utf8 + [10]))
        try handle.close()
        #expect {
            try Session.open(environment: environment)
        } throws: { error in
            guard case SessionError.ledger(.malformedLine(_, line: 2, _)) = error else { return false }
            return "\(error)".hasPrefix(directory.file("ledger.jsonl") + ":2: error: ")
        }
    }

    @Test("a ledger replaced under a running session is read anew, with a warning")
    func replaced() throws {
        let directory = try TemporaryDirectory()
        let environment = try Self.company(directory)
        let session = try session(environment)
        try session.append(Self.customer)
        let other = directory.file("other.jsonl")
        try FileManager.default.copyItem(atPath: directory.file("ledger.jsonl"), toPath: other)
        try FileManager.default.removeItem(atPath: directory.file("ledger.jsonl"))
        try FileManager.default.moveItem(atPath: other, toPath: directory.file("ledger.jsonl"))
        _ = session.takeWarnings()
        #expect(try session.refresh())
        #expect(session.takeWarnings().contains { $0.hasSuffix("warning: the ledger was replaced or shrank; read anew") })
        #expect(session.state.customer("C-1") != nil)
    }

    @Test("a typed amount in either notation pays an invoice; unknown invoices are input errors naming the field",
          arguments: [("1.250,00", Decimal(1250)), ("1,250.00", 1250), ("12,50", Decimal(string: "12.5")!), ("12.50", Decimal(string: "12.5")!)])
    func typedAmounts(text: String, amount: Decimal) throws {
        let directory = try TemporaryDirectory()
        let session = try session(try Self.company(directory))
        try session.append(Self.customer)
        try session.append(Self.invoice("F-1"))
        #expect(try session.payment(invoice: "F-1", amount: text, date: nil, reference: nil).amount == amount)
        #expect {
            try session.payment(invoice: "F-2", amount: text, date: nil, reference: nil)
        } throws: { error in
            guard case SessionError.input(field: "invoice", message: "unknown invoice 'F-2'") = error else { return false }
            return true
        }
    }

    @Test("importing a CSV file appends its records once; a file with a bad row adds nothing and names the line")
    func importFiles() throws {
        let directory = try TemporaryDirectory()
        let session = try Session.open(environment: try Self.company(directory), keepingRecords: true)
        try "id,name,email,phone,kind,country,language\nC-1,Jansen,jan@example.nl,,business,NL,nl\n"
            .write(toFile: directory.file("customers.csv"), atomically: true, encoding: .utf8)
        try "id,customer,issued,due,amount,currency\nF-1,C-1,2026-09-01,2026-10-01,\"1.250,00\",EUR\nF-2,C-9,2026-09-01,2026-10-01,10,EUR\n"
            .write(toFile: directory.file("invoices.csv"), atomically: true, encoding: .utf8)
        var results: [ImportResult] = []
        try session.importFiles([directory.file("customers.csv"), directory.file("customers.csv")]) { results.append($0) }
        #expect(results.map(\.added.count) == [1, 0])
        #expect(results.first?.kind == .customers)
        #expect {
            try session.importFiles([directory.file("invoices.csv")]) { results.append($0) }
        } throws: { error in
            guard case SessionError.importFile = error else { return false }
            return "\(error)".hasPrefix(directory.file("invoices.csv") + ":3")
        }
        #expect(results.count == 2 && session.state.invoice("F-1") == nil)
        #expect(try String(contentsOfFile: directory.file("ledger.jsonl"), encoding: .utf8).split(separator: "\n").count == 1)
    }

    private func session(_ environment: DunningEnvironment) throws -> Session {
        let session = try Session.open(environment: environment)
        _ = session.takeWarnings()
        return session
    }
}
