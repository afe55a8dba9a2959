@testable import Daemon
import DunningCore
import Foundation
import Logging
import Mail
import Testing

/// The ledger in memory: the cycle's journaling, without files (the end-to-end tests use files).
///
/// Locked: the cycle appends one batch ahead on another thread while a test's transport
/// looks at the records.
final class MemoryLedger: CycleLedger, @unchecked Sendable {
    /// The time `append` stamps records with.
    let clock: TestClock
    init(clock: TestClock) { self.clock = clock }
    /// The `as_of` day appended records carry (a session run with `--as-of`).
    var asOf: CalendarDate? {
        get { lock.withLock { _asOf } }
        set { lock.withLock { _asOf = newValue } }
    }
    private var _asOf: CalendarDate?

    private let lock = NSLock()
    private var _records: [LedgerRecord] = []
    private var _state = LedgerState()
    private var _batches = 0

    var records: [LedgerRecord] { lock.withLock { _records } }
    var state: LedgerState { lock.withLock { _state } }
    /// How many `append` calls (each one fsync on a real ledger).
    var batches: Int { lock.withLock { _batches } }

    @discardableResult
    func append(_ bodies: [LedgerRecord.Body]) throws -> [LedgerRecord] {
        lock.withLock { _batches += 1 }
        return try add(bodies, at: clock.now)
    }

    @discardableResult
    func add(_ bodies: [LedgerRecord.Body], at: Date) throws -> [LedgerRecord] {
        try lock.withLock {
            let new = bodies.enumerated().map {
                LedgerRecord(id: "R\(_records.count + 1 + $0.offset)", at: at, asOf: _asOf, body: $0.element)
            }
            try add(new)
            return new
        }
    }

    func append(records new: [LedgerRecord]) throws {
        try lock.withLock {
            _batches += 1
            try add(new.map { record in var record = record; record.asOf = record.asOf ?? _asOf; return record })
        }
    }

    /// Under the lock.
    private func add(_ new: [LedgerRecord]) throws {
        for record in new {
            try _state.apply(record, position: _records.count + 1)
            _records.append(record)
        }
    }

    var reminders: [ReminderRecord] {
        records.compactMap { if case .reminder(let value) = $0.body { value } else { nil } }
    }

    /// Messages whose latest record is `sending`: what a crash now would leave `uncertain`.
    var undecided: Int {
        var last: [String: ReminderState] = [:]
        for reminder in reminders { last[reminder.messageID] = reminder.state }
        return last.values.count { $0 == .sending }
    }
}

/// A settable clock: the real time as the cycle and the ledger see it.
final class TestClock: @unchecked Sendable {
    // Tests are single-threaded; the cycle reads it synchronously.
    var now = Date(timeIntervalSince1970: 1_795_000_000)
    func advance(minutes: Double) { now += minutes * 60 }
}

/// Bytes that name the item; fails for customers listed in `refuse`.
struct StubBuilder: MessageBuilding {
    var refuse: Set<String> = []
    func message(for item: PlanItem, customer: CustomerRecord, messageID: String, inReplyTo: String?, date: Date,
                 asOf: CalendarDate) throws(MessageBuildError) -> [UInt8] {
        if refuse.contains(item.customer) { throw MessageBuildError("CR or LF in the customer's name") }
        return Array("Message-ID: <\(messageID)>\r\nIn-Reply-To: \(inReplyTo ?? "-")\r\n\r\n\(item.step)\r\n".utf8)
    }
    func messageID(for item: PlanItem) -> String { "dunning.\(item.step).\(item.customer)@voorbeeld.nl" }
    func confirmation(_ confirmation: DueConfirmation, messageID: String, date: Date,
                      asOf: CalendarDate) throws(MessageBuildError) -> [UInt8] {
        if refuse.contains(confirmation.customer.customer) { throw MessageBuildError("CR or LF in the customer's name") }
        return Array("Message-ID: <\(messageID)>\r\n\r\nconfirmation of \(confirmation.recordID)\r\n".utf8)
    }
    func confirmationMessageID(customer: String, agreement recordID: String) -> String {
        "dunning.confirmation.\(customer).\(recordID)@voorbeeld.nl"
    }
    func envelopeSender(messageID: String) -> String { "bounce@voorbeeld.nl" }
}

/// Answers each delivery with the next scripted outcome (then `sent`); records what it got.
final class ScriptedTransport: MailTransport {
    var script: [DeliveryOutcome]
    private(set) var delivered: [(bytes: [UInt8], envelope: Envelope)] = []
    private(set) var closed = false
    init(_ script: [DeliveryOutcome] = []) { self.script = script }
    func deliver(_ message: [UInt8], envelope: Envelope) -> DeliveryOutcome {
        delivered.append((message, envelope))
        return script.isEmpty ? .sent(reply: "250 2.0.0 Ok") : script.removeFirst()
    }
    func close() { closed = true }
}

/// Notes, at each delivery, whether the ledger already holds the message's `sending` record,
/// and the most messages it ever held undecided (what a crash would leave `uncertain`).
final class JournalCheckingTransport: MailTransport {
    let ledger: MemoryLedger
    private(set) var journaledBefore: [Bool] = []
    private(set) var mostUndecided = 0
    init(ledger: MemoryLedger) { self.ledger = ledger }
    func deliver(_ message: [UInt8], envelope: Envelope) -> DeliveryOutcome {
        let text = String(decoding: message, as: UTF8.self)
        let id = text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID: <") }?.dropFirst(13).dropLast()
        journaledBefore.append(ledger.reminders.contains { $0.state == .sending && Substring($0.messageID) == id })
        mostUndecided = max(mostUndecided, ledger.undecided)
        return .sent(reply: "250 2.0.0 Ok")
    }
    func close() {}
}

@Suite struct SendCycleTests {
    var config = DunningConfig(company: Company(name: "Voorbeeld B.V.", from: "debiteuren@voorbeeld.nl"))

    /// `customers` NL business customers (C-1, C-2, ...), each with an invoice due 2026-10-01
    /// (reminder due since 10-15).
    func ledger(_ clock: TestClock = TestClock(), customers: Int = 2) throws -> MemoryLedger {
        let ledger = MemoryLedger(clock: clock)
        let at = Date(timeIntervalSince1970: 1_780_000_000)
        for id in (1...customers).map({ "C-\($0)" }) {
            try ledger.add([.customer(CustomerRecord(customer: id, name: "Klant \(id)", email: "\(id.lowercased())@example.nl",
                                                     phone: "", kind: .business, country: "NL", language: "nl"))], at: at)
            try ledger.add([.invoice(InvoiceRecord(invoice: "INV-\(id)", customer: id, issued: CalendarDate(year: 2026, month: 9, day: 1)!,
                                                   due: CalendarDate(year: 2026, month: 10, day: 1)!, amount: 100, currency: .euro))], at: at)
        }
        return ledger
    }

    func cycle(_ builder: StubBuilder = StubBuilder(), dryRun: Bool = false, day: Int = 23, clock: TestClock = TestClock(),
               sink: LineSink = LineSink()) -> SendCycle {
        let open = Planner.asOfInstant(for: CalendarDate(year: 2026, month: 11, day: day)!, config: config)
        let logger = Logger(label: "test") { _ in LogfmtLogHandler(journal: false, write: { sink.write($0) }) }
        return SendCycle(config: config, logger: logger, builder: builder, dryRun: dryRun, asOf: open, clock: { clock.now })
    }

    @Test("due reminders: the `sending` records in one batch before the first delivery, then the outcomes in one, logged")
    func sends() throws {
        let ledger = try ledger()
        let transport = ScriptedTransport()
        let sink = LineSink()
        let before = ledger.batches
        let summary = try cycle(sink: sink).run(ledger: ledger) { transport }
        #expect(summary.sent == 2 && transport.delivered.count == 2 && transport.closed)
        #expect(ledger.reminders.map(\.state) == [.sending, .sending, .sent, .sent])
        #expect(ledger.batches - before == 2)
        #expect(ledger.reminders[2].messageID == "dunning.reminder.C-1@voorbeeld.nl" && ledger.reminders[2].reply == "250 2.0.0 Ok")
        #expect(sink.all.contains("sent customer=C-1 invoices=INV-C-1 step=reminder to=c-1@example.nl message_id=<dunning.reminder.C-1@voorbeeld.nl> smtp=250 reply=\"250 2.0.0 Ok\"\n"))
        // A second cycle the same day sends nothing new.
        let again = ScriptedTransport()
        #expect(try cycle().run(ledger: ledger) { again }.sent == 0 && again.delivered.isEmpty)
    }

    @Test("12 messages: every `sending` is in the ledger before its delivery; batches of 5 journaled one ahead, outcomes with a later batch")
    func batches() throws {
        let ledger = try ledger(customers: 12)
        let transport = JournalCheckingTransport(ledger: ledger)
        let sink = LineSink()
        let before = ledger.batches
        let summary = try cycle(sink: sink).run(ledger: ledger) { transport }
        #expect(summary.sent == 12)
        #expect(transport.journaledBefore.count == 12 && transport.journaledBefore.allSatisfy { $0 })
        // [5 sending] [5 sending] [the first 5 sent + 2 sending] [7 sent]
        #expect(ledger.batches - before == 4)
        #expect(ledger.reminders.map(\.state) == Array(repeating: .sending, count: 10) + Array(repeating: .sent, count: 5)
            + [.sending, .sending] + Array(repeating: .sent, count: 7))
        #expect(sink.all.filter { $0.hasPrefix("sent ") }.count == 12)
    }

    @Test("at most two batches (10 messages) are ever undecided, whatever moment a crash would pick")
    func crashBound() throws {
        let ledger = try ledger(customers: 40)
        let transport = JournalCheckingTransport(ledger: ledger)
        #expect(try cycle().run(ledger: ledger) { transport }.sent == 40)
        #expect(transport.journaledBefore.allSatisfy { $0 })
        #expect(transport.mostUndecided > SendCycle.sendingBatch && transport.mostUndecided <= 2 * SendCycle.sendingBatch)
        #expect(SendCycle.sendingBatch == 5 && ledger.undecided == 0)
    }

    @Test("a `sending` left by a killed run becomes `uncertain`, is logged, and is never re-sent by itself")
    func dangling() throws {
        let ledger = try ledger()
        try ledger.add([.reminder(ReminderRecord(customer: "C-1", step: "reminder", invoices: ["INV-C-1"], to: "c-1@example.nl",
                                                 messageID: "dunning.reminder.C-1@voorbeeld.nl", state: .sending))], at: ledger.clock.now)
        let transport = ScriptedTransport()
        let sink = LineSink()
        let summary = try cycle(sink: sink).run(ledger: ledger) { transport }
        #expect(summary.uncertain == 1 && summary.sent == 1)
        #expect(transport.delivered.map(\.envelope.recipients) == [["c-2@example.nl"]])
        #expect(ledger.reminders.filter { $0.customer == "C-1" }.map(\.state) == [.sending, .uncertain])
        #expect(sink.all.contains { $0.hasPrefix("uncertain customer=C-1 ") })
        #expect(sink.all.contains { $0.hasPrefix("blocked customer=C-1 ") && $0.contains("reason=uncertain-send") })
    }

    @Test("deferred: retried with the same Message-ID only after retry.first (5m), then sent")
    func deferred() throws {
        let clock = TestClock()
        let ledger = try ledger(clock)
        _ = try cycle(clock: clock).run(ledger: ledger) { ScriptedTransport([.deferred(reply: "451 4.3.0 try later")]) }
        #expect(ledger.reminders.filter { $0.customer == "C-1" }.map(\.state) == [.sending, .deferred])
        let early = ScriptedTransport()
        clock.advance(minutes: 4)
        #expect(try cycle(clock: clock).run(ledger: ledger) { early }.sent == 0 && early.delivered.isEmpty)
        let later = ScriptedTransport()
        clock.advance(minutes: 1)
        #expect(try cycle(clock: clock).run(ledger: ledger) { later }.sent == 1)
        #expect(later.delivered.count == 1 && String(decoding: later.delivered[0].bytes, as: UTF8.self).hasPrefix("Message-ID: <dunning.reminder.C-1@voorbeeld.nl>"))
        #expect(ledger.reminders.filter { $0.customer == "C-1" }.map(\.state) == [.sending, .deferred, .sending, .sent])
    }

    @Test("under --as-of the backoff counts simulated days: deferred as of 11-23, retried as of 11-24 though the clock stood still")
    func deferredSimulated() throws {
        let clock = TestClock()
        let ledger = try ledger(clock)
        ledger.asOf = CalendarDate(year: 2026, month: 11, day: 23)
        var first = cycle(clock: clock)
        first.simulatedDay = ledger.asOf
        _ = try first.run(ledger: ledger) { ScriptedTransport([.deferred(reply: "451 4.3.0 try later")]) }
        #expect(ledger.records.filter { if case .reminder = $0.body { true } else { false } }.allSatisfy { $0.asOf == ledger.asOf })
        var again = cycle(clock: clock)
        again.simulatedDay = ledger.asOf
        let sameDay = ScriptedTransport()
        #expect(try again.run(ledger: ledger) { sameDay }.sent == 0 && sameDay.delivered.isEmpty)
        ledger.asOf = CalendarDate(year: 2026, month: 11, day: 24)
        var next = cycle(day: 24, clock: clock)
        next.simulatedDay = ledger.asOf
        let nextDay = ScriptedTransport()
        #expect(try next.run(ledger: ledger) { nextDay }.sent == 1)
        #expect(ledger.reminders.filter { $0.customer == "C-1" }.map(\.state) == [.sending, .deferred, .sending, .sent])
    }

    @Test("deferred for longer than retry.give_up (5d): failed plus a give-up task, no more attempts")
    func givesUp() throws {
        let clock = TestClock()
        let ledger = try ledger(clock)
        _ = try cycle(day: 16, clock: clock).run(ledger: ledger) { ScriptedTransport([.deferred(reply: "451 4.3.0 try later")]) }
        clock.advance(minutes: 5 * 24 * 60)
        let transport = ScriptedTransport()
        let summary = try cycle(day: 23, clock: clock).run(ledger: ledger) { transport }
        #expect(summary.failed == 1 && summary.tasks == 1 && transport.delivered.isEmpty)
        #expect(ledger.reminders.filter { $0.customer == "C-1" }.last?.state == .failed)
        #expect(ledger.records.contains { if case .task(let task) = $0.body { task.kind == .giveUp && task.customer == "C-1" } else { false } })
    }

    @Test("backoff doubles from retry.first up to retry.max: 5, 10, 20, 40, 60, 60 minutes")
    func backoff() {
        #expect((1...6).map { SendCycle.backoff(deferrals: $0, first: 300, max: 3600) } == [300, 600, 1200, 2400, 3600, 3600])
    }

    @Test("a message that cannot be built is `failed` with the reason, logged, and nothing is delivered for it")
    func buildFailure() throws {
        let ledger = try ledger()
        let transport = ScriptedTransport()
        let sink = LineSink()
        let summary = try cycle(StubBuilder(refuse: ["C-1"]), sink: sink).run(ledger: ledger) { transport }
        #expect(summary.failed == 1 && summary.sent == 1 && transport.delivered.count == 1)
        let failed = try #require(ledger.reminders.first { $0.customer == "C-1" })
        #expect(failed.state == .failed && failed.reply == "not sent: CR or LF in the customer's name")
        #expect(sink.all.contains { $0.hasPrefix("failed customer=C-1 ") })
    }

    @Test("dry run: logs would-send, delivers nothing, records nothing")
    func dryRun() throws {
        let ledger = try ledger()
        let count = ledger.records.count
        let sink = LineSink()
        let summary = try cycle(dryRun: true, sink: sink).run(ledger: ledger) { Issue.record("transport opened"); return ScriptedTransport() }
        #expect(summary.sent == 0 && ledger.records.count == count)
        #expect(sink.all.filter { $0.hasPrefix("would-send ") }.count == 2)
    }

    @Test("a reminder that hard-bounced is not a step done: blocked while the address is the same, sent again (id -2) to a new one")
    func hardBounceUndoesTheStep() throws {
        let ledger = try ledger(customers: 1)
        _ = try cycle().run(ledger: ledger) { ScriptedTransport() }
        let messageID = "dunning.reminder.C-1@voorbeeld.nl"
        #expect(ledger.reminders.last?.state == .sent)
        try ledger.add([.bounce(BounceRecord(address: "c-1@example.nl", kind: .hard, status: "5.1.1", diagnostic: "User unknown",
                                             customer: "C-1", messageID: messageID))], at: Date())
        let blocked = ScriptedTransport()
        #expect(try cycle().run(ledger: ledger) { blocked }.sent == 0 && blocked.delivered.isEmpty)
        try ledger.add([.customer(CustomerRecord(customer: "C-1", name: "Klant C-1", email: "boekhouding@c-1.nl", phone: "",
                                                 kind: .business, country: "NL", language: "nl"))], at: Date())
        let again = ScriptedTransport()
        #expect(try cycle().run(ledger: ledger) { again }.sent == 1)
        #expect(again.delivered.map(\.envelope.recipients) == [["boekhouding@c-1.nl"]])
        #expect(ledger.reminders.last?.messageID == "dunning.reminder.C-1-2@voorbeeld.nl" && ledger.reminders.last?.step == "reminder")
    }

    @Test("stopping mid-batch: the message in flight is journaled, the rest of the batch deferred as not attempted, none left sending")
    func stopsAfterTheMessageInFlight() throws {
        let ledger = try ledger(customers: 12)
        let stop = StopSwitch()
        let transport = StoppingTransport(after: 3, stop: stop)
        var cycle = cycle()
        cycle.shouldStop = { stop.isOn }
        let summary = try cycle.run(ledger: ledger) { transport }
        #expect(summary.stopped && summary.sent == 3 && summary.deferred == 7 && transport.delivered == 3)
        let outcomes = ledger.reminders.filter { $0.state != .sending }
        #expect(outcomes.count == 10 && ledger.reminders.count == 20)
        #expect(outcomes.filter { $0.state == .deferred }.allSatisfy { $0.reply == SendCycle.notAttempted })
    }
}

/// Set once, read by the cycle.
final class StopSwitch: @unchecked Sendable {
    var isOn = false
}

/// Sends, and turns `stop` on after `after` deliveries (a SIGTERM arriving mid-batch).
final class StoppingTransport: MailTransport {
    let after: Int
    let stop: StopSwitch
    private(set) var delivered = 0
    init(after: Int, stop: StopSwitch) {
        self.after = after
        self.stop = stop
    }
    func deliver(_ message: [UInt8], envelope: Envelope) -> DeliveryOutcome {
        delivered += 1
        if delivered == after { stop.isOn = true }
        return .sent(reply: "250 2.0.0 Ok")
    }
    func close() {}
}

