import DunningCore
import Foundation
import Logging
import Mail

/// The ledger as one cycle sees it: the folded state, and durable appends.
public protocol CycleLedger: AnyObject {
    var state: LedgerState { get }
    /// Appends the records as one batch, fsync'd before returning (one fsync for all).
    @discardableResult
    func append(_ bodies: [LedgerRecord.Body]) throws -> [LedgerRecord]
}

/// Turns a due plan item into the bytes to deliver (templates + MIME).
public protocol MessageBuilding {
    /// The message for `item` with `messageID`; throws `MessageBuildError` when it cannot
    /// be built (a template error, a CR/LF in a header field): the item is then `failed`.
    func message(for item: PlanItem, customer: CustomerRecord, messageID: String, inReplyTo: String?,
                 date: Date, asOf: CalendarDate) throws(MessageBuildError) -> [UInt8]
    /// The deterministic Message-ID (no angle brackets) of the message for `item`:
    /// from its customer, step and invoice set.
    func messageID(for item: PlanItem) -> String
    /// The written confirmation of a promise or arrangement (template `confirmation`) with
    /// `messageID`; throws like `message(for:...)`.
    func confirmation(_ confirmation: DueConfirmation, messageID: String, date: Date,
                      asOf: CalendarDate) throws(MessageBuildError) -> [UInt8]
    /// The deterministic Message-ID (no angle brackets) of the confirmation of agreement
    /// `recordID` (its ledger record id) to `customer`.
    func confirmationMessageID(customer: String, agreement recordID: String) -> String
    /// The SMTP envelope sender for `messageID` (VERP: `bounce+TOKEN@domain`).
    func envelopeSender(messageID: String) -> String
}

/// Why a message could not be built; the reason goes into the `failed` record and the log.
public struct MessageBuildError: Error, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// What one cycle did, for `run --once`'s exit and the daemon's digest.
public struct CycleSummary: Sendable, Equatable {
    public var sent = 0, deferred = 0, failed = 0, uncertain = 0, tasks = 0, blocked = 0
    /// `SendCycle.blockedLog` with this cycle's `blocked` lines added (to be saved for the next).
    public var blockedLog: BlockedLog?
    public init() {}
}

/// One cycle of the sender: plan → render → journal `sending` → deliver → journal the outcome.
///
/// At most once (SPEC): every message's `reminder` record with state `sending` and its
/// Message-ID is durable before its SMTP transaction starts (in batches of
/// `sendingBatch`, one fsync each); the outcome is appended right after each delivery. A cycle
/// starts by turning every `sending` left without an outcome (a crash, `kill -9`) into
/// `uncertain`: such a message is never re-sent by itself; the bookkeeper settles it with
/// `dunning ledger resolve --ref MESSAGE-ID --outcome sent|not-sent`. This is safe because
/// only the holder of the `SenderLock` sends.
///
/// A `deferred` message is retried with its Message-ID once its backoff has passed
/// (`retry.first`, doubling, at most `retry.max`), within the send window; after
/// `retry.give_up` since its first attempt it becomes `failed` and a `give-up` task.
///
/// Within the send window the cycle also sends the written confirmations of promises and
/// arrangements recorded lately (`Confirmations.due`): journaled, batched, retried and
/// settled exactly like reminders, as `reminder` records with step `confirmation`.
public struct SendCycle {
    public var config: DunningConfig
    public var logger: Logger
    /// Render and log (`would-send`), but deliver nothing and record nothing.
    public var dryRun: Bool
    /// The instant the plan is made for: now, or `--as-of`'s day at the send window's opening.
    public var asOf: Date
    /// The real time: message `Date` headers and retry backoff (a retry waits real
    /// minutes, whatever day `--as-of` plans for; ledger records carry real times too).
    public var clock: @Sendable () -> Date
    public var builder: any MessageBuilding
    /// The `blocked` items already logged on as-of's day: logged again only on another day
    /// (the summary returns it updated). `nil` logs every blocked item.
    public var blockedLog: BlockedLog?

    public init(config: DunningConfig, logger: Logger, builder: any MessageBuilding, dryRun: Bool = false,
                asOf: Date, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.config = config
        self.logger = logger
        self.builder = builder
        self.dryRun = dryRun
        self.asOf = asOf
        self.clock = clock
    }

    /// One message this cycle sends: a plan item's, or a confirmation.
    struct Outgoing {
        var customer: String
        var step: String
        var invoices: [String]
        var messageID: String
        var bytes: [UInt8]
        var envelope: Envelope
    }

    /// Runs the cycle. `transport` is opened only when there is something to deliver.
    public func run(ledger: any CycleLedger, transport: () throws -> any MailTransport) throws -> CycleSummary {
        var summary = CycleSummary()
        if !dryRun { try settleDangling(ledger, summary: &summary) }
        let plan = Planner.plan(config: config, state: ledger.state, asOf: asOf)
        let asOf = plan.asOf
        var blockedLog = self.blockedLog
        var outgoing: [Outgoing] = []
        var failures: [LedgerRecord.Body] = []
        var tasks: [LedgerRecord.Body] = []
        for item in plan.items {
            switch (item.status, item.channel) {
            case (.due, .email):
                let messageID = freshMessageID(for: item, state: ledger.state)
                if let message = build(item, messageID: messageID, ledger: ledger, asOf: asOf, failures: &failures) {
                    outgoing.append(message)
                }
            case (.blocked, .email) where item.blocked == .deferred:
                switch retryDecision(for: item, state: ledger.state) {
                case .wait:
                    break
                case .retry(let messageID):
                    if let message = build(item, messageID: messageID, ledger: ledger, asOf: asOf, failures: &failures) {
                        outgoing.append(message)
                    }
                case .giveUp(let message, let reply):
                    giveUp(message, reply: reply, failures: &failures, tasks: &tasks)
                }
            case (.due, .task):
                let text = "call \(item.customerName)\(item.to.map { " on \($0)" } ?? ""): \(item.invoices.count) invoice(s) open, \(item.currency) \(Money.string(item.total, in: item.currency)) in all"
                tasks.append(.task(TaskRecord(customer: item.customer, invoices: item.invoices.map(\.id), kind: "call",
                                              text: text, step: item.step)))
            case (.blocked, _):
                summary.blocked += 1
                let key = BlockedLog.Key(customer: item.customer, step: item.step, reason: item.blocked?.rawValue ?? "")
                guard blockedLog?.admit(key, on: asOf) ?? true else { break }
                logger.info("blocked", metadata: [
                    "customer": .string(item.customer), "invoices": .string(item.invoices.map(\.id).joined(separator: ",")),
                    "step": .string(item.step), "reason": .string(item.blocked?.rawValue ?? ""),
                    "detail": .string(item.detail ?? ""),
                ])
            default:
                // Waiting items; handover steps are carried out by `dunning handover` (a later issue).
                break
            }
        }
        if BusinessCalendar(config: config).isSendAllowed(at: self.asOf) {
            confirmations(ledger: ledger, asOf: asOf, outgoing: &outgoing, failures: &failures, tasks: &tasks)
        }
        for task in plan.tasks {
            tasks.append(.task(TaskRecord(customer: task.customer, invoices: task.invoices, kind: task.kind, text: "\(task.text) (ref \(task.ref))")))
        }
        try record(failures, ledger: ledger, summary: &summary)
        try record(tasks, ledger: ledger, summary: &summary)
        summary.blockedLog = blockedLog
        try deliver(outgoing, ledger: ledger, transport: transport, summary: &summary)
        return summary
    }

    // MARK: Building

    /// The confirmations due now: new ones, and deferred ones whose backoff has passed
    /// (given up like reminders after `retry.give_up`).
    private func confirmations(ledger: any CycleLedger, asOf: CalendarDate, outgoing: inout [Outgoing],
                               failures: inout [LedgerRecord.Body], tasks: inout [LedgerRecord.Body]) {
        let due = Confirmations.due(config: config, state: ledger.state, asOf: self.asOf,
                                    messageID: builder.confirmationMessageID)
        for confirmation in due {
            if case .deferred(let message) = confirmation.delivery {
                switch retryDecision(among: [message], state: ledger.state) {
                case .wait:
                    continue
                case .giveUp(let message, let reply):
                    giveUp(message, reply: reply, failures: &failures, tasks: &tasks)
                    continue
                case .retry:
                    break
                }
            }
            let invoices = confirmation.invoices.map(\.invoice.invoice)
            let to = confirmation.customer.email
            do {
                let bytes = try builder.confirmation(confirmation, messageID: confirmation.messageID, date: clock(), asOf: asOf)
                outgoing.append(Outgoing(customer: confirmation.customer.customer, step: Confirmations.step, invoices: invoices,
                                         messageID: confirmation.messageID, bytes: bytes,
                                         envelope: Envelope(sender: builder.envelopeSender(messageID: confirmation.messageID), recipients: [to])))
            } catch {
                failures.append(.reminder(ReminderRecord(customer: confirmation.customer.customer, step: Confirmations.step,
                                                          invoices: invoices, to: to, messageID: confirmation.messageID,
                                                          state: .failed, reply: "not sent: \(error.reason)")))
            }
        }
    }

    /// A deferred message past `retry.give_up`: `failed`, and a `give-up` task for a human.
    private func giveUp(_ message: MessageState, reply: String, failures: inout [LedgerRecord.Body],
                        tasks: inout [LedgerRecord.Body]) {
        failures.append(.reminder(ReminderRecord(customer: message.customer, step: message.step, invoices: message.invoices,
                                                  to: message.to, messageID: message.messageID, state: .failed,
                                                  reply: "gave up after \(config.retry.giveUp): \(reply)")))
        tasks.append(.task(TaskRecord(customer: message.customer, invoices: message.invoices, kind: "give-up",
                                      text: "message <\(message.messageID)> to \(message.to) could not be delivered for \(config.retry.giveUp) (\(reply)); check the address and settle by hand")))
    }

    private func build(_ item: PlanItem, messageID: String, ledger: any CycleLedger, asOf: CalendarDate,
                       failures: inout [LedgerRecord.Body]) -> Outgoing? {
        guard let to = item.to, let customer = ledger.state.customer(item.customer) else { return nil }
        let previous = previousMessageID(for: item, state: ledger.state)
        do {
            let bytes = try builder.message(for: item, customer: customer, messageID: messageID, inReplyTo: previous,
                                            date: clock(), asOf: asOf)
            return Outgoing(customer: item.customer, step: item.step, invoices: item.invoices.map(\.id), messageID: messageID, bytes: bytes,
                            envelope: Envelope(sender: builder.envelopeSender(messageID: messageID), recipients: [to]))
        } catch {
            failures.append(.reminder(ReminderRecord(customer: item.customer, step: item.step, invoices: item.invoices.map(\.id),
                                                      to: to, messageID: messageID, state: .failed,
                                                      reply: "not sent: \(error.reason)")))
            return nil
        }
    }

    // MARK: Journal and delivery

    private func record(_ bodies: [LedgerRecord.Body], ledger: any CycleLedger, summary: inout CycleSummary) throws {
        guard !bodies.isEmpty else { return }
        if !dryRun { try ledger.append(bodies) }
        for body in bodies {
            switch body {
            case .reminder(let reminder):
                summary.failed += 1
                logger.error("failed", metadata: fields(reminder, reply: reminder.reply))
            case .task(let task):
                summary.tasks += 1
                logger.notice("task", metadata: [
                    "customer": .string(task.customer), "invoices": .string(task.invoices.joined(separator: ",")),
                    "step": .string(task.step ?? ""), "kind": .string(task.kind), "text": .string(task.text),
                ])
            default:
                break
            }
        }
    }

    private func deliver(_ outgoing: [Outgoing], ledger: any CycleLedger, transport: () throws -> any MailTransport,
                         summary: inout CycleSummary) throws {
        guard !outgoing.isEmpty else { return }
        if dryRun {
            for message in outgoing {
                logger.info("would-send", metadata: fields(reminder(message, .sending, reply: nil), reply: nil))
            }
            return
        }
        // Opened first: a setup error (password file, CA file, outbox folder) must not leave
        // `sending` records for messages no transaction was ever started for.
        let channel = try transport()
        defer { channel.close() }
        var start = 0
        while start < outgoing.count {
            let batch = outgoing[start..<min(start + Self.sendingBatch, outgoing.count)]
            start = batch.endIndex
            // Durable before their SMTP transactions start: one append, one fsync per batch.
            try ledger.append(batch.map { .reminder(reminder($0, .sending, reply: nil)) })
            try deliver(batch, over: channel, ledger: ledger, summary: &summary)
        }
    }

    /// How many `sending` records one fsync covers: a crash leaves at most this many
    /// messages `uncertain` (each needs a bookkeeper's `resolve`), at the cost of one
    /// extra fsync per this many messages.
    static let sendingBatch = 10

    private func deliver(_ batch: ArraySlice<Outgoing>, over channel: any MailTransport, ledger: any CycleLedger,
                         summary: inout CycleSummary) throws {
        for message in batch {
            let outcome = channel.deliver(message.bytes, envelope: message.envelope)
            let state: ReminderState, reply: String
            switch outcome {
            case .sent(let text): (state, reply) = (.sent, text)
            case .deferred(let text): (state, reply) = (.deferred, text)
            case .failed(let text): (state, reply) = (.failed, text)
            case .uncertain(let text): (state, reply) = (.uncertain, text)
            }
            let record = reminder(message, state, reply: reply)
            try ledger.append([.reminder(record)])
            log(record)
            switch state {
            case .sent: summary.sent += 1
            case .deferred: summary.deferred += 1
            case .failed: summary.failed += 1
            case .uncertain, .sending: summary.uncertain += 1
            }
        }
    }

    private func reminder(_ message: Outgoing, _ state: ReminderState, reply: String?) -> ReminderRecord {
        ReminderRecord(customer: message.customer, step: message.step, invoices: message.invoices,
                       to: message.envelope.recipients.joined(separator: ","), messageID: message.messageID,
                       state: state, reply: reply)
    }

    private func log(_ record: ReminderRecord) {
        let metadata = fields(record, reply: record.reply)
        switch record.state {
        case .sent: logger.info("sent", metadata: metadata)
        case .deferred: logger.warning("deferred", metadata: metadata)
        case .failed: logger.error("failed", metadata: metadata)
        case .uncertain, .sending: logger.warning("uncertain", metadata: metadata)
        }
    }

    /// SPEC's field order: customer, invoices, step, to, message_id, smtp (the reply's
    /// code), then the reply text.
    private func fields(_ record: ReminderRecord, reply: String?) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "customer": .string(record.customer), "invoices": .string(record.invoices.joined(separator: ",")),
            "step": .string(record.step), "to": .string(record.to), "message_id": .string("<\(record.messageID)>"),
        ]
        if let reply {
            let code = reply.prefix(3)
            if code.count == 3, code.allSatisfy(\.isNumber) {
                metadata["smtp"] = .string(String(code))
            }
            metadata["reply"] = .string(reply)
        }
        return metadata
    }

    /// Every message whose latest record is `sending` gets an `uncertain` record: the run
    /// that sent it ended before it could record the outcome.
    private func settleDangling(_ ledger: any CycleLedger, summary: inout CycleSummary) throws {
        let dangling = ledger.state.messages.values.filter { message in
            message.settlements.isEmpty
                && message.events.last(where: { ledger.state.isActive($0.recordID) })?.value.state == .sending
        }.sorted { $0.messageID < $1.messageID }
        guard !dangling.isEmpty else { return }
        let records = dangling.map {
            ReminderRecord(customer: $0.customer, step: $0.step, invoices: $0.invoices, to: $0.to, messageID: $0.messageID,
                           state: .uncertain, reply: "no outcome recorded: the sender stopped during delivery; settle with `dunning ledger resolve --ref \($0.messageID) --outcome sent|not-sent`")
        }
        try ledger.append(records.map { .reminder($0) })
        for record in records {
            summary.uncertain += 1
            log(record)
        }
    }
}
