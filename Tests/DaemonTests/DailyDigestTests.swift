@testable import Daemon
import DunningCore
import Foundation
import Mail
import Testing

/// The digest's content, group by group, from a ledger in memory and a real plan.
@Suite struct DailyDigestTests {
    static let nbsp = "\u{00A0}"
    static let monday = DigestScheduleTests.day("2026-11-23")

    /// reminder 14d after due, notice 14d later, a call 7d later, a handover 14d later; 5-year
    /// limitation with a 60-day warning.
    static func config(locale: String = "nl_NL") -> DunningConfig {
        let company = Company(name: "Voorbeeld B.V.", from: "debiteuren@voorbeeld.nl", locale: locale,
                              timeZone: TimeZone(identifier: "Europe/Amsterdam")!)
        let policy = Policy(id: "standaard", steps: [
            PolicyStep(id: "reminder", after: .days(14), from: .due, template: "reminder", channel: .email),
            PolicyStep(id: "notice", after: .days(14), from: .previous, template: "notice", channel: .email),
            PolicyStep(id: "call", after: .days(7), from: .previous, channel: .task),
            PolicyStep(id: "handover", after: .days(14), from: .previous, channel: .handover),
        ])
        return DunningConfig(company: company, verification: Verification(mode: .off),
                             digest: Digest(to: "boekhouding@voorbeeld.nl"), policies: [policy],
                             limitation: [LimitationRule(country: "NL", period: .months(60), interruptedByReminder: false)])
    }

    /// Monday 2026-11-23 09:00 in Amsterdam: the plan's as-of and the real time.
    static let now = DigestScheduleTests.at("2026-11-23T08:00:00Z")

    /// Ten customers, each with one story; the previous digest (Friday's) sits between the
    /// old history and what happened since.
    static func busyLedger(handoverAddress: Bool = true) throws -> MemoryLedger {
        let ledger = MemoryLedger(clock: TestClock())
        func at(_ text: String) -> Date { DigestScheduleTests.at(text) }
        func day(_ text: String) -> CalendarDate { DigestScheduleTests.day(text) }
        func amount(_ text: String) -> Decimal { Decimal(string: text)! }
        let old = at("2026-09-01T10:00:00Z")
        for number in 1...10 {
            let extra = number == 9 && handoverAddress ? ["address": "Dorpsstraat 9, Utrecht"] : [:]
            try ledger.add([.customer(CustomerRecord(customer: "C-\(number)", name: "Klant \(number) B.V.", email: "c\(number)@example.nl",
                                                     phone: "020 123 4567", kind: .business, country: "NL", language: "nl", extra: extra))], at: old)
        }
        let invoices: [(String, String, String)] = [
            ("1", "2026-10-01", "1234.56"), ("2", "2026-10-01", "100.00"), ("3", "2026-10-01", "100.00"), ("4", "2026-10-01", "100.00"),
            ("5", "2026-09-01", "250.00"), ("6", "2026-10-01", "100.00"), ("7", "2026-10-01", "300.00"), ("8", "2026-10-01", "400.00"),
            ("9", "2026-07-01", "500.00"), ("10", "2021-12-15", "75.00"),
        ]
        for (number, due, sum) in invoices {
            try ledger.add([.invoice(InvoiceRecord(invoice: "F-\(number)", customer: "C-\(number)", issued: day(due).adding(days: -30),
                                                   due: day(due), amount: amount(sum), currency: .euro))], at: old)
        }
        func message(_ customer: Int, _ step: String, _ states: [ReminderState], reply: String? = nil, at instant: Date) throws {
            for state in states {
                try ledger.add([.reminder(ReminderRecord(customer: "C-\(customer)", step: step, invoices: ["F-\(customer)"],
                                                         to: "c\(customer)@example.nl", messageID: "m\(customer).\(step)@voorbeeld.nl",
                                                         state: state, reply: state == .sending ? nil : reply))], at: instant)
            }
        }
        // Before the previous digest.
        try message(5, "reminder", [.sending, .sent], reply: "250 Ok", at: at("2026-09-15T09:00:00Z"))
        try message(5, "notice", [.sending, .sent], reply: "250 Ok", at: at("2026-09-29T09:00:00Z"))
        try message(9, "reminder", [.sending, .sent], reply: "250 Ok", at: at("2026-07-15T09:00:00Z"))
        try message(9, "notice", [.sending, .sent], reply: "250 Ok", at: at("2026-07-29T09:00:00Z"))
        try ledger.add([.task(TaskRecord(customer: "C-9", invoices: ["F-9"], kind: .call, text: "call", step: "call"))],
                       at: at("2026-08-05T09:00:00Z"))
        try ledger.add([.promise(PromiseRecord(subject: .invoice("F-8"), until: day("2026-11-10")))], at: at("2026-11-01T09:00:00Z"))
        try ledger.add([.digest(DigestRecord(date: day("2026-11-20"), to: "boekhouding@voorbeeld.nl",
                                             messageID: "dunning.digest.2026-11-20@voorbeeld.nl"))], at: at("2026-11-20T07:00:00Z"))
        // Since then.
        let recent = at("2026-11-20T09:00:00Z")
        try message(1, "reminder", [.sending, .sent], reply: "250 Ok", at: recent)
        try message(2, "reminder", [.sending, .deferred], reply: "451 4.3.0 try again later", at: recent)
        try message(3, "reminder", [.sending, .failed], reply: "550 5.1.1 mailbox unknown", at: recent)
        try message(4, "reminder", [.sending, .uncertain], reply: "no reply after DATA", at: recent)
        try ledger.add([.bounce(BounceRecord(address: "c3@example.nl", kind: .hard, status: "5.1.1", diagnostic: "user unknown",
                                             messageID: "<m3.reminder@voorbeeld.nl>"))], at: recent)
        try ledger.add([.task(TaskRecord(customer: "C-5", invoices: ["F-5"], kind: .call, text: "call", step: "call"))], at: recent)
        try ledger.add([.task(TaskRecord(customer: "C-8", invoices: ["F-8"], kind: .brokenPromise, text: "broken"))], at: recent)
        try ledger.add([.dispute(DisputeRecord(invoice: "F-6", reason: "bedrag klopt niet"))], at: recent)
        try ledger.add([.promise(PromiseRecord(subject: .invoice("F-7"), until: monday, amount: amount("300.00")))], at: recent)
        return ledger
    }

    static func collect(_ ledger: MemoryLedger, config: DunningConfig = config(), now: Date = now) -> DailyDigest {
        let plan = Planner.plan(config: config, state: ledger.state, asOf: now)
        return DailyDigest.collect(config: config, state: ledger.state, plan: plan, date: monday, now: now)
    }

    @Test("what happened since Friday's digest: sent, deferred, failed, bounced, uncertain with its resolve command")
    func happened() throws {
        let digest = Self.collect(try Self.busyLedger())
        #expect(digest.since == DigestScheduleTests.at("2026-11-20T07:00:00Z"))
        let groups = digest.groups
        #expect(groups.sent == ["Klant 1 B.V. (C-1): stap reminder voor factuur F-1 aan c1@example.nl"])
        #expect(groups.deferred == ["Klant 2 B.V. (C-2): stap reminder voor factuur F-2 aan c2@example.nl; reden: 451 4.3.0 try again later"])
        #expect(groups.failed == ["Klant 3 B.V. (C-3): stap reminder voor factuur F-3 aan c3@example.nl; reden: 550 5.1.1 mailbox unknown"])
        #expect(groups.bounced == ["c3@example.nl van Klant 3 B.V. (C-3): definitief onbestelbaar (5.1.1 user unknown), bericht <m3.reminder@voorbeeld.nl>"])
        #expect(groups.uncertain == ["Klant 4 B.V. (C-4): stap reminder voor factuur F-4 aan c4@example.nl, poging van 20 november 2026, "
            + "Message-ID <m4.reminder@voorbeeld.nl>; vastleggen met: dunning ledger resolve --ref m4.reminder@voorbeeld.nl --outcome sent"])
        #expect(groups.tasks.isEmpty)
    }

    @Test("what needs a person: calls with number, amount and history; promises due and broken; limitation; handovers; held back with reasons")
    func needsAPerson() throws {
        let groups = Self.collect(try Self.busyLedger()).groups
        #expect(groups.calls == ["Klant 5 B.V. (C-5), +31201234567: €\(Self.nbsp)250,00 open op factuur F-5; eerder verstuurd: "
            + "stap reminder op 15 september 2026, stap notice op 29 september 2026"])
        #expect(groups.promises == [
            "Klant 7 B.V. (C-7): betalingsbelofte van €\(Self.nbsp)300,00 voor factuur F-7 uiterlijk 23 november 2026; nog open: €\(Self.nbsp)300,00",
            "Klant 8 B.V. (C-8): betalingsbelofte van 10 november 2026 voor factuur F-8 niet nagekomen; nog open: €\(Self.nbsp)400,00",
        ])
        #expect(groups.limitation == ["Klant 10 B.V. (C-10): factuur F-10 (nog open €\(Self.nbsp)75,00) verjaart op 16 december 2026, over 23 dagen"])
        #expect(groups.handovers == ["Klant 9 B.V. (C-9): factuur F-9, in totaal €\(Self.nbsp)500,00 inclusief kosten en rente; klaar voor overdracht sinds 19 augustus 2026"])
        // C-2 (deferred) and C-4 (uncertain) have their own groups; the others say why.
        #expect(groups.blocked.count == 3, "\(groups.blocked)")
        #expect(groups.blocked.first?.hasPrefix("Klant 3 B.V. (C-3): stap reminder voor factuur F-3: e-mailadres onbruikbaar (") == true)
        #expect(groups.blocked.dropFirst().first == "Klant 6 B.V. (C-6): stap reminder voor factuur F-6: betwist (bedrag klopt niet)")
        #expect(groups.blocked.last == "Klant 7 B.V. (C-7): stap reminder voor factuur F-7: betalingsbelofte tot 23 november 2026")
        #expect(groups.attention == 8)
    }

    @Test("a handover the agency could not act on (no postal address) is held back for that, not listed as ready")
    func handoverWithoutAddress() throws {
        let groups = Self.collect(try Self.busyLedger(handoverAddress: false)).groups
        #expect(groups.handovers.isEmpty)
        #expect(groups.blocked.contains { $0.hasPrefix("Klant 9 B.V. (C-9): stap handover voor factuur F-9: gegevens voor de overdracht ontbreken (") },
                "\(groups.blocked)")
    }

    /// C-1 with one invoice of €100 and its reminder and notice sent (`m.STEP@x`); `settle`
    /// settles a step's message with an outcome an hour after it was sent.
    static func calledCustomer(settle: [String: ResolveOutcome] = [:]) throws -> MemoryLedger {
        let ledger = MemoryLedger(clock: TestClock())
        let old = DigestScheduleTests.at("2026-09-01T10:00:00Z")
        try ledger.add([.customer(CustomerRecord(customer: "C-1", name: "Klant 1", email: "c1@example.nl", phone: "020 123 4567",
                                                 kind: .business, country: "NL", language: "nl"))], at: old)
        try ledger.add([.invoice(InvoiceRecord(invoice: "F-1", customer: "C-1", issued: DigestScheduleTests.day("2026-08-01"),
                                               due: DigestScheduleTests.day("2026-09-01"), amount: 100, currency: .euro))], at: old)
        for (step, day) in [("reminder", "2026-09-15T09:00:00Z"), ("notice", "2026-09-29T09:00:00Z")] {
            for state in [ReminderState.sending, .sent] {
                try ledger.add([.reminder(ReminderRecord(customer: "C-1", step: step, invoices: ["F-1"], to: "c1@example.nl",
                                                         messageID: "m.\(step)@x", state: state))], at: DigestScheduleTests.at(day))
            }
            if let outcome = settle[step] {
                try ledger.add([.resolve(ResolveRecord(ref: "<m.\(step)@x>", outcome: outcome, note: "checked"))],
                               at: DigestScheduleTests.at(day) + 3600)
            }
        }
        return ledger
    }

    @Test("a call's history marks a message that came back undelivered for good")
    func callHistoryWithBounce() throws {
        let ledger = try Self.calledCustomer()
        try ledger.add([.bounce(BounceRecord(address: "c1@example.nl", kind: .hard, status: "5.1.1", diagnostic: "user unknown",
                                             customer: "C-1", messageID: "m.notice@x"))], at: DigestScheduleTests.at("2026-09-29T10:00:00Z"))
        try ledger.add([.task(TaskRecord(customer: "C-1", invoices: ["F-1"], kind: .call, text: "call", step: "call"))], at: Self.now - 3600)
        let groups = Self.collect(ledger).groups
        #expect(groups.calls == ["Klant 1 (C-1), +31201234567: €\(Self.nbsp)100,00 open op factuur F-1; eerder verstuurd: "
            + "stap reminder op 15 september 2026, stap notice op 29 september 2026 (onbestelbaar teruggekomen)"])
    }

    @Test("a message settled not-sent is no part of a call's history, even when the server had said 250")
    func callHistoryWithoutNotSent() throws {
        let ledger = try Self.calledCustomer(settle: ["notice": .notSent])
        try ledger.add([.task(TaskRecord(customer: "C-1", invoices: ["F-1"], kind: .call, text: "call", step: "call"))], at: Self.now - 3600)
        let groups = Self.collect(ledger).groups
        #expect(groups.calls == ["Klant 1 (C-1), +31201234567: €\(Self.nbsp)100,00 open op factuur F-1; eerder verstuurd: "
            + "stap reminder op 15 september 2026"])
    }

    @Test("the lines follow the company's language and locale: English in en_GB writes €250.00")
    func english() throws {
        let groups = Self.collect(try Self.busyLedger(), config: Self.config(locale: "en_GB")).groups
        #expect(groups.calls == ["Klant 5 B.V. (C-5), +31201234567: €250.00 open on invoice F-5; sent so far: "
            + "step reminder on 15 September 2026, step notice on 29 September 2026"])
        #expect(groups.sent == ["Klant 1 B.V. (C-1): step reminder for invoice F-1 to c1@example.nl"])
    }

    @Test("Romanian for a Romanian company: lei as 1.234,56 RON")
    func romanian() throws {
        let ledger = MemoryLedger(clock: TestClock())
        let old = DigestScheduleTests.at("2026-09-01T10:00:00Z")
        let ron = Currency(code: "RON")!
        try ledger.add([.customer(CustomerRecord(customer: "C-1", name: "Brutăria Popescu SRL", email: "a@example.ro", phone: "",
                                                 kind: .business, country: "RO", language: "ro"))], at: old)
        try ledger.add([.invoice(InvoiceRecord(invoice: "F-1", customer: "C-1", issued: DigestScheduleTests.day("2026-08-01"),
                                               due: DigestScheduleTests.day("2026-09-01"), amount: Decimal(string: "1234.56")!, currency: ron))], at: old)
        try ledger.add([.task(TaskRecord(customer: "C-1", invoices: ["F-1"], kind: .call, text: "call", step: "call"))], at: Self.now - 3600)
        let groups = Self.collect(ledger, config: Self.config(locale: "ro_RO")).groups
        #expect(groups.calls == ["Brutăria Popescu SRL (C-1), niciun număr de telefon cunoscut: 1.234,56\(Self.nbsp)RON de plată pentru factura F-1; nimic trimis încă"])
    }

    @Test("without a previous digest the last 24 hours count: an older send is left out")
    func firstDigest() throws {
        let ledger = MemoryLedger(clock: TestClock())
        let old = DigestScheduleTests.at("2026-09-01T10:00:00Z")
        for number in 1...2 {
            try ledger.add([.customer(CustomerRecord(customer: "C-\(number)", name: "Klant \(number)", email: "c\(number)@example.nl",
                                                     phone: "", kind: .business, country: "NL", language: "nl"))], at: old)
            try ledger.add([.invoice(InvoiceRecord(invoice: "F-\(number)", customer: "C-\(number)", issued: DigestScheduleTests.day("2026-09-01"),
                                                   due: DigestScheduleTests.day("2026-10-01"), amount: 100, currency: .euro))], at: old)
        }
        for (number, hoursAgo) in [(1, 30.0), (2, 2.0)] {
            for state in [ReminderState.sending, .sent] {
                try ledger.add([.reminder(ReminderRecord(customer: "C-\(number)", step: "reminder", invoices: ["F-\(number)"],
                                                         to: "c\(number)@example.nl", messageID: "m\(number)@x", state: state))],
                               at: Self.now - hoursAgo * 3600)
            }
        }
        let digest = Self.collect(ledger)
        #expect(digest.since == nil)
        #expect(digest.groups.sent == ["Klant 2 (C-2): stap reminder voor factuur F-2 aan c2@example.nl"])
    }

    @Test("a quiet day: nothing new since the previous digest, nothing open, every group empty")
    func quiet() throws {
        let ledger = MemoryLedger(clock: TestClock())
        let old = DigestScheduleTests.at("2026-09-01T10:00:00Z")
        try ledger.add([.customer(CustomerRecord(customer: "C-1", name: "Klant 1", email: "c1@example.nl", phone: "",
                                                 kind: .business, country: "NL", language: "nl"))], at: old)
        try ledger.add([.invoice(InvoiceRecord(invoice: "F-1", customer: "C-1", issued: DigestScheduleTests.day("2026-09-01"),
                                               due: DigestScheduleTests.day("2026-10-01"), amount: 100, currency: .euro))], at: old)
        for state in [ReminderState.sending, .sent] {
            try ledger.add([.reminder(ReminderRecord(customer: "C-1", step: "reminder", invoices: ["F-1"], to: "c1@example.nl",
                                                     messageID: "m1@x", state: state))], at: old + 86_400 * 40)
        }
        try ledger.add([.payment(PaymentRecord(invoice: "F-1", date: DigestScheduleTests.day("2026-10-20"), amount: 100, currency: .euro))],
                       at: old + 86_400 * 50)
        try ledger.add([.digest(DigestRecord(date: DigestScheduleTests.day("2026-11-20"), to: "b@x", messageID: "d@x"))],
                       at: DigestScheduleTests.at("2026-11-20T07:00:00Z"))
        let digest = Self.collect(ledger)
        #expect(digest.groups.isEmpty, "\(digest.groups)")
        #expect(digest.groups == DigestGroups())
    }
}
