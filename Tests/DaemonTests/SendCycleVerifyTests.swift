@testable import Daemon
import DunningCore
import Foundation
import MailDNS
import Testing
import TestSupport
import Verify

/// The cycle verifies the addresses it is about to write to (a resolver double here; the
/// end-to-end tests use dnsmasq).
@Suite struct SendCycleVerifyTests {
    let base = SendCycleTests()

    /// C-1 at example.nl (MX), C-2 moved to nergens.example (NXDOMAIN), C-3 at gmial.com (a typo, MX).
    func ledger() throws -> MemoryLedger {
        let ledger = try base.ledger(customers: 3)
        try ledger.add([.customer(CustomerRecord(customer: "C-2", name: "Klant C-2", email: "c-2@nergens.example", phone: "",
                                                 kind: .business, country: "NL", language: "nl"))], at: ledger.clock.now)
        try ledger.add([.customer(CustomerRecord(customer: "C-3", name: "Klant C-3", email: "c-3@gmial.com", phone: "",
                                                 kind: .business, country: "NL", language: "nl"))], at: ledger.clock.now)
        return ledger
    }

    func verifier(_ resolver: TableResolver) -> ContactVerifier {
        ContactVerifier(config: base.config, resolver: resolver) { .success($0.lowercased()) }
    }

    @Test("unchecked addresses are verified before sending: contact-check records, the invalid one blocked, a typo warned; none re-checked within max_age")
    func verifiesFirst() throws {
        let ledger = try ledger()
        let resolver = TableResolver(["example.nl": .mx(["mx.example.nl"]), "gmial.com": .mx(["mx.gmial.com"])])
        let transport = ScriptedTransport()
        let sink = LineSink()
        var cycle = base.cycle(sink: sink)
        cycle.verifier = verifier(resolver)
        let summary = try cycle.run(ledger: ledger) { transport }
        let checks = ledger.records.compactMap { if case .contactCheck(let check) = $0.body { check } else { nil } }
        #expect(checks.map(\.customer) == ["C-1", "C-2", "C-3"])
        #expect(checks.map(\.result) == [.valid, .invalid, .valid])
        #expect(checks[1].reason == "nergens.example does not exist (NXDOMAIN)")
        #expect(resolver.questions == [["example.nl", "gmial.com", "nergens.example"]])
        #expect(summary.sent == 2 && transport.delivered.map(\.envelope.recipients) == [["c-1@example.nl"], ["c-3@gmial.com"]])
        #expect(sink.all.contains { $0.hasPrefix("blocked customer=C-2 ") && $0.contains("reason=contact-invalid") })
        #expect(sink.all.contains { $0.hasPrefix("warning customer=C-3 ") && $0.contains("did you mean c-3@gmail.com?") })

        // The next cycle: the checks are fresh, nothing is asked again.
        _ = try cycle.run(ledger: ledger) { ScriptedTransport() }
        #expect(resolver.questions.count == 1)
    }

    @Test("--dry-run verifies nothing and records nothing")
    func dryRun() throws {
        let ledger = try ledger()
        let resolver = TableResolver([:])
        var cycle = base.cycle(dryRun: true)
        cycle.verifier = verifier(resolver)
        let before = ledger.records.count
        _ = try cycle.run(ledger: ledger) { ScriptedTransport() }
        #expect(resolver.questions.isEmpty && ledger.records.count == before)
    }
}
