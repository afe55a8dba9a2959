import DunningCore
import Foundation
import Testing

/// `LedgerLoader` claims ids on another thread one chunk ahead of the fold; whatever the
/// chunking, its outcome must be exactly `LedgerState.apply`'s.
@Suite struct LedgerLoaderTests {
    /// Every kind of cross-reference: voids (of a payment, of an invoice, of a void), a
    /// resolve of a dispute and of an uncertain message, an unknown type, reminders.
    static func richLedger() -> LedgerFixture {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.customer("C-2", kind: .consumer)
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 100)
        ledger.invoice("INV-2", customer: "C-2", due: "2026-10-05", amount: 250)
        let payment = ledger.pay("INV-1", 40, on: "2026-10-03")
        ledger.add(.unknown(type: "from-the-future"))
        let dispute = ledger.add(.dispute(DisputeRecord(invoice: "INV-2", reason: "not delivered")))
        let void = ledger.add(.void(VoidRecord(ref: payment, reason: "bounced")))
        ledger.add(.void(VoidRecord(ref: void, reason: "it did arrive")))
        ledger.reminder("C-2", step: "reminder", invoices: ["INV-2"], at: "2026-10-20T09:00:00Z",
                        states: [.sending, .uncertain], messageID: "<u1@dunning.test>")
        ledger.add(.resolve(ResolveRecord(ref: dispute, note: "delivered after all")))
        ledger.add(.resolve(ResolveRecord(ref: "u1@dunning.test", outcome: .sent)))
        let third = ledger.invoice("INV-3", customer: "C-1", due: "2026-11-01", amount: 75)
        ledger.add(.void(VoidRecord(ref: third, reason: "entered twice")))
        ledger.invoice("INV-3", customer: "C-2", due: "2026-11-02", amount: 80)
        ledger.pay("INV-3", 80, on: "2026-11-03")
        ledger.reminder("C-1", step: "reminder", invoices: ["INV-1"], at: "2026-10-10T09:00:00Z")
        return ledger
    }

    /// What `apply` makes of `records` from line 1, and the error it stopped at.
    static func sequential(_ records: [LedgerRecord]) -> (LedgerState, LedgerStateError?) {
        var state = LedgerState()
        do {
            try state.apply(records, firstLine: 1)
            return (state, nil)
        } catch {
            return (state, error)
        }
    }

    /// What a `LedgerLoader` makes of `records` handed over `size` at a time.
    static func loaded(_ records: [LedgerRecord], chunk size: Int) -> (LedgerState, LedgerStateError?) {
        let loader = LedgerLoader(LedgerState())
        var failure: LedgerStateError?
        do {
            for start in stride(from: 0, to: records.count, by: size) {
                try loader.add(Array(records[start..<min(start + size, records.count)]), firstLine: start + 1)
            }
        } catch {
            failure = error
        }
        do {
            return (try loader.finish(), failure)
        } catch {
            return (try! loader.finish(), failure ?? error)
        }
    }

    /// Compares what the planner and the CLI can see of two states, ids included.
    static func expectSame(_ got: LedgerState, _ expected: LedgerState, ids: [String],
                           sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.count == expected.count, sourceLocation: sourceLocation)
        #expect(got.customers == expected.customers, sourceLocation: sourceLocation)
        #expect(got.invoices == expected.invoices, sourceLocation: sourceLocation)
        #expect(got.messages == expected.messages, sourceLocation: sourceLocation)
        #expect(got.voided == expected.voided, sourceLocation: sourceLocation)
        for id in ids {
            #expect(got.contains(recordID: id) == expected.contains(recordID: id), "id \(id)", sourceLocation: sourceLocation)
            #expect(got.isResolved(id) == expected.isResolved(id), "resolved \(id)", sourceLocation: sourceLocation)
        }
    }

    @Test("a good ledger loads to the same state as apply, in chunks of 1, 2, 3, 5, 7 or all")
    func equivalent() throws {
        let records = Self.richLedger().records
        let (expected, error) = Self.sequential(records)
        #expect(error == nil)
        #expect(expected.invoice("INV-3")?.customer == "C-2")
        for size in [1, 2, 3, 5, 7, records.count] {
            let (got, failure) = Self.loaded(records, chunk: size)
            #expect(failure == nil, "chunks of \(size)")
            Self.expectSame(got, expected, ids: records.map(\.id))
        }
    }

    @Test("a bad record stops the load at the same line with the same error, and nothing of it or after it is kept",
          arguments: [
              // A repeated id, close behind and far behind the first.
              LedgerRecord(id: "R4", at: instant("2026-10-04T10:00:00Z"), body: .note(NoteRecord(subject: .customer("C-1"), text: "x"))),
              LedgerRecord(id: "R1", at: instant("2026-10-04T10:00:00Z"), body: .note(NoteRecord(subject: .customer("C-1"), text: "x"))),
              // A payment for an invoice nobody recorded.
              LedgerRecord(id: "X1", at: instant("2026-10-04T10:00:00Z"),
                           body: .payment(PaymentRecord(invoice: "INV-9", date: day("2026-10-04"), amount: 5, currency: .euro))),
              // A void of a record that comes later in the file (the loader has claimed it already).
              LedgerRecord(id: "X2", at: instant("2026-10-04T10:00:00Z"), body: .void(VoidRecord(ref: "R18", reason: "early"))),
              // A void of itself.
              LedgerRecord(id: "X3", at: instant("2026-10-04T10:00:00Z"), body: .void(VoidRecord(ref: "X3", reason: "self"))),
          ])
    func badRecord(_ bad: LedgerRecord) throws {
        let good = Self.richLedger().records
        for insertAt in [4, 9, 15] {
            var records = good
            records.insert(bad, at: insertAt)
            let (expected, expectedError) = Self.sequential(records)
            let error = try #require(expectedError, "the record is bad at index \(insertAt)")
            #expect(error.position == insertAt + 1)
            for size in [1, 2, 3, 4, 6, records.count] {
                let (got, failure) = Self.loaded(records, chunk: size)
                #expect(failure == error, "chunks of \(size), bad record at \(insertAt)")
                Self.expectSame(got, expected, ids: records.map(\.id))
            }
        }
    }

    @Test("after an error, more chunks are ignored and finish gives the state before the bad record")
    func afterError() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.pay("INV-9", 10, on: "2026-10-02")
        ledger.customer("C-2")
        let loader = LedgerLoader(LedgerState())
        try loader.add(Array(ledger.records[0..<2]), firstLine: 1)
        #expect(throws: LedgerStateError(position: 2, recordID: "R2", reason: .unknownInvoice("INV-9"))) {
            try loader.add(Array(ledger.records[2...]), firstLine: 3)
        }
        try loader.add(Array(ledger.records[2...]), firstLine: 3)
        let state = try loader.finish()
        #expect(state.count == 1)
        #expect(state.customer("C-1") != nil)
        #expect(state.customer("C-2") == nil)
        #expect(!state.contains(recordID: "R2") && !state.contains(recordID: "R3"))
    }
}
