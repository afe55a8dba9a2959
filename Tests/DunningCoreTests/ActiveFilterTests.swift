@testable import DunningCore
import Foundation
import Testing

@Suite struct ActiveFilterTests {
    @Test("the filter answers as LedgerState.isActive: voided, un-voided and never-voided ids")
    func agrees() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 100)
        var payments: [String] = []
        for index in 0..<300 {
            payments.append(ledger.pay("INV-1", 1, on: "2026-10-02"))
            if index % 3 == 0 {
                let void = ledger.add(.void(VoidRecord(ref: payments[index], reason: "wrong")))
                if index % 9 == 0 { ledger.add(.void(VoidRecord(ref: void, reason: "was right"))) }
            }
        }
        let state = try ledger.state()
        let filter = ActiveFilter(state)
        let ids = ledger.records.map(\.id) + ["", "x", "unknown-record-id"]
        #expect(ids.contains { !state.isActive($0) })
        for id in ids {
            #expect(filter.isActive(id) == state.isActive(id), "\(id)")
        }
    }

    @Test("without voids everything is active")
    func noVoids() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        let filter = ActiveFilter(try ledger.state())
        #expect(filter.isActive("R1"))
    }
}
