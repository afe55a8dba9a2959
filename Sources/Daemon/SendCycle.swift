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

/// The real builder (templates + MIME, in `Mail`) is the one the service uses.
extension TemplateMessageBuilder: MessageBuilding {}

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
/// At most once (docs/sending.md): every message's `reminder` record with state `sending` and its
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
    /// The day a `--as-of` run simulates: retry backoff then reads the clock's time of day
    /// on that day, and records made under `--as-of` count on their own day
    /// (`LedgerEntry.instant(in:)`), so a deferred message is retried on the next simulated
    /// day as it would be a day later in real time.
    public var simulatedDay: CalendarDate?
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
                tasks.append(.task(TaskRecord(customer: item.customer, invoices: item.invoices.map(\.id), kind: .call,
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
}
