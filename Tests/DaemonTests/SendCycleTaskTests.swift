@testable import Daemon
import DunningCore
import Foundation
import Testing

/// `task` steps: a call task with the number in E.164, or the reason there is none.
@Suite struct SendCycleTaskTests {
    @Test("a call task names the E.164 number (libphonenumber), or says why there is no valid phone; it is written either way")
    func callTasks() throws {
        var base = SendCycleTests()
        base.config.policies = [Policy(id: "bellen", steps: [PolicyStep(id: "bellen", after: .days(14), channel: .task)])]
        let ledger = try base.ledger(customers: 4)
        for (id, phone) in [("C-1", "020 555 1234"), ("C-2", "12"), ("C-3", ""), ("C-4", "020 555 1234 (kantoor)")] {
            try ledger.add([.customer(CustomerRecord(customer: id, name: "Klant \(id)", email: "\(id.lowercased())@example.nl",
                                                     phone: phone, kind: .business, country: "NL", language: "nl"))],
                           at: ledger.clock.now)
        }
        let sink = LineSink()
        let summary = try base.cycle(sink: sink).run(ledger: ledger) { ScriptedTransport() }
        // Logged with its step (bounce intake's tasks have none and leave `step` out).
        #expect(sink.all.contains("task customer=C-1 invoices=INV-C-1 step=bellen kind=call text=\"call Klant C-1 on +31205551234: 1 invoice(s) open, EUR 100.00 in all\"\n"))
        let tasks = ledger.records.compactMap { if case .task(let task) = $0.body { task } else { nil } }
        #expect(summary.tasks == 4)
        #expect(tasks.map(\.kind) == [.call, .call, .call, .call])
        #expect(tasks.map(\.text) == [
            "call Klant C-1 on +31205551234: 1 invoice(s) open, EUR 100.00 in all",
            "call Klant C-2 (no valid phone: '12' is too short): 1 invoice(s) open, EUR 100.00 in all",
            "call Klant C-3 (no valid phone: none on file): 1 invoice(s) open, EUR 100.00 in all",
            "call Klant C-4 (no valid phone: '020 555 1234 (kantoor)' is not digits only (letters 'kantoor'; write an extension as 'ext. 12')): 1 invoice(s) open, EUR 100.00 in all",
        ])
    }
}
