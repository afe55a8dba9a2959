import Foundation
import Testing
import TestSupport

/// `blocked` is logged once per item per day across `run --once` runs (and the service's
/// cycles), remembered in `LEDGER.blocked`.
@Suite struct RunBlockedTests {
    /// C-1's only invoice is disputed (its reminder is blocked `dispute`); C-2's reminder is due.
    static func company(port: Int) throws -> DunningCLI {
        let cli = try RunFixture.imported(port: port, customers: RunFixture.customers(2))
        let disputed = try cli.run(["ledger", "dispute", "--invoice", "F-1", "--reason", "Not ordered"])
        guard disputed.status == 0 else { throw Fixtures.FixtureError(result: disputed) }
        return cli
    }

    static func blockedLines(_ result: CommandResult) -> [Substring] {
        result.stderr.split(separator: "\n").filter { $0.hasPrefix("blocked ") }
    }

    @Test("two runs on the same --as-of day log the blocked item once in all; the next day it is logged again")
    func oncePerDay() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try Self.company(port: server.port)
        let first = try cli.run(["run", "--once", "--as-of", "2026-11-23"])
        let second = try cli.run(["run", "--once", "--as-of", "2026-11-23"])
        #expect(first.status == 0 && second.status == 0, "\(first)\n\(second)")
        let lines = Self.blockedLines(first) + Self.blockedLines(second)
        #expect(lines.count == 1, "\(first)\n\(second)")
        #expect(lines.first?.hasPrefix("blocked customer=C-1 invoices=F-1 step=reminder ") == true && lines.first?.contains("reason=dispute") == true,
                "\(lines)")
        #expect(Self.blockedLines(first).count == 1)
        let memory = try String(contentsOfFile: cli.ledgerPath + ".blocked", encoding: .utf8)
        #expect(memory == #"{"date":"2026-11-23","logged":[{"customer":"C-1","reason":"dispute","step":"reminder"}]}"# + "\n")

        let nextDay = try cli.run(["run", "--once", "--as-of", "2026-11-24"])
        #expect(nextDay.status == 0, "\(nextDay)")
        #expect(Self.blockedLines(nextDay).count == 1, "\(nextDay)")
        #expect(try String(contentsOfFile: cli.ledgerPath + ".blocked", encoding: .utf8).hasPrefix(#"{"date":"2026-11-24","#))
        // C-2 got its reminder once all along.
        #expect(try server.messages().map(\.recipients) == [["c2@example.nl"]])
    }

    @Test("an unreadable memory file: a warning naming it, the blocked item logged again, the file rewritten")
    func unreadableMemory() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try Self.company(port: server.port)
        try cli.write("{not json", to: "ledger.jsonl.blocked")
        let result = try cli.run(["run", "--once", "--as-of", "2026-11-23"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix("warning ") && $0.contains(cli.ledgerPath + ".blocked") },
                "\(result)")
        #expect(Self.blockedLines(result).count == 1, "\(result)")
        #expect(try String(contentsOfFile: cli.ledgerPath + ".blocked", encoding: .utf8).hasPrefix(#"{"date":"2026-11-23","#))
        let again = try cli.run(["run", "--once", "--as-of", "2026-11-23"])
        #expect(Self.blockedLines(again).isEmpty && !again.stderr.contains("warning "), "\(again)")
    }

    @Test("--dry-run logs every blocked item and leaves the memory alone")
    func dryRun() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try Self.company(port: server.port)
        #expect(Self.blockedLines(try cli.run(["run", "--once", "--as-of", "2026-11-23"])).count == 1)
        let memory = try String(contentsOfFile: cli.ledgerPath + ".blocked", encoding: .utf8)
        let dry = try cli.run(["run", "--once", "--dry-run", "--as-of", "2026-11-23"])
        #expect(dry.status == 0 && Self.blockedLines(dry).count == 1, "\(dry)")
        #expect(try String(contentsOfFile: cli.ledgerPath + ".blocked", encoding: .utf8) == memory)
    }
}
