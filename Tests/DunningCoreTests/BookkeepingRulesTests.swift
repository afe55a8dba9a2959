import DunningCore
import Foundation
import Testing

/// The checks bookkeeping input passes before a command writes it.
@Suite struct BookkeepingRulesTests {
    static let today = day("2026-11-23")

    /// C-1 with F2026-0455 (780.00 EUR, 100.00 paid with reference `OP 12`) and F2026-0456 (50.00 EUR).
    func ledger() -> LedgerFixture {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("F2026-0455", customer: "C-1", due: "2026-10-01", amount: 780)
        ledger.invoice("F2026-0456", customer: "C-1", due: "2026-10-15", amount: 50)
        ledger.add(.payment(PaymentRecord(invoice: "F2026-0455", date: day("2026-10-20"), amount: 100, currency: .euro, reference: "OP 12")),
                   id: "pay-1")
        return ledger
    }

    func payment(_ amount: Decimal, date: String = "2026-11-20", reference: String? = nil, overpayment: Bool = false,
                 invoice: String = "F2026-0455") -> PaymentRecord {
        PaymentRecord(invoice: invoice, date: day(date), amount: amount, currency: .euro, reference: reference, overpayment: overpayment)
    }

    func problem(_ body: () throws(EntryProblem) -> Void) -> EntryProblem? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("a payment up to what is open, dated today or before, with a new reference, passes")
    func plausiblePayment() throws {
        let state = try ledger().state()
        for record in [payment(680), payment(1, date: "2026-11-23", reference: "OP 13")] {
            #expect(problem { () throws(EntryProblem) in
                try BookkeepingRules.payment(record, isCredit: false, state: state, today: Self.today)
            } == nil)
        }
    }

    @Test("implausible payments and credit notes are refused, naming the input", arguments: [
        (7800, "2026-11-20", nil, false, false, "amount", "7800.00 EUR is more than the 680.00 EUR open on F2026-0455; if the customer really paid more, add --overpayment"),
        (681, "2026-11-20", nil, false, true, "amount", "681.00 EUR is more than the 680.00 EUR open on F2026-0455; if the credit note really is for more"),
        (10, "2026-11-24", nil, false, false, "date", "2026-11-24 is after today (2026-11-23): a payment is recorded once the money has arrived"),
        (10, "2026-11-20", "op12", false, false, "reference", "'op12' is already recorded on F2026-0455: pay-1, 100.00 EUR on 2026-10-20"),
        (10, "2026-11-20", nil, true, false, "overpayment", "10.00 EUR is not more than the 680.00 EUR open on F2026-0455: leave out --overpayment"),
    ] as [(Decimal, String, String?, Bool, Bool, String, String)])
    func implausiblePayment(amount: Decimal, date: String, reference: String?, overpayment: Bool, isCredit: Bool, field: String,
                            message: String) throws {
        let state = try ledger().state()
        let record = payment(amount, date: date, reference: reference, overpayment: overpayment)
        let found = problem { () throws(EntryProblem) in try BookkeepingRules.payment(record, isCredit: isCredit, state: state, today: Self.today) }
        #expect(found?.field == field && found?.message.hasPrefix(message) == true, "\(String(describing: found))")
    }

    @Test("a reference on a payment does not clash with a credit note's, and a voided payment's reference is free again")
    func referencesPerKind() throws {
        var ledger = ledger()
        let before = try ledger.state()
        #expect(problem { () throws(EntryProblem) in
            try BookkeepingRules.payment(payment(10, reference: "OP 12"), isCredit: true, state: before, today: Self.today)
        } == nil)
        ledger.add(.void(VoidRecord(ref: "pay-1", reason: "typo")))
        let state = try ledger.state()
        #expect(problem { () throws(EntryProblem) in
            try BookkeepingRules.payment(payment(10, reference: "OP 12"), isCredit: false, state: state, today: Self.today)
        } == nil)
    }

    @Test("an over-payment that really happened passes with the flag, also on an invoice paid in full")
    func overpayment() throws {
        var ledger = ledger()
        ledger.pay("F2026-0456", 50, on: "2026-10-20")
        let state = try ledger.state()
        #expect(problem { () throws(EntryProblem) in
            try BookkeepingRules.payment(payment(7800, overpayment: true), isCredit: false, state: state, today: Self.today)
        } == nil)
        let paid = problem { () throws(EntryProblem) in
            try BookkeepingRules.payment(payment(5, invoice: "F2026-0456"), isCredit: false, state: state, today: Self.today)
        }
        #expect(paid?.message.hasPrefix("5.00 EUR is more than what is open on F2026-0456 (nothing: it is paid in full)") == true, "\(String(describing: paid))")
    }

    @Test("unknown ids name themselves and a near match that differs in case or punctuation")
    func unknownIDs() throws {
        let state = try ledger().state()
        let invoice = problem { () throws(EntryProblem) in _ = try BookkeepingRules.invoice("f20260455", in: state) }
        #expect(invoice == EntryProblem(field: "invoice", message: "unknown invoice 'f20260455' (did you mean 'F2026-0455'?)"))
        let customer = problem { () throws(EntryProblem) in try BookkeepingRules.subject(.customer("K9999"), in: state) }
        #expect(customer == EntryProblem(field: "customer", message: "unknown customer 'K9999'"))
        #expect(BookkeepingRules.unknown(.customer("c 1"), in: state) == "unknown customer 'c 1' (did you mean 'C-1'?)")
    }

    @Test("a dispute needs something open; a promise or hold must not end before today")
    func disputeAndUntil() throws {
        var ledger = ledger()
        ledger.pay("F2026-0456", 50, on: "2026-10-20")
        let state = try ledger.state()
        #expect(problem { () throws(EntryProblem) in try BookkeepingRules.dispute(invoice: "F2026-0455", state: state) } == nil)
        let paid = problem { () throws(EntryProblem) in try BookkeepingRules.dispute(invoice: "F2026-0456", state: state) }
        #expect(paid?.field == "invoice" && paid?.message.hasPrefix("F2026-0456 is paid in full") == true)
        #expect(problem { () throws(EntryProblem) in try BookkeepingRules.until(Self.today, of: "a hold", today: Self.today) } == nil)
        let past = problem { () throws(EntryProblem) in try BookkeepingRules.until(day("2026-11-22"), of: "a promise", today: Self.today) }
        #expect(past == EntryProblem(field: "until", message: "2026-11-22 is in the past (today is 2026-11-23): a promise must end today or later"))
    }

    @Test("resolve and void refuse what is already resolved, settled or voided; a Message-ID is found with or without <>")
    func resolveAndVoid() throws {
        var ledger = ledger()
        ledger.add(.dispute(DisputeRecord(invoice: "F2026-0455", reason: "x")), id: "dsp-1")
        ledger.add(.hold(HoldRecord(subject: .customer("C-1"), reason: "x")), id: "hld-1")
        ledger.reminder("C-1", step: "reminder", invoices: ["F2026-0455"], at: "2026-11-01T09:00:00Z", states: [.sending, .uncertain],
                        messageID: "m1@dunning.test")
        func resolve(_ ref: String, _ outcome: ResolveOutcome? = nil, _ state: LedgerState) -> Result<String, EntryProblem> {
            Result { () throws(EntryProblem) in try BookkeepingRules.resolve(ref: ref, outcome: outcome, state: state) }
        }
        var state = try ledger.state()
        #expect(try resolve("dsp-1", nil, state).get() == "dsp-1")
        #expect(try resolve("<m1@dunning.test>", .sent, state).get() == "m1@dunning.test")
        #expect(try resolve("m1@dunning.test", .notSent, state).get() == "m1@dunning.test")
        #expect(resolve("m1@dunning.test", nil, state) == .failure(EntryProblem(field: "outcome", message: "settling message 'm1@dunning.test' needs --outcome sent or not-sent")))
        #expect(resolve("pay-1", nil, state) == .failure(EntryProblem(field: "ref", message: "'pay-1' is a payment; resolve ends a dispute, hold, promise or arrangement, or settles an uncertain send (by its Message-ID)")))

        ledger.add(.resolve(ResolveRecord(ref: "dsp-1")), id: "res-1")
        ledger.add(.resolve(ResolveRecord(ref: "m1@dunning.test", outcome: .sent)), id: "res-2")
        ledger.add(.void(VoidRecord(ref: "hld-1", reason: "wrong customer")), id: "void-1")
        state = try ledger.state()
        #expect(resolve("dsp-1", nil, state) == .failure(EntryProblem(field: "ref", message: "dispute 'dsp-1' is already resolved (by res-1)")))
        #expect(resolve("<m1@dunning.test>", .notSent, state) == .failure(EntryProblem(field: "ref",
            message: "message 'm1@dunning.test' is already settled as sent (by res-2); to change that, void res-2 first")))
        #expect(resolve("hld-1", nil, state) == .failure(EntryProblem(field: "ref", message: "hold 'hld-1' is voided (by void-1): there is nothing to resolve")))
        let void = problem { () throws(EntryProblem) in try BookkeepingRules.void(ref: "hld-1", state: state) }
        #expect(void == EntryProblem(field: "ref", message: "hold 'hld-1' is already voided (by void-1)"))
        #expect(problem { () throws(EntryProblem) in try BookkeepingRules.void(ref: "void-1", state: state) } == nil)
        #expect(problem { () throws(EntryProblem) in try BookkeepingRules.void(ref: "nothere", state: state) }
            == EntryProblem(field: "ref", message: "no record with id 'nothere'"))
    }
}
