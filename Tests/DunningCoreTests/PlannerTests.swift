import DunningCore
import Foundation
import Testing

func makePlan(_ ledger: LedgerFixture, _ config: DunningConfig = config(), asOf: String = "2026-11-23") throws -> Plan {
    Planner.plan(config: config, state: try ledger.state(), asOf: Planner.asOfInstant(for: day(asOf), config: config))
}

extension Plan {
    func only(_ customer: String) throws -> PlanItem {
        let found = items.filter { $0.customer == customer }
        try #require(found.count == 1, "expected one item for \(customer), got \(found.count)")
        return found[0]
    }
}

/// 2026-11-23 is a Monday; the send window opens at 09:00 Europe/Amsterdam.
@Suite struct PlannerTests {
    var ledger: LedgerFixture = {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 1_000)
        return ledger
    }()

    @Test("--as-of D is D at the window opening in the company zone")
    func asOfInstant() {
        #expect(Planner.asOfInstant(for: day("2026-11-23"), config: config()) == instant("2026-11-23T08:00:00Z"))
        #expect(Planner.asOfInstant(for: day("2026-06-01"), config: config()) == instant("2026-06-01T07:00:00Z"))
    }

    @Test("notice with EUR 40 and yearly interest: 1000 × 12.25 % × 53/365 = 17.79, total 1057.79")
    func notice() throws {
        var ledger = ledger
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-1"], at: "2026-10-20T09:00:00Z")
        let item = try makePlan(ledger, config(rates: ["nl-commercial": nlCommercial])).only("C-1")
        // herinnering sent 2026-10-20 → aanmaning due 14d later, 2026-11-03.
        #expect(item.step == "aanmaning" && item.status == .due && item.blocked == nil)
        #expect(item.stepDueOn == day("2026-11-03"))
        #expect(item.to == "jan@example.nl")
        // Interest 2026-10-02 … 2026-11-23 = 30 + 23 = 53 days at 12.25 %.
        #expect(item.costs == 40)
        #expect(item.interest == money("17.79"))
        #expect(item.total == money("1057.79"))
        #expect(item.invoices.map(\.daysOverdue) == [53])
        #expect(item.payBy == day("2026-12-07"))
        #expect(item.previousStep == "herinnering" && item.previousStepOn == day("2026-10-20"))
        #expect(item.detail?.contains("verifies it before sending") == true)
    }

    @Test("one item per customer, step and currency; later invoices at the same step go along")
    func grouping() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-2")
        ledger.invoice("INV-3", customer: "C-2", due: "2026-11-15", amount: 50)   // 8 days, its own step on 11-29
        ledger.invoice("INV-2", customer: "C-2", due: "2026-11-01", amount: 100)  // 22 days: herinnering due 11-15
        ledger.invoice("INV-4", customer: "C-2", due: "2026-11-01", amount: 500, currency: ron)
        ledger.customer("C-0")
        ledger.invoice("INV-5", customer: "C-0", due: "2026-11-18", amount: 70)   // 5 days: waiting until 12-02
        ledger.invoice("INV-6", customer: "C-0", due: "2026-11-21", amount: 70)   // 2 days: inside the 3-day grace
        let plan = try makePlan(ledger)
        #expect(plan.items.map(\.customer) == ["C-0", "C-2", "C-2"])
        let waiting = plan.items[0]
        #expect(waiting.status == .waiting && waiting.stepDueOn == day("2026-12-02"))
        #expect(waiting.invoices.map(\.id) == ["INV-5"])
        #expect(plan.items[1].invoices.map(\.id) == ["INV-2", "INV-3"])
        #expect(plan.items[1].currency == .euro && plan.items[1].total == 150)
        #expect(plan.items[2].currency == ron && plan.items[2].status == .due)
    }

    @Test("steps wait for each other: a sent notice leads to the call task, then the handover")
    func cadence() throws {
        var ledger = ledger
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z")
        ledger.reminder("C-1", step: "aanmaning", invoices: ["INV-1"], at: "2026-10-29T09:00:00Z")
        let call = try makePlan(ledger).only("C-1")
        #expect(call.step == "bellen" && call.channel == .task && call.to == "+31201234567" && call.status == .due)
        ledger.add(.task(TaskRecord(customer: "C-1", invoices: ["INV-1"], kind: .call, text: "called", step: "bellen")),
                   at: "2026-11-20T10:00:00Z")
        let handover = try makePlan(ledger).only("C-1")
        #expect(handover.step == "incasso" && handover.to == nil && handover.status == .waiting)
        #expect(handover.stepDueOn == day("2026-12-04"))
        ledger.add(.handover(HandoverRecord(customer: "C-1", invoices: ["INV-1"], file: "d.tar", step: "incasso")),
                   at: "2026-12-04T10:00:00Z")
        #expect(try makePlan(ledger, asOf: "2026-12-07").items.isEmpty)
    }

    @Test("a due handover needs the customer's name and address (the CSV's address column): blocked contact-invalid without")
    func handoverNeedsAddress() throws {
        var ledger = ledger
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z")
        ledger.reminder("C-1", step: "aanmaning", invoices: ["INV-1"], at: "2026-10-29T09:00:00Z")
        ledger.add(.task(TaskRecord(customer: "C-1", invoices: ["INV-1"], kind: .call, text: "called", step: "bellen")),
                   at: "2026-11-20T10:00:00Z")
        let blocked = try makePlan(ledger, asOf: "2026-12-04").only("C-1")
        #expect(blocked.step == "incasso" && blocked.status == .blocked && blocked.blocked == .contactInvalid)
        #expect(blocked.detail == "a handover needs the customer's address (the customers CSV's address column)")
        ledger.add(.customer(CustomerRecord(customer: "C-1", name: "Klant C-1", email: "jan@example.nl", phone: "+31201234567",
                                            kind: .business, country: "NL", language: "nl",
                                            extra: ["address": "Oudegracht 12, 3511 AP Utrecht"])))
        let due = try makePlan(ledger, asOf: "2026-12-04").only("C-1")
        #expect(due.step == "incasso" && due.status == .due && due.blocked == nil)
    }

    @Test("a send without outcome blocks as uncertain-send until resolved; not-sent makes it due again")
    func uncertain() throws {
        var ledger = ledger
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-1"], at: "2026-11-02T09:00:00Z",
                        states: [.sending], messageID: "<m1@dunning.test>")
        let blocked = try makePlan(ledger).only("C-1")
        #expect(blocked.step == "herinnering" && blocked.blocked == .uncertainSend)
        #expect(blocked.detail?.contains("m1@dunning.test") == true)
        var notSent = ledger
        notSent.add(.resolve(ResolveRecord(ref: "<m1@dunning.test>", outcome: .notSent)))
        let again = try makePlan(notSent).only("C-1")
        #expect(again.step == "herinnering" && again.status == .due)
        ledger.add(.resolve(ResolveRecord(ref: "<m1@dunning.test>", outcome: .sent)))
        let next = try makePlan(ledger).only("C-1")
        #expect(next.step == "aanmaning" && next.stepDueOn == day("2026-11-16") && next.status == .due)
    }

    @Test("deferred waits for its retry; failed is not re-sent to the same address", arguments: [
        ([ReminderState.sending, .deferred], BlockReason.deferred),
        ([ReminderState.sending, .failed], BlockReason.contactInvalid),
    ])
    func deliveryStates(states: [ReminderState], reason: BlockReason) throws {
        var ledger = ledger
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-1"], at: "2026-11-20T09:00:00Z", states: states)
        #expect(try makePlan(ledger).only("C-1").blocked == reason)
        ledger.customer("C-1", email: "nieuw@example.nl")
        let afterNewAddress = try makePlan(ledger).only("C-1")
        #expect(afterNewAddress.blocked == (reason == .deferred ? .deferred : nil))
    }

    @Test("contact checks of the current address decide", arguments: [
        (ContactResult.invalid, Verification.Mode.enforce, false, BlockReason?.some(.contactInvalid)),
        (ContactResult.unverified, Verification.Mode.enforce, false, BlockReason?.some(.contactUnverified)),
        (ContactResult.unverified, Verification.Mode.enforce, true, BlockReason?.none),
        (ContactResult.unverified, Verification.Mode.advisory, false, BlockReason?.none),
        (ContactResult.valid, Verification.Mode.enforce, false, BlockReason?.none),
    ])
    func contact(result: ContactResult, mode: Verification.Mode, allow: Bool, expected: BlockReason?) throws {
        var ledger = ledger
        ledger.add(.contactCheck(ContactCheckRecord(customer: "C-1", channel: .email, address: "jan@example.nl",
                                                    result: result, reason: "test")), at: "2026-11-20T09:00:00Z")
        let config = config(verification: Verification(mode: mode, allowUnverified: allow))
        #expect(try makePlan(ledger, config).only("C-1").blocked == expected)
    }

    @Test("a hard bounce blocks the address until a later check finds it valid")
    func bounce() throws {
        var ledger = ledger
        ledger.add(.bounce(BounceRecord(address: "Jan@Example.nl", kind: .hard, status: "5.1.1", diagnostic: "no such user")),
                   at: "2026-11-10T09:00:00Z")
        let item = try makePlan(ledger).only("C-1")
        #expect(item.blocked == .contactInvalid && item.detail?.contains("5.1.1") == true)
        ledger.add(.contactCheck(ContactCheckRecord(customer: "C-1", channel: .email, address: "jan@example.nl",
                                                    result: .valid, reason: "mx ok")), at: "2026-11-20T09:00:00Z")
        #expect(try makePlan(ledger).only("C-1").status == .due)
    }

    @Test("a disputed invoice is taken out; if nothing is left the item is blocked dispute")
    func dispute() throws {
        var ledger = ledger
        ledger.invoice("INV-2", customer: "C-1", due: "2026-10-02", amount: 200)
        let dispute = ledger.add(.dispute(DisputeRecord(invoice: "INV-1", reason: "not delivered")))
        let item = try makePlan(ledger).only("C-1")
        #expect(item.invoices.map(\.id) == ["INV-2"] && item.excluded.map(\.id) == ["INV-1"] && item.total == 200)
        let second = ledger.add(.dispute(DisputeRecord(invoice: "INV-2", reason: "price")))
        let blocked = try makePlan(ledger).only("C-1")
        #expect(blocked.blocked == .dispute && blocked.invoices.count == 2)
        // Paused invoices still show what they amount to (1,000 + 200), without costs or interest.
        #expect(blocked.open == 1_200 && blocked.total == 1_200 && blocked.costs == 0)
        ledger.add(.resolve(ResolveRecord(ref: dispute)))
        ledger.add(.void(VoidRecord(ref: second, reason: "entered by mistake")))
        #expect(try makePlan(ledger).only("C-1").invoices.count == 2)
    }

    @Test("a promise pauses until its date + grace; broken, chasing resumes and a task is proposed")
    func promise() throws {
        var ledger = ledger
        ledger.add(.promise(PromiseRecord(subject: .customer("C-1"), until: day("2026-11-21"))), at: "2026-11-05T10:00:00Z")
        let paused = try makePlan(ledger)
        #expect(try paused.only("C-1").blocked == .promise)
        #expect(try paused.only("C-1").detail == "promise to pay until 2026-11-21 (+3 days grace)")
        #expect(paused.tasks.isEmpty)
        // 2026-11-25 > 11-21 + 3: broken.
        let broken = try makePlan(ledger, asOf: "2026-11-25")
        #expect(try broken.only("C-1").status == .due)
        #expect(broken.tasks.map(\.kind) == [.brokenPromise] && broken.tasks[0].invoices == ["INV-1"])
        ledger.add(.task(TaskRecord(customer: "C-1", invoices: ["INV-1"], kind: .brokenPromise, text: "called")),
                   at: "2026-11-25T10:00:00Z")
        #expect(try makePlan(ledger, asOf: "2026-11-25").tasks.isEmpty)
    }

    @Test("a hold pauses until its last day inclusive, or until resolved")
    func hold() throws {
        var ledger = ledger
        ledger.add(.hold(HoldRecord(subject: .customer("C-1"), until: day("2026-11-24"), reason: "bankruptcy check")))
        #expect(try makePlan(ledger, asOf: "2026-11-24").only("C-1").blocked == .hold)
        #expect(try makePlan(ledger, asOf: "2026-11-25").only("C-1").blocked == nil)
        let indefinite = ledger.add(.hold(HoldRecord(subject: .invoice("INV-1"), reason: "ask sales")))
        #expect(try makePlan(ledger, asOf: "2026-11-25").only("C-1").blocked == .hold)
        ledger.add(.resolve(ResolveRecord(ref: indefinite)))
        #expect(try makePlan(ledger, asOf: "2026-11-25").only("C-1").status == .due)
    }

    @Test("an arrangement replaces chasing; a missed instalment is chased for its amount")
    func arrangement() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-09-01", amount: 1_200)
        ledger.add(.arrangement(ArrangementRecord(invoices: ["INV-1"], instalments: [
            Instalment(due: day("2026-10-15"), amount: 400), Instalment(due: day("2026-11-15"), amount: 400),
            Instalment(due: day("2026-12-15"), amount: 400),
        ])), at: "2026-10-01T10:00:00Z")
        ledger.pay("INV-1", 400, on: "2026-10-14")
        // 11-15 + 3 days grace < 11-23 and only 400 of 800 due is paid.
        let missed = try makePlan(ledger).only("C-1")
        #expect(missed.status == .due && missed.arrangement == "R3")
        #expect(missed.missedInstalments == [MissedInstalment(due: day("2026-11-15"), amount: 400, unpaid: 400)])
        #expect(missed.open == 400 && missed.total == 400 && missed.costs == 0)
        // Chased once for it: the next step follows the policy's pace, not the next cycle.
        var chased = ledger
        chased.reminder("C-1", step: "herinnering", invoices: ["INV-1"], at: "2026-11-23T09:00:00Z")
        let paced = try makePlan(chased, asOf: "2026-11-24").only("C-1")
        #expect(paced.step == "aanmaning" && paced.status == .waiting && paced.stepDueOn == day("2026-12-07"))
        ledger.pay("INV-1", 400, on: "2026-11-16")
        let kept = try makePlan(ledger).only("C-1")
        #expect(kept.blocked == .arrangement)
        #expect(kept.detail == "instalment arrangement R3: next instalment EUR 400.00 due 2026-12-15")
    }

    @Test("below the policy minimum nothing is sent")
    func minimum() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: money("9.99"))
        #expect(try makePlan(ledger).only("C-1").blocked == .belowMinimum)
    }

    @Test("on a Saturday email waits for Monday 09:00; a call task does not")
    func window() throws {
        let item = try makePlan(ledger, asOf: "2026-11-21").only("C-1")
        #expect(item.blocked == .outsideWindow)
        #expect(item.detail == "next send window opens Mon 2026-11-23 09:00 Europe/Amsterdam")
        var ledger = ledger
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z")
        ledger.reminder("C-1", step: "aanmaning", invoices: ["INV-1"], at: "2026-10-29T09:00:00Z")
        #expect(try makePlan(ledger, asOf: "2026-11-21").only("C-1").status == .due)
    }

    @Test("customers no policy applies to are listed as not chased")
    func unchased() throws {
        var ledger = LedgerFixture()
        ledger.customer("P-1", kind: .consumer)
        ledger.invoice("INV-1", customer: "P-1", due: "2026-10-01", amount: 10)
        let plan = try makePlan(ledger)
        #expect(plan.items.isEmpty)
        #expect(plan.unchased.map(\.customer) == ["P-1"])
    }

    @Test("limitation: 5 years from the day after due, restarted by a sent reminder; warned 60 days ahead")
    func limitation() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2021-12-31", amount: 500)
        let rule = LimitationRule(country: "NL", kind: .business, period: .months(60), interruptedByReminder: true)
        // 2022-01-01 + 5y = 2027-01-01: 39 days after 2026-11-23.
        let plan = try makePlan(ledger, config(limitation: [rule]))
        #expect(plan.warnings.map(\.expires) == [day("2027-01-01")])
        #expect(plan.warnings.first?.daysLeft == 39)
        #expect(try plan.only("C-1").warnings.count == 1)
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-1"], at: "2022-06-01T09:00:00Z")
        // Restarted 2022-06-02 → barred from 2027-06-02: 191 days, no warning yet.
        #expect(try makePlan(ledger, config(limitation: [rule])).warnings.isEmpty)
    }
}

@Suite struct PlannerLedgerTests {
    @Test("the state is built incrementally: records applied after a plan change the next plan")
    func incremental() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 1_000)
        var state = try ledger.state()
        let cfg = config()
        let asOf = Planner.asOfInstant(for: day("2026-11-23"), config: cfg)
        #expect(Planner.plan(config: cfg, state: state, asOf: asOf).items.map(\.step) == ["herinnering"])
        let sent = LedgerRecord(id: "late-1", at: instant("2026-11-23T08:00:05Z"), body: .reminder(ReminderRecord(
            customer: "C-1", step: "herinnering", invoices: ["INV-1"], to: "jan@example.nl", messageID: "<x@y>", state: .sent)))
        try state.apply(sent, position: 3)
        let next = try Planner.plan(config: cfg, state: state, asOf: asOf).only("C-1")
        #expect(next.step == "aanmaning" && next.status == .waiting && next.stepDueOn == day("2026-12-07"))
        #expect(state.contains(recordID: "late-1") && !state.contains(recordID: "nope"))
    }

    @Test("an over-payment is credit applied to the oldest open invoice and reported in the plan")
    func credit() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-09-01", amount: 100)
        ledger.invoice("INV-2", customer: "C-1", due: "2026-10-01", amount: 300)
        ledger.pay("INV-1", 150, on: "2026-09-10")
        let plan = try makePlan(ledger)
        let item = try plan.only("C-1")
        // INV-1 settled (50 too much); INV-2: 300 − 50 = 250 open.
        #expect(item.invoices.map(\.id) == ["INV-2"] && item.open == 250)
        #expect(plan.credits.map(\.surplus) == [50] && plan.credits.first?.remaining == 0)
        #expect(PlanJSON.render(plan, extras: true).contains(#""credits":[{"customer":"C-1","currency":"EUR","sources":["INV-1"],"surplus":"50.00","applied":"50.00","remaining":"0.00"}]"#))
    }
}

@Suite struct PlannerCadenceTests {
    @Test("default policy: a late reminder is not overtaken by the notice before its pay-by date")
    func lateReminder() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 100)
        // Normal: reminder on day 14 (10-15), pay by 10-29; notice at due + 30 = 10-31.
        var normal = ledger
        normal.reminder("C-1", step: "reminder", invoices: ["INV-1"], at: "2026-10-15T09:00:00Z")
        #expect(try makePlan(normal, config(policies: [])).only("C-1").stepDueOn == day("2026-10-31"))
        // Late: reminder on 10-28 said "pay by 11-11"; the notice waits until 11-12.
        ledger.reminder("C-1", step: "reminder", invoices: ["INV-1"], at: "2026-10-28T09:00:00Z")
        let item = try makePlan(ledger, config(policies: []), asOf: "2026-11-05").only("C-1")
        #expect(item.step == "notice" && item.status == .waiting && item.stepDueOn == day("2026-11-12"))
    }

    @Test("a contact check older than max_age no longer blocks: the sender verifies again")
    func staleCheck() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-1", customer: "C-1", due: "2026-10-01", amount: 100)
        ledger.add(.contactCheck(ContactCheckRecord(customer: "C-1", channel: .email, address: "jan@example.nl",
                                                    result: .unverified, reason: "timeout")), at: "2026-10-01T09:00:00Z")
        let item = try makePlan(ledger).only("C-1")
        #expect(item.blocked == nil && item.detail?.contains("verifies it before sending") == true)
    }
}

@Suite struct PlannerGroupingTests {
    @Test("at a later step only invoices whose own date has come go along; the rest wait")
    func laterStep() throws {
        var ledger = LedgerFixture()
        ledger.customer("C-1")
        ledger.invoice("INV-A", customer: "C-1", due: "2026-10-01", amount: 100)
        ledger.invoice("INV-B", customer: "C-1", due: "2026-11-01", amount: 200)
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-A"], at: "2026-10-20T09:00:00Z")  // aanmaning 11-03
        ledger.reminder("C-1", step: "herinnering", invoices: ["INV-B"], at: "2026-11-20T09:00:00Z")  // aanmaning 12-04
        let plan = try makePlan(ledger)
        #expect(plan.items.map(\.step) == ["aanmaning", "aanmaning"])
        #expect(plan.items.map(\.status) == [.due, .waiting])
        #expect(plan.items.map { $0.invoices.map(\.id) } == [["INV-A"], ["INV-B"]])
        #expect(plan.items[1].stepDueOn == day("2026-12-04"))
    }
}
