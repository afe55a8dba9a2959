import Foundation
import Testing
import TestSupport

/// Implausible bookkeeping input is refused with exit 1 and a line naming the option and the
/// value, and nothing is appended; a real over-payment passes with `--overpayment`. The
/// binary's "today" is 2026-11-23 (`run(_:today:)`).
@Suite struct LedgerRefusalTests {
    static let today = "2026-11-23"

    /// The last ledger line, parsed.
    func lastRecord(_ cli: DunningCLI) throws -> [String: Any] {
        let line = try #require(try cli.ledgerLines().last)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    /// Runs `arguments` and expects exit 1, stderr `line` (the whole first line) and the ledger unchanged.
    func expectRefused(_ cli: DunningCLI, _ arguments: [String], _ line: String) throws {
        let before = try cli.ledgerLines()
        let result = try cli.run(arguments, today: Self.today)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.split(separator: "\n").first.map(String.init) == line, "\(result)")
        #expect(try cli.ledgerLines() == before)
    }

    /// The id printed by a command that must succeed.
    func recorded(_ cli: DunningCLI, _ arguments: [String]) throws -> String {
        let result = try cli.run(arguments, today: Self.today)
        try #require(result.status == 0, "\(result)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("implausible amounts, dates, references and ids are refused naming the option and the value", arguments: [
        (["ledger", "pay", "--invoice", "F-1", "--amount", "7800,00"],
         "error: --amount: 7800.00 EUR is more than the 1000.00 EUR open on F-1; if the customer really paid more, add --overpayment (the surplus becomes customer credit)"),
        (["ledger", "credit", "--invoice", "F-2", "--amount", "300.01"],
         "error: --amount: 300.01 EUR is more than the 300.00 EUR open on F-2; if the credit note really is for more, add --overpayment (the surplus becomes customer credit)"),
        (["ledger", "pay", "--invoice", "F-1", "--amount", "10", "--overpayment"],
         "error: --overpayment: 10.00 EUR is not more than the 1000.00 EUR open on F-1: leave out --overpayment"),
        (["ledger", "pay", "--invoice", "F-1", "--amount", "10", "--date", "2026-11-24"],
         "error: --date: 2026-11-24 is after today (2026-11-23): a payment is recorded once the money has arrived"),
        (["ledger", "pay", "--invoice", "F-2", "--amount", "10", "--reference", "BE71 0961 2345 6769"],
         "error: --reference: 'BE71 0961 2345 6769' is already recorded on F-2: pay-"),
        (["ledger", "promise", "--invoice", "F-1", "--until", "2026-11-22"],
         "error: --until: 2026-11-22 is in the past (today is 2026-11-23): a promise must end today or later"),
        (["ledger", "hold", "--customer", "C-1", "--until", "2026-11-01", "--reason", "x"],
         "error: --until: 2026-11-01 is in the past (today is 2026-11-23): a hold must end today or later"),
        (["ledger", "hold", "--customer", "K9999", "--reason", "x"], "error: --customer: unknown customer 'K9999'"),
        (["ledger", "note", "--customer", "c1", "--text", "x"], "error: --customer: unknown customer 'c1' (did you mean 'C-1'?)"),
        (["ledger", "promise", "--invoice", "f-3", "--until", "2026-12-01"], "error: --invoice: unknown invoice 'f-3' (did you mean 'F-3'?)"),
        (["ledger", "dispute", "--invoice", "F 2", "--reason", "x"], "error: --invoice: unknown invoice 'F 2' (did you mean 'F-2'?)"),
        (["ledger", "arrange", "--invoice", "F-2,f-1", "--instalments", "2", "--first", "2026-12-01"],
         "error: --invoice: unknown invoice 'f-1' (did you mean 'F-1'?)"),
        (["ledger", "pay", "--invoice", "F-1", "--amount", "-50"], "error: --amount: '-50' is negative: an amount must be more than zero"),
        (["ledger", "credit", "--invoice", "F-1", "--amount", "-0,50"], "error: --amount: '-0,50' is negative: an amount must be more than zero"),
        (["ledger", "promise", "--invoice", "F-1", "--until", "2026-12-01", "--amount", "-5"],
         "error: --amount: '-5' is negative: an amount must be more than zero"),
    ])
    func refused(arguments: [String], line: String) throws {
        let cli = try Fixtures.imported()
        let before = try cli.ledgerLines()
        let result = try cli.run(arguments, today: Self.today)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.hasPrefix(line) && !result.stderr.contains("record '"), "\(result)")
        #expect(try cli.ledgerLines() == before)
    }

    @Test("an over-payment that really happened is recorded with overpayment: true and shows as customer credit")
    func overpayment() throws {
        let cli = try Fixtures.imported()
        let id = try recorded(cli, ["ledger", "pay", "--invoice", "F-2", "--amount", "350", "--overpayment", "--date", "2026-11-23"])
        let record = try lastRecord(cli)
        #expect(record["id"] as? String == id && record["amount"] as? String == "350.00" && record["overpayment"] as? Bool == true)
        #expect(try cli.run(["check"]).status == 0)
        let show = try cli.run(["ledger", "show", "--customer", "C-2"])
        #expect(show.stdout.contains("credit  50.00 EUR (over-payment on F-2)"), "\(show)")
        // Paid in full now: nothing left to dispute.
        try expectRefused(cli, ["ledger", "dispute", "--invoice", "F-2", "--reason", "too expensive"],
                          "error: --invoice: F-2 is paid in full: nothing is open to dispute (record a note instead)")
        try expectRefused(cli, ["ledger", "pay", "--invoice", "F-2", "--amount", "1"],
                          "error: --amount: 1.00 EUR is more than what is open on F-2 (nothing: it is paid in full); if the customer really paid more, add --overpayment (the surplus becomes customer credit)")
    }

    @Test("a dispute, hold or promise is resolved once; a record is voided once; a voided one is not resolved")
    func resolveAndVoidOnce() throws {
        let cli = try Fixtures.imported()
        let dispute = try recorded(cli, ["ledger", "dispute", "--invoice", "F-1", "--reason", "Wrong quantity"])
        let resolve = try recorded(cli, ["ledger", "resolve", "--ref", dispute])
        try expectRefused(cli, ["ledger", "resolve", "--ref", dispute], "error: --ref: dispute '\(dispute)' is already resolved (by \(resolve))")
        let hold = try recorded(cli, ["ledger", "hold", "--customer", "C-1", "--until", Self.today, "--reason", "Moved"])
        let void = try recorded(cli, ["ledger", "void", "--ref", hold, "--reason", "wrong customer"])
        try expectRefused(cli, ["ledger", "void", "--ref", hold, "--reason", "again"], "error: --ref: hold '\(hold)' is already voided (by \(void))")
        try expectRefused(cli, ["ledger", "resolve", "--ref", hold], "error: --ref: hold '\(hold)' is voided (by \(void)): there is nothing to resolve")
        let payment = try recorded(cli, ["ledger", "pay", "--invoice", "F-1", "--amount", "1"])
        try expectRefused(cli, ["ledger", "resolve", "--ref", payment],
                          "error: --ref: '\(payment)' is a payment; resolve ends a dispute, hold, promise or arrangement, or settles an uncertain send (by its Message-ID)")
        // Voiding the void brings the hold back; it can then be resolved.
        _ = try recorded(cli, ["ledger", "void", "--ref", void, "--reason", "it was right"])
        _ = try recorded(cli, ["ledger", "resolve", "--ref", hold])
    }

    @Test("an uncertain send is settled once, by its Message-ID with or without <>, recorded without them")
    func settleOnce() throws {
        let cli = try Fixtures.imported()
        let messageID = "dunning.reminder.C-1.0123456789abcdef@voorbeeld.nl"
        try cli.appendToLedger(["sending", "uncertain"].enumerated().map { index, state in
            #"{"type":"reminder","id":"rem-\#(index)","at":"2026-11-16T09:00:0\#(index)Z","customer":"C-1","step":"reminder","invoices":["F-1"],"to":"admin@bakkerij.example","message_id":"\#(messageID)","state":"\#(state)"}"#
        })
        try expectRefused(cli, ["ledger", "resolve", "--ref", messageID],
                          "error: --outcome: settling message '\(messageID)' needs --outcome sent or not-sent")
        let settled = try recorded(cli, ["ledger", "resolve", "--ref", "<\(messageID)>", "--outcome", "sent"])
        #expect(try lastRecord(cli)["ref"] as? String == messageID)
        for ref in [messageID, "<\(messageID)>"] {
            try expectRefused(cli, ["ledger", "resolve", "--ref", ref, "--outcome", "not-sent"],
                              "error: --ref: message '\(messageID)' is already settled as sent (by \(settled)); to change that, void \(settled) first")
        }
    }

    @Test("a date that does not exist says why, for --as-of and the ledger's dates", arguments: [
        (["plan", "--as-of", "2026-02-30"], "--as-of", "'2026-02-30' is not a day on the calendar: February 2026 has 28 days"),
        (["ledger", "pay", "--invoice", "F-1", "--amount", "1", "--date", "31.04.2026"], "--date",
         "'31.04.2026' is not a day on the calendar: April 2026 has 30 days"),
        (["ledger", "promise", "--invoice", "F-1", "--until", "2026-13-01"], "--until",
         "'2026-13-01' is not a day on the calendar: there is no month 13; months run from 01 to 12"),
    ])
    func nonexistentDate(arguments: [String], option: String, reason: String) throws {
        let cli = try Fixtures.imported()
        let result = try cli.run(arguments)
        #expect(result.status == 2, "\(result)")
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.contains(option) && first.hasSuffix(reason), "\(result)")
    }
}
