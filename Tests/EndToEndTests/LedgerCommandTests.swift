import Foundation
import Testing
import TestSupport

/// `dunning ledger ...` end to end: each command appends one checked record and prints its id.
@Suite struct LedgerCommandTests {
    /// The last ledger line, parsed.
    func lastRecord(_ cli: DunningCLI) throws -> [String: Any] {
        let line = try #require(try cli.ledgerLines().last)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("pay with a decimal comma appends a payment with the printed id, in the invoice's currency")
    func pay() throws {
        let cli = try Fixtures.imported()
        let result = try cli.run(["ledger", "pay", "--invoice", "F-3", "--amount", "1250,5", "--date", "2026-11-20", "--reference", "OP 12"])
        #expect(result.status == 0, "\(result)")
        let record = try lastRecord(cli)
        #expect(record["id"] as? String == result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(record["type"] as? String == "payment")
        #expect(record["amount"] as? String == "1250.50")
        #expect(record["currency"] as? String == "RON")
        #expect(record["date"] as? String == "2026-11-20")
        #expect(record["reference"] as? String == "OP 12")
        let item = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-3").first)
        #expect(item["total"] as? String == "1249.50")
    }

    @Test("pay takes amounts with thousands separators as a CSV import does: 1.250,00 and 1,250.00", arguments: ["1.250,00", "1,250.00"])
    func payThousands(amount: String) throws {
        let cli = try Fixtures.imported()
        let result = try cli.run(["ledger", "pay", "--invoice", "F-3", "--amount", amount, "--date", "2026-11-20"])
        #expect(result.status == 0, "\(result)")
        #expect(try lastRecord(cli)["amount"] as? String == "1250.00")
    }

    @Test("bad bookkeeping input is refused with exit 1 and nothing appended", arguments: [
        (["ledger", "pay", "--invoice", "F-404", "--amount", "10.00"], "error: --invoice: unknown invoice 'F-404'"),
        (["ledger", "pay", "--invoice", "F-1", "--amount=-10.00"], "error: --amount: '-10.00' is negative: an amount must be more than zero"),
        (["ledger", "pay", "--invoice", "F-1", "--amount", "10.005"], "more than 2 decimals"),
        (["ledger", "pay", "--invoice", "F-1", "--amount", "ten"], "error: --amount: 'ten' is not a decimal amount"),
        (["ledger", "pay", "--invoice", "F-1", "--amount", "1.25,0"], "is not a decimal amount"),
        (["ledger", "credit", "--invoice", "F-1", "--amount", "0"], "must be more than zero"),
        (["ledger", "dispute", "--invoice", "F-404", "--reason", "x"], "unknown invoice 'F-404'"),
        (["ledger", "hold", "--customer", "C-404", "--reason", "x"], "error: --customer: unknown customer 'C-404'"),
        (["ledger", "resolve", "--ref", "dsp-nothere"], "error: --ref: no record or message with id 'dsp-nothere'"),
        (["ledger", "void", "--ref", "pay-nothere", "--reason", "typo"], "error: --ref: no record with id 'pay-nothere'"),
        (["ledger", "resolve", "--ref", "a\nb"], "control character"),
    ])
    func refused(arguments: [String], message: String) throws {
        let cli = try Fixtures.imported()
        let before = try cli.ledgerLines()
        let result = try cli.run(arguments)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("error:") && result.stderr.contains(message), "\(result)")
        #expect(try cli.ledgerLines() == before)
    }

    @Test("void cancels a wrong payment: the open amount goes back up")
    func void() throws {
        let cli = try Fixtures.imported()
        let paid = try cli.run(["ledger", "pay", "--invoice", "F-1", "--amount", "600.00"])
        let id = paid.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-1").first)["total"] as? String == "400.00")
        #expect(try cli.run(["ledger", "void", "--ref", id, "--reason", "booked on the wrong invoice"]).status == 0)
        #expect(try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-1").first)["total"] as? String == "1000.00")
    }

    @Test("arrange splits the open total 300.00 in 3 × 100.00, monthly from the first date")
    func arrange() throws {
        let cli = try Fixtures.imported()
        let result = try cli.run(["ledger", "arrange", "--invoice", "F-2", "--instalments", "3", "--first", "2026-12-01"])
        #expect(result.status == 0, "\(result)")
        let record = try lastRecord(cli)
        let instalments = try #require(record["instalments"] as? [[String: String]])
        #expect(instalments == [["due": "2026-12-01", "amount": "100.00"], ["due": "2027-01-01", "amount": "100.00"], ["due": "2027-02-01", "amount": "100.00"]])
        let item = try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-2").first)
        #expect(item["blocked"] as? String == "arrangement")
    }

    @Test("arrange puts the rounding remainder in the last instalment: 1000.00 / 3 = 333.33 + 333.33 + 333.34")
    func arrangeRemainder() throws {
        let cli = try Fixtures.imported()
        #expect(try cli.run(["ledger", "arrange", "--invoice", "F-1", "--instalments", "3", "--first", "2027-01-31"]).status == 0)
        let instalments = try #require(try lastRecord(cli)["instalments"] as? [[String: String]])
        #expect(instalments.map { $0["amount"] } == ["333.33", "333.33", "333.34"])
        #expect(instalments.map { $0["due"] } == ["2027-01-31", "2027-02-28", "2027-03-31"])
    }

    @Test("promise and arrange --no-confirmation record confirm: false; without it the field is absent; --help says so")
    func noConfirmation() throws {
        let cli = try Fixtures.imported()
        #expect(try cli.run(["ledger", "promise", "--invoice", "F-1", "--until", "2026-12-01"], today: "2026-11-23").status == 0)
        #expect(try lastRecord(cli)["confirm"] == nil)
        #expect(try cli.run(["ledger", "promise", "--invoice", "F-1", "--until", "2026-12-01", "--no-confirmation"], today: "2026-11-23").status == 0)
        #expect(try lastRecord(cli)["confirm"] as? Bool == false)
        #expect(try cli.run(["ledger", "arrange", "--invoice", "F-2", "--instalments", "2", "--first", "2026-12-01", "--no-confirmation"]).status == 0)
        let arrangement = try lastRecord(cli)
        #expect(arrangement["type"] as? String == "arrangement" && arrangement["confirm"] as? Bool == false)
        #expect(try cli.run(["check"]).status == 0)
        for command in ["promise", "arrange"] {
            let help = try cli.run(["ledger", command, "--help"])
            #expect(help.status == 0 && help.stdout.contains("--no-confirmation") && help.stdout.contains("confirmation"), "\(help)")
        }
    }

    @Test("promise and hold pause chasing; notes and show tell the story")
    func promiseHoldShow() throws {
        let cli = try Fixtures.imported()
        #expect(try cli.run(["ledger", "promise", "--customer", "C-1", "--until", "2026-12-01", "--amount", "500"], today: "2026-11-23").status == 0)
        #expect(try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-1").first)["blocked"] as? String == "promise")
        #expect(try cli.run(["ledger", "hold", "--invoice", "F-3", "--reason", "Director in hospital"]).status == 0)
        #expect(try #require(cli.items(try cli.planJSON(asOf: "2026-11-23"), customer: "C-3").first)["blocked"] as? String == "hold")
        #expect(try cli.run(["ledger", "note", "--customer", "C-1", "--text", "Called; pays after the holidays"]).status == 0)
        let show = try cli.run(["ledger", "show", "--customer", "C-1"])
        #expect(show.status == 0, "\(show)")
        let lines = show.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("customer") && $0.contains("Bakkerij Æbelø B.V.") })
        #expect(lines.contains { $0.contains("invoice") && $0.contains("F-1 issued 2026-09-01 due 2026-10-01 1000.00 EUR") })
        #expect(lines.contains { $0.contains("promise to pay by 2026-12-01") })
        #expect(lines.contains { $0.contains("Called; pays after the holidays") })
        #expect(lines.contains { $0.hasPrefix("open  F-1  1000.00 EUR") })
        let unknown = try cli.run(["ledger", "show", "--invoice", "f1"])
        #expect(unknown.status == 1 && unknown.stderr == "error: --invoice: unknown invoice 'f1' (did you mean 'F-1'?)\n", "\(unknown)")
    }
}

/// A ledger file in a bad state: the program refuses to act or repairs what is safe to repair.
@Suite struct BadLedgerTests {
    @Test("a malformed middle line stops every command with PATH:LINE")
    func malformedMiddle() throws {
        let cli = try Fixtures.imported()
        var lines = try cli.ledgerLines()
        lines[2] = #"{"type":"invoice","id":"x","at":"2026-11-23T09:00:00Z","invoice":"F-1""#
        try cli.write(lines.joined(separator: "\n") + "\n", to: "ledger.jsonl")
        for command in [["check"], ["plan"], ["ledger", "pay", "--invoice", "F-1", "--amount", "1.00"]] {
            let result = try cli.run(command)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("\(cli.ledgerPath):3: error:"), "\(result)")
        }
        #expect(try cli.ledgerLines() == lines)
    }

    @Test("a known record type with a bad field is an error naming the field")
    func badField() throws {
        let cli = try Fixtures.imported()
        try cli.appendToLedger([#"{"type":"payment","id":"p-x","at":"2026-11-23T09:00:00Z","invoice":"F-1","date":"2026-02-30","amount":"10.00","currency":"EUR"}"#])
        let result = try cli.run(["check"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(cli.ledgerPath):8: error:"), "\(result)")
        #expect(result.stderr.contains("date"))
    }

    @Test("a record of an unknown type is kept and skipped")
    func unknownType() throws {
        let cli = try Fixtures.imported()
        try cli.appendToLedger([#"{"type":"letter-by-post","id":"lp-1","at":"2026-11-23T09:00:00Z","tracking":"RR123"}"#])
        let result = try cli.run(["check"])
        #expect(result.status == 0, "\(result)")
        #expect(try cli.ledgerLines().last?.contains("letter-by-post") == true)
    }

    @Test("a semantic error (payment for an unknown invoice) stops with PATH:LINE")
    func paymentForUnknownInvoice() throws {
        let cli = try Fixtures.imported()
        try cli.appendToLedger([#"{"type":"payment","id":"p-x","at":"2026-11-23T09:00:00Z","invoice":"F-404","date":"2026-11-20","amount":"10.00","currency":"EUR"}"#])
        let result = try cli.run(["plan"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(cli.ledgerPath):8: error:") && result.stderr.contains("F-404"), "\(result)")
    }

    @Test("a torn last line is cut with a warning and the rest is used")
    func tornLastLine() throws {
        let cli = try Fixtures.imported()
        let lines = try cli.ledgerLines()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: cli.ledgerPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"type":"payment","id":"p-torn","at":"2026-11-23T09:0"#.utf8))
        try handle.close()
        let result = try cli.run(["check"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("warning: cut off an incomplete last line"))
        #expect(try String(contentsOfFile: cli.ledgerPath, encoding: .utf8) == lines.joined(separator: "\n") + "\n")
    }

    @Test("an unreadable ledger (a directory) is a clear error")
    func unreadable() throws {
        let cli = try DunningCLI()
        try FileManager.default.createDirectory(atPath: cli.ledgerPath, withIntermediateDirectories: true)
        let result = try cli.run(["check"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(cli.ledgerPath): error:"), "\(result)")
    }
}
