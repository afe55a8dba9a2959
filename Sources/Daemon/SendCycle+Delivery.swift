import DunningCore
import Foundation
import Logging
import Mail

/// Journal and delivery: the records a cycle writes, the batches it delivers one ahead of
/// the journal, the log lines of their outcomes, and the messages a killed run left undecided.
extension SendCycle {
    /// Journals records that need no delivery (a give-up's `failed`, tasks) in one append,
    /// then logs and counts them (nothing is appended on a dry run).
    func record(_ bodies: [LedgerRecord.Body], ledger: any CycleLedger, summary: inout CycleSummary) throws {
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
    func deliver(_ jobs: [Job], asOf: CalendarDate, ledger: any CycleLedger, transport: () throws -> any MailTransport,
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

    /// The cycle's ledger, handed to the one append in flight.
    ///
    /// `@unchecked Sendable`: never used by two threads at once: `deliver` starts an append
    /// only when none is running, and touches the ledger again only after waiting for it.
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
            "kind": .string(task.kind.rawValue), "text": .string(task.text),
        ]
        if let step = task.step { metadata["step"] = .string(step) }
        return metadata
    }

    /// The documented field order (docs/operations.md): customer, invoices, step, to, message_id, smtp (the reply's
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
    func settleDangling(_ ledger: any CycleLedger, summary: inout CycleSummary) throws {
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
