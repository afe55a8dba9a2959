import DunningCore
import Foundation
import Logging
import Mail
import Verify

/// The ledger as one cycle sees it: the folded state, and durable appends.
public protocol CycleLedger: AnyObject {
    var state: LedgerState { get }
    /// Appends the records as one batch, fsync'd before returning (one fsync for all).
    @discardableResult
    func append(_ bodies: [LedgerRecord.Body]) throws -> [LedgerRecord]
    /// Appends records whose ids the caller chose (derived ids that make a retry idempotent),
    /// as one batch, fsync'd before returning.
    func append(records: [LedgerRecord]) throws
}

/// Turns a due plan item into the bytes to deliver (templates + MIME).
public protocol MessageBuilding: Sendable {
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
    /// Plan items that were due (any channel), before delivery.
    public var due = 0
    /// `SendCycle.blockedLog` with this cycle's `blocked` lines added (to be saved for the next).
    public var blockedLog: BlockedLog?
    /// The first moment at or after as-of that messages may leave (the daemon's next wake-up).
    public var nextSendMoment: Date?
    /// The cycle stopped early because `shouldStop` said so (after the message in flight).
    public var stopped = false
    public init() {}
}

/// One cycle of the sender: plan → render → journal `sending` → deliver → journal the outcome.
///
/// At most once (SPEC): every message's `reminder` record with state `sending` and its
/// Message-ID is durable before its SMTP transaction starts (in batches of
/// `sendingBatch`, one fsync each, journaled one batch ahead of delivery); the outcomes of
/// a batch go into the ledger with a later batch's `sending` records (or on their own
/// after the last batch), so a crash leaves at most two batches undecided. A cycle
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
public struct SendCycle: Sendable {
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
    /// Verifies the addresses the cycle is about to write to that have no recent check
    /// (`contact-check` records, then the plan is made again); `nil` sends unverified.
    public var verifier: ContactVerifier?
    /// Asked before each delivery and between batches: `true` ends the cycle after the
    /// message in flight (SIGTERM in the daemon). The rest of its batch is journaled
    /// `deferred` ("not attempted"), retried with the same Message-IDs after `retry.first`;
    /// messages of later batches were never journaled and stay due for the next run.
    public var shouldStop: @Sendable () -> Bool = { false }

    public init(config: DunningConfig, logger: Logger, builder: any MessageBuilding, dryRun: Bool = false,
                asOf: Date, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.config = config
        self.logger = logger
        self.builder = builder
        self.dryRun = dryRun
        self.asOf = asOf
        self.clock = clock
    }

    /// One message to build: what `MessageBuilding` needs, read from the state up front so
    /// that building can run on other threads while the state takes appends.
    struct Job: Sendable {
        enum Source: Sendable {
            /// A plan item's step, answering the previous step's message.
            case item(PlanItem, CustomerRecord, inReplyTo: String?)
            case confirmation(DueConfirmation)
        }
        var customer: String
        var step: String
        var invoices: [String]
        var to: String
        var messageID: String
        var source: Source
    }

    /// One message this cycle sends: a plan item's, or a confirmation.
    struct Outgoing: Sendable {
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
        var plan = Planner.plan(config: config, state: ledger.state, asOf: asOf)
        if !dryRun, let verifier, try verify(plan, with: verifier, ledger: ledger) {
            plan = Planner.plan(config: config, state: ledger.state, asOf: asOf)
        }
        let asOf = plan.asOf
        summary.nextSendMoment = plan.nextSendMoment
        summary.due = plan.items.count { $0.status == .due }
        var blockedLog = self.blockedLog
        var jobs: [Job] = []
        var failures: [LedgerRecord.Body] = []
        var tasks: [LedgerRecord.Body] = []
        for item in plan.items {
            switch (item.status, item.channel) {
            case (.due, .email):
                if let job = job(item, messageID: freshMessageID(for: item, state: ledger.state), state: ledger.state) {
                    jobs.append(job)
                }
            case (.blocked, .email) where item.blocked == .deferred:
                switch retryDecision(for: item, state: ledger.state) {
                case .wait:
                    break
                case .retry(let messageID):
                    if let job = job(item, messageID: messageID, state: ledger.state) { jobs.append(job) }
                case .giveUp(let message, let reply):
                    giveUp(message, reply: reply, failures: &failures, tasks: &tasks)
                }
            case (.due, .task):
                let text = "call \(item.customerName)\(Self.phoneClause(item.to, country: item.country)): \(item.invoices.count) invoice(s) open, \(item.currency) \(Money.string(item.total, in: item.currency)) in all"
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
            confirmations(ledger: ledger, jobs: &jobs, failures: &failures, tasks: &tasks)
        }
        for task in plan.tasks {
            tasks.append(.task(TaskRecord(customer: task.customer, invoices: task.invoices, kind: task.kind, text: "\(task.text) (ref \(task.ref))")))
        }
        try record(failures, ledger: ledger, summary: &summary)
        try record(tasks, ledger: ledger, summary: &summary)
        summary.blockedLog = blockedLog
        try deliver(jobs, asOf: asOf, ledger: ledger, transport: transport, summary: &summary)
        return summary
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
                logger.notice("task", metadata: Self.fields(task))
            default:
                break
            }
        }
    }

    /// Builds and delivers `jobs` batch by batch, journaling one batch ahead: while a batch
    /// is delivered, the next one is built on the other processors and its `sending`
    /// records are appended (with the outcomes of the batch before, one fsync), so neither
    /// rendering nor the fsync waits on the server's replies. A batch is delivered only
    /// once its append has returned: every `sending` is durable before its transaction
    /// starts. Only two batches of messages, attachments included, are ever in memory.
    ///
    /// A crash leaves at most two batches undecided (`sendingBatch` each): the one being
    /// delivered, and either the next one (journaled ahead) or the one before (its
    /// outcomes not yet durable).
    ///
    /// The ledger is used by one thread at a time: the append in flight, or this one after
    /// waiting for it (`LedgerHandoff`).
    private func deliver(_ jobs: [Job], asOf: CalendarDate, ledger: any CycleLedger, transport: () throws -> any MailTransport,
                         summary: inout CycleSummary) throws {
        guard !jobs.isEmpty else { return }
        if dryRun {
            for job in jobs {
                switch build(job, asOf: asOf) {
                case .success(let message):
                    logger.info("would-send", metadata: fields(reminder(message, .sending, reply: nil), reply: nil))
                case .failure(let failed):
                    summary.failed += 1
                    logger.error("failed", metadata: fields(failed.record, reply: failed.record.reply))
                }
            }
            return
        }
        let batches = stride(from: 0, to: jobs.count, by: Self.sendingBatch).map { jobs[$0..<min($0 + Self.sendingBatch, jobs.count)] }
        let cycle = self
        let handoff = LedgerHandoff(ledger: ledger)
        let firstBuild = Pending { cycle.build(batches[0], asOf: asOf) }
        // Opened first: a setup error (password file, CA file, outbox folder) must not leave
        // `sending` records for messages no transaction was ever started for.
        let channel: any MailTransport
        do {
            channel = try transport()
        } catch {
            _ = firstBuild.wait()
            throw error
        }
        defer { channel.close() }
        var ahead: Pending<Result<Journaled, any Error>>? = Pending { cycle.journal(firstBuild.wait(), after: [], in: handoff) }
        // Outcomes not yet handed to an append.
        var outcomes: [ReminderRecord] = []
        var next = 1
        while let journaling = ahead {
            let batch = try journaling.wait().get()
            ahead = nil
            report(batch.recorded, summary: &summary)
            // Stopping (SIGTERM): a batch whose `sending` records are durable is not
            // attempted; each message gets an outcome that says so: `deferred`, and
            // retried with its Message-ID after the backoff, never left `uncertain`.
            // Messages of batches never journaled stay due for the next run.
            if shouldStop() {
                summary.stopped = true
                outcomes += batch.messages.map { reminder($0, .deferred, reply: Self.notAttempted) }
                break
            }
            if next < batches.count {
                let jobs = batches[next], delivered = outcomes
                ahead = Pending { cycle.journal(cycle.build(jobs, asOf: asOf), after: delivered, in: handoff) }
                outcomes = []
                next += 1
            }
            for message in batch.messages {
                if shouldStop() {
                    outcomes.append(reminder(message, .deferred, reply: Self.notAttempted))
                    continue
                }
                let state: ReminderState, reply: String
                switch channel.deliver(message.bytes, envelope: message.envelope) {
                case .sent(let text): (state, reply) = (.sent, text)
                case .deferred(let text): (state, reply) = (.deferred, text)
                case .failed(let text): (state, reply) = (.failed, text)
                case .uncertain(let text): (state, reply) = (.uncertain, text)
                }
                outcomes.append(reminder(message, state, reply: reply))
            }
        }
        if !outcomes.isEmpty {
            try ledger.append(outcomes.map { .reminder($0) })
            report(outcomes, summary: &summary)
        }
    }

    /// The reply of a message whose delivery was not started because the sender stopped.
    static let notAttempted = "local: not attempted: the sender was stopping"

    /// How many messages one append (one fsync) covers: their `sending` records go out
    /// together, with the outcomes of an earlier batch. A crash leaves at most two batches
    /// `uncertain` (each message needs a bookkeeper's `resolve`), at the cost of one fsync
    /// per this many messages (off the delivering thread).
    static let sendingBatch = 5

    /// A batch whose `sending` records are durable: its messages may now be delivered.
    struct Journaled: Sendable {
        var messages: [Outgoing]
        /// The outcomes the same append made durable (an earlier batch's deliveries, this
        /// batch's build failures), to be logged and counted.
        var recorded: [ReminderRecord]
    }

    /// The cycle's ledger, handed to the one append in flight. Never used by two threads at
    /// once: `deliver` starts an append only when none is running, and touches the ledger
    /// again only after waiting for it.
    struct LedgerHandoff: @unchecked Sendable {
        let ledger: any CycleLedger
    }

    /// Appends `outcomes`, the build failures of `built` and the `sending` records of its
    /// messages as one batch (one fsync).
    private func journal(_ built: [Result<Outgoing, FailedBuild>], after outcomes: [ReminderRecord],
                         in handoff: LedgerHandoff) -> Result<Journaled, any Error> {
        let messages = built.compactMap { try? $0.get() }
        let recorded = outcomes + built.compactMap { if case .failure(let failed) = $0 { failed.record } else { nil } }
        let bodies = recorded.map { LedgerRecord.Body.reminder($0) } + messages.map { .reminder(reminder($0, .sending, reply: nil)) }
        do {
            if !bodies.isEmpty { try handoff.ledger.append(bodies) }
            return .success(Journaled(messages: messages, recorded: recorded))
        } catch {
            return .failure(error)
        }
    }

    /// Logs and counts outcomes that are durable (the log never says more than the ledger).
    private func report(_ outcomes: [ReminderRecord], summary: inout CycleSummary) {
        for record in outcomes {
            log(record)
            switch record.state {
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

    /// A `task` line's fields, as the send cycle and bounce intake both log them: `step`
    /// only when the task belongs to one.
    static func fields(_ task: TaskRecord) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "customer": .string(task.customer), "invoices": .string(task.invoices.joined(separator: ",")),
            "kind": .string(task.kind), "text": .string(task.text),
        ]
        if let step = task.step { metadata["step"] = .string(step) }
        return metadata
    }

    /// SPEC's field order: customer, invoices, step, to, message_id, smtp (the reply's
    /// code), then the reply text.
    private func fields(_ record: ReminderRecord, reply: String?) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "customer": .string(record.customer), "invoices": .string(record.invoices.joined(separator: ",")),
            "step": .string(record.step), "to": .string(record.to), "message_id": .string("<\(record.messageID)>"),
        ]
        if let reply { metadata.addReply(reply) }
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

extension Logger.Metadata {
    /// `smtp=250` (when the server's reply starts with a three-digit code) and `reply=...`:
    /// how `sent`, `deferred`, `digest` and the like lines carry a reply.
    mutating func addReply(_ reply: String) {
        let code = reply.prefix(3)
        if code.count == 3, code.allSatisfy(\.isNumber) { self["smtp"] = .string(String(code)) }
        self["reply"] = .string(reply)
    }
}
