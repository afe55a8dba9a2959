import Foundation
import Testing
import TestSupport

/// `kill -9` of `run --once` while it takes 300 bounces from a Maildir: no bounce recorded
/// twice, none lost, no ledger line torn.
@Suite struct BounceCrashTests {
    @Test("killed at random points during intake, restarted: each of 300 bounces is in the ledger exactly once")
    func killNine() throws {
        let count = 300
        let customers = (1...count).map { RunFixture.Customer(id: "C-\($0)", name: "Klant \($0) B.V.", email: "c\($0)@example.nl") }
        // Outbox delivery (nothing to send anyway: the invoices are not overdue yet).
        let cli = try RunFixture.imported(port: 1, customers: customers,
                                          invoices: customers.map { "F-\($0.id),\($0.id),2026-11-01,2026-12-31,100.00,EUR" })
        let bounces = cli.directory.file("bounces")
        try cli.write("""
            company: {name: Voorbeeld B.V., from: debiteuren@voorbeeld.nl, locale: nl_NL, time_zone: Europe/Amsterdam}
            ledger: ledger.jsonl
            delivery: {transport: outbox, outbox: outbox}
            verification: {mode: off}
            bounces: {maildir: bounces}

            """, to: "dunning.yaml")
        for folder in ["", "/new", "/cur", "/tmp"] { try FileManager.default.createDirectory(atPath: bounces + folder, withIntermediateDirectories: true) }
        for number in 1...count {
            let bytes = BounceMessages.dsn(recipient: "c\(number)@example.nl", queueID: "Q\(number)")
            try Data(bytes).write(to: URL(fileURLWithPath: bounces + "/new/\(1_700_000_000 + number).M\(number).host"))
        }
        var kills = 0
        var partial = false
        for delay in [0.15, 0.3, 0.45, 0.6] {
            let run = try cli.start(["run", "--once", "--as-of", RunFixture.asOf])
            usleep(useconds_t(delay * 1_000_000 * Double.random(in: 0.5...1.5)))
            guard run.process.isRunning else { continue }
            run.kill9()
            kills += 1
            let done = try cli.records().filter { $0["type"] as? String == "bounce" }.count
            if done > 0 && done < count { partial = true }
        }
        let last = try cli.runOnce()
        #expect(last.status == 0, "\(last)")
        #expect(kills > 0 && partial, "no run was killed in the middle of the intake; the test proved nothing")

        // Every line parses (none torn), each customer's bounce is there once.
        let records = try cli.records()
        let recorded = records.filter { $0["type"] as? String == "bounce" }.compactMap { $0["customer"] as? String }
        #expect(recorded.count == count, "\(recorded.count) bounce records for \(count) bounces")
        #expect(Set(recorded).count == count)
        let tasks = records.filter { $0["type"] as? String == "task" }.compactMap { $0["customer"] as? String }
        #expect(tasks.count == count && Set(tasks).count == count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: bounces + "/new").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: bounces + "/cur").count == count)
    }
}
