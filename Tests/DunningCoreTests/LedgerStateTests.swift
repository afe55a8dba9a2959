import DunningCore
import Foundation
import Testing

@Suite struct LedgerStateTests {
    func failure(_ fixture: LedgerFixture) -> LedgerStateError? {
        do { _ = try fixture.state() } catch { return error as? LedgerStateError }
        return nil
    }

    @Test("the same invoice twice is idempotent; other data under the same id is an error at its line")
    func duplicateInvoice() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 1_000)
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 1_000)
        let state = try ledger.state()
        #expect(state.invoice("INV-1")?.amount == 1_000)
        #expect(state.customers["C-1"]?.invoices == ["INV-1"])
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 999)
        let error = try #require(failure(ledger))
        #expect(error.position == 4)
        #expect(error.reason == .conflictingInvoice("INV-1"))
        #expect(error.description == "record 'R4': invoice 'INV-1' already exists with other data")
    }

    @Test("records about unknown invoices, customers and refs are errors")
    func unknowns() {
        var base = LedgerFixture()
        base.customer("C-1")
        base.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 100)

        var payment = base
        payment.pay("INV-9", 10, on: "2026-10-02")
        #expect(failure(payment)?.reason == .unknownInvoice("INV-9"))

        var invoice = base
        invoice.invoice("INV-2", customer: "C-9", due: "2026-10-01", amount: 1)
        #expect(failure(invoice)?.reason == .unknownCustomer("C-9"))

        var dispute = base
        dispute.add(.dispute(DisputeRecord(invoice: "INV-9", reason: "wrong")))
        #expect(failure(dispute)?.reason == .unknownInvoice("INV-9"))

        var void = base
        void.add(.void(VoidRecord(ref: "nope", reason: "typo")))
        #expect(failure(void)?.reason == .unknownRef("nope"))

        var resolve = base
        resolve.add(.resolve(ResolveRecord(ref: "nope")))
        #expect(failure(resolve)?.reason == .unknownRef("nope"))

        var resolvePayment = base
        resolvePayment.pay("INV-1", 10, on: "2026-10-02")
        resolvePayment.add(.resolve(ResolveRecord(ref: "R3")))
        #expect(failure(resolvePayment)?.reason == .notResolvable(ref: "R3", type: "payment"))

        var duplicateID = base
        duplicateID.add(.note(NoteRecord(subject: .customer("C-1"), text: "x")), id: "R1")
        #expect(failure(duplicateID)?.reason == .duplicateRecordID("R1"))
    }

    @Test("a payment in another currency than its invoice is refused")
    func currency() {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 100)
        ledger.pay("INV-1", 100, on: "2026-10-02", currency: ron)
        #expect(failure(ledger)?.reason == .currencyMismatch(invoice: "INV-1", invoiceCurrency: "EUR", recordCurrency: "RON"))
    }

    @Test("an arrangement may not mix customers or currencies")
    func mixedArrangement() {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.customer("C-2")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 100)
        ledger.invoice("INV-2", customer: "C-2", due: "2026-10-01", amount: 100)
        ledger.invoice("INV-3", customer: "C-1", due: "2026-10-01", amount: 100, currency: ron)
        let plan = [Instalment(due: day("2026-12-01"), amount: 100)]
        var customers = ledger
        customers.add(.arrangement(ArrangementRecord(invoices: ["INV-1", "INV-2"], instalments: plan)))
        guard case .mixedArrangement = failure(customers)?.reason else { Issue.record("customers not refused"); return }
        var currencies = ledger
        currencies.add(.arrangement(ArrangementRecord(invoices: ["INV-1", "INV-3"], instalments: plan)))
        guard case .mixedArrangement = failure(currencies)?.reason else { Issue.record("currencies not refused"); return }
    }

    @Test("a failing record leaves the state as it was")
    func atomic() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        var state = try ledger.state()
        let bad = LedgerRecord(id: "X", at: instant("2026-01-01T00:00:00Z"),
                               body: .payment(PaymentRecord(invoice: "INV-1", date: day("2026-01-01"), amount: 1, currency: .euro)))
        #expect(throws: LedgerStateError.self) { try state.apply(bad, position: 2) }
        #expect(state.count == 1)
        // The id was not taken by the failed record.
        try state.apply(LedgerRecord(id: "X", at: bad.at, body: .note(NoteRecord(subject: .customer("C-1"), text: "ok"))), position: 3)
    }

    @Test("customers are upserts: the latest record's fields count")
    func upsert() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1", email: "old@example.nl")
        ledger.customer("C-1", email: "new@example.nl")
        #expect(try ledger.state().customer("C-1")?.email == "new@example.nl")
    }

    @Test("a voided payment no longer counts; voiding the void restores it")
    func voids() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 1_000)
        let payment = ledger.pay("INV-1", 400, on: "2026-10-05")
        #expect(Balances.customer("C-1", in: try ledger.state()).invoices.first?.open == 600)
        let void = ledger.add(.void(VoidRecord(ref: payment, reason: "wrong invoice")))
        #expect(Balances.customer("C-1", in: try ledger.state()).invoices.first?.open == 1_000)
        ledger.add(.void(VoidRecord(ref: void, reason: "it was right")))
        #expect(Balances.customer("C-1", in: try ledger.state()).invoices.first?.open == 600)
    }

    @Test("a voided invoice or customer is unknown to later records; a reused invoice id has the new currency")
    func voidedVersions() throws {
        var base = LedgerFixture()
        base.customer("C-1")
        let euro = base.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 100)
        let void = base.add(.void(VoidRecord(ref: euro, reason: "wrong")))

        var payment = base
        payment.pay("INV-1", 10, on: "2026-10-02")
        #expect(failure(payment)?.reason == .unknownInvoice("INV-1"))
        var dispute = base
        dispute.add(.dispute(DisputeRecord(invoice: "INV-1", reason: "x")))
        #expect(failure(dispute)?.reason == .unknownInvoice("INV-1"))

        var reused = base
        reused.invoice("INV-1", customer: "C-1", due: "2026-11-01", amount: 50, currency: ron)
        reused.pay("INV-1", 10, on: "2026-11-02", currency: ron)
        #expect(try reused.state().invoices["INV-1"]?.payments.count == 1)
        var wrong = reused
        wrong.pay("INV-1", 10, on: "2026-11-02")
        #expect(failure(wrong)?.reason == .currencyMismatch(invoice: "INV-1", invoiceCurrency: "RON", recordCurrency: "EUR"))

        // Voiding the void puts the euro invoice back in force, ahead of the later one.
        var restored = reused
        restored.add(.void(VoidRecord(ref: void, reason: "it was right")))
        restored.pay("INV-1", 10, on: "2026-11-03")
        #expect(try restored.state().invoices["INV-1"]?.payments.count == 2)
        restored.pay("INV-1", 10, on: "2026-11-03", currency: ron)
        #expect(failure(restored)?.reason == .currencyMismatch(invoice: "INV-1", invoiceCurrency: "EUR", recordCurrency: "RON"))

        var customer = LedgerFixture()
        let record = customer.customer("C-2")
        customer.add(.void(VoidRecord(ref: record, reason: "duplicate")))
        var note = customer
        note.add(.note(NoteRecord(subject: .customer("C-2"), text: "x")))
        #expect(failure(note)?.reason == .unknownCustomer("C-2"))
        customer.invoice("INV-2", customer: "C-2", due: "2026-10-01", amount: 1)
        #expect(failure(customer)?.reason == .unknownCustomer("C-2"))
    }

    @Test("a chunk of records is folded from its first line on, up to the first that fails")
    func chunk() {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 100)
        ledger.pay("INV-9", 10, on: "2026-10-02")
        ledger.pay("INV-1", 10, on: "2026-10-02")
        var state = LedgerState()
        #expect(throws: LedgerStateError(position: 42, recordID: "R3", reason: .unknownInvoice("INV-9"))) {
            try state.apply(ledger.records, firstLine: 40)
        }
        #expect(state.count == 2)
        #expect(state.invoices["INV-1"]?.payments.isEmpty == true)
        #expect(state.invoices["INV-1"]?.versions.first?.position == 41)
    }

    @Test("resolve ends a dispute; a resolved uncertain send needs an outcome")
    func resolve() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 100)
        let dispute = ledger.add(.dispute(DisputeRecord(invoice: "INV-1", reason: "not delivered")))
        #expect(!(try ledger.state()).isResolved(dispute))
        ledger.add(.resolve(ResolveRecord(ref: dispute, note: "delivered after all")))
        #expect(try ledger.state().isResolved(dispute))
        ledger.reminder("C-1", step: "reminder", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z",
                        states: [.sending, .uncertain], messageID: "<abc@dunning.test>")
        var missing = ledger
        missing.add(.resolve(ResolveRecord(ref: "<abc@dunning.test>")))
        #expect(failure(missing)?.reason == .outcomeRequired(messageID: "<abc@dunning.test>"))
        ledger.add(.resolve(ResolveRecord(ref: "abc@dunning.test", outcome: .sent)))
        #expect(try ledger.state().messages["abc@dunning.test"]?.settlements.map(\.value) == [.sent])
    }

    @Test("unknown record types are skipped")
    func unknownType() throws {
        var ledger = LedgerFixture()
        ledger.add(.unknown(type: "from-the-future"))
        ledger.customer("C-1")
        let state = try ledger.state()
        #expect(state.count == 2)
        #expect(state.customers.count == 1)
    }

    @Test("over-payment settles the invoice and its surplus is applied oldest-first")
    func credit() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-09-01", amount: 100)
        ledger.invoice("INV-2", customer: "C-1", due: "2026-10-01", amount: 200)
        ledger.invoice("INV-3", customer: "C-1", due: "2026-08-01", amount: 30)
        ledger.invoice("INV-4", customer: "C-1", due: "2026-07-01", amount: 500, currency: ron)
        ledger.pay("INV-1", 180, on: "2026-09-05")   // 80 too much
        let (balances, credits) = Balances.customer("C-1", in: try ledger.state())
        let open = Dictionary(uniqueKeysWithValues: balances.map { ($0.invoice.invoice, $0.open) })
        // 80 surplus: INV-3 (due 08-01) gets 30, INV-2 gets 50; RON is never touched.
        #expect(open == ["INV-1": 0, "INV-2": 150, "INV-3": 0, "INV-4": 500])
        let credit = try #require(credits.first)
        #expect(credits.count == 1)
        #expect(credit.surplus == 80 && credit.applied == 80 && credit.remaining == 0)
        #expect(credit.appliedTo.map(\.invoice) == ["INV-3", "INV-2"])
    }

    @Test("a Message-ID with or without <> names the same message", arguments: [
        ("<abc@host>", "abc@host"), ("abc@host", "abc@host"), ("<>", ""), ("<", "<"), (">", ">"), ("<abc", "<abc"),
        // A combining mark right after `<` makes the first character another one.
        ("abc>", "abc>"), ("<é@host>", "é@host"), ("<a\u{301}>", "a\u{301}"), ("<\u{301}x>", "<\u{301}x>"),
    ])
    func normalizedMessageID(id: String, expected: String) {
        #expect(LedgerState.normalizedMessageID(id) == expected)
    }

    @Test("a record's type names every kind as the ledger writes it")
    func recordTypes() {
        let at = Date(timeIntervalSince1970: 0)
        #expect(LedgerRecord(id: "x", at: at, body: .contactCheck(ContactCheckRecord(
            customer: "C", channel: .email, address: "a@b", result: .valid, reason: "ok"))).type == "contact-check")
        #expect(LedgerRecord(id: "x", at: at, body: .void(VoidRecord(ref: "y", reason: "r"))).type == "void")
        #expect(LedgerRecord(id: "x", at: at, body: .unknown(type: "sms")).type == "sms")
    }

    @Test("digest records are kept in ledger order with their line; a voided one stays listed but inactive")
    func digests() throws {
        var ledger = LedgerFixture()
        let first = ledger.add(.digest(DigestRecord(date: day("2026-11-20"), to: "b@voorbeeld.nl", messageID: "d1@voorbeeld.nl")))
        ledger.customer("C-1")
        ledger.add(.digest(DigestRecord(date: day("2026-11-23"), to: "b@voorbeeld.nl", messageID: "d2@voorbeeld.nl")))
        ledger.add(.void(VoidRecord(ref: first, reason: "sent to the wrong address")))
        let state = try ledger.state()
        #expect(state.digests.map(\.value.date) == [day("2026-11-20"), day("2026-11-23")])
        #expect(state.digests.map(\.position) == [1, 3])
        #expect(!state.isActive(first) && state.isActive(state.digests[1].recordID))
    }
}
