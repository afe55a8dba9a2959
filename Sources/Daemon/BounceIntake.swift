import Bounces
import DunningCore
import DunningStore
import Foundation
import Logging

/// What one pass over the bounce mailbox did.
public struct IntakeSummary: Sendable, Equatable {
    /// `bounce` records written (hard and soft), and `new-address` tasks.
    public var bounced = 0, tasks = 0
    /// Reports that matched nothing, messages that were not bounces, messages set aside unread.
    public var unmatched = 0, notBounces = 0, unreadable = 0
    public init() {}

    /// Adds another pass's counts (one pass per mailbox).
    public static func += (total: inout IntakeSummary, pass: IntakeSummary) {
        total.bounced += pass.bounced
        total.tasks += pass.tasks
        total.unmatched += pass.unmatched
        total.notBounces += pass.notBounces
        total.unreadable += pass.unreadable
    }
}

/// Bounce intake: reads the bounce mailbox, parses each message (`BounceParser`), matches
/// each failed recipient to a reminder (`BounceMatcher`), and records `bounce` records (and,
/// for a hard bounce, a `new-address` task) in the ledger.
///
/// **Exactly once across crashes.** A message leaves the mailbox's waiting list
/// (`BounceMailbox.finish`) only after its records are fsync'd. The records' ids are derived
/// from the message's bytes (SHA-256) and the recipient's place in it, so after a `kill -9`
/// between the fsync and `finish` the same message, read again, yields the same ids, which
/// the ledger already has: nothing is recorded twice and nothing is lost.
///
/// **Logs.** `bounced customer=… to=… status=5.1.1 message_id=<…> kind=hard via=verp` per
/// record written; `task … kind=new-address`; `unmatched-bounce to=… status=… source=…`
/// for a recipient that matches nothing (the message is set aside, flagged, if nothing in it
/// matched); `warning` for a message that is not mail at all (set aside); and
/// `not-a-bounce` (info) for an out-of-office reply or a delivery notice (marked seen).
///
/// A hard bounce makes the contact verifier and the plan treat the address as invalid
/// (`contact-invalid`); the task asks a human for a new address, once per customer and
/// address until the customer's record changes.
public struct BounceIntake {
    public var logger: Logger
    public var timeZone: TimeZone
    /// Checked between messages: a pass ends early when it says so (SIGTERM).
    public var shouldStop: @Sendable () -> Bool = { false }
    /// The real time: the `at` of the records.
    public var clock: @Sendable () -> Date

    public init(logger: Logger, timeZone: TimeZone, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.logger = logger
        self.timeZone = timeZone
        self.clock = clock
    }

    public func run(_ mailbox: any BounceMailbox, ledger: any CycleLedger) throws -> IntakeSummary {
        var summary = IntakeSummary()
        for key in try mailbox.waiting() {
            if shouldStop() { break }
            let bytes: [UInt8]
            do {
                bytes = try mailbox.read(key)
            } catch BounceMailboxError.unreadable(let path, let reason) {
                // Gone meanwhile (another reader), or unreadable: say so, go on with the rest.
                logger.warning("warning", metadata: ["detail": .string("bounce mailbox: \(path): \(reason)")])
                continue
            } catch BounceMailboxError.malformed(let what, let reason) {
                // It would fail the same way every time: set it aside so the rest is read.
                summary.unreadable += 1
                logger.warning("warning", metadata: ["detail": .string("bounce mailbox: \(mailbox.name) \(what): \(reason); set aside (flagged, unread)")])
                try mailbox.finish(key, as: .setAside)
                continue
            }
            let source = "\(mailbox.name) \(key)"
            switch BounceParser.parse(bytes) {
            case .failure(let error):
                summary.unreadable += 1
                logger.warning("warning", metadata: ["detail": .string("bounce mailbox: \(source): \(error); set aside (flagged, unread)")])
                try mailbox.finish(key, as: .setAside)
            case .success(.notABounce(let reason)):
                summary.notBounces += 1
                logger.info("not-a-bounce", metadata: ["source": .string(source), "reason": .string(reason.description)])
                try mailbox.finish(key, as: .done)
            case .success(.bounce(let reports)):
                let matched = try record(reports, bytes: bytes, source: source, ledger: ledger, summary: &summary)
                try mailbox.finish(key, as: matched ? .done : .setAside)
            }
        }
        return summary
    }

    /// Records what `reports` say; false when none of them matched anything.
    private func record(_ reports: [BounceReport], bytes: [UInt8], source: String, ledger: any CycleLedger,
                        summary: inout IntakeSummary) throws -> Bool {
        let digest = BounceParser.fingerprint(bytes)
        var matcher = BounceMatcher(state: ledger.state)
        var records: [LedgerRecord] = []
        var taskFor = Set<String>()
        var anyMatched = false
        let now = clock()
        // The `warning` to log after a digest's bounce record, by the record's id.
        var digestWarnings: [String: Logger.Metadata] = [:]
        for (index, report) in reports.enumerated() {
            let id = RecordID.derived(type: "bounce", hex: BounceParser.fingerprint(Array("\(digest)#\(index)".utf8)))
            guard let match = matcher.match(report) else {
                if let sent = matcher.digest(report) {
                    // The bookkeeper's own digest: recorded against its address, no customer.
                    anyMatched = true
                    let bounce = BounceRecord(address: sent.to.lowercased(), kind: report.kind, status: report.status,
                                              diagnostic: report.diagnostic, customer: nil, messageID: sent.messageID)
                    records.append(LedgerRecord(id: id, at: now, body: .bounce(bounce)))
                    digestWarnings[id] = [
                        "date": .string(sent.date.description), "to": .string(sent.to),
                        "detail": .string("the daily digest bounced (\(report.status) \(report.diagnostic)): check digest.to in the config"),
                    ]
                    continue
                }
                summary.unmatched += 1
                logger.warning("unmatched-bounce", metadata: [
                    "to": .string(report.address), "message_id": .string(report.originalMessageID.map { "<\($0)>" } ?? ""),
                    "status": .string(report.status), "kind": .string(report.kind.rawValue), "source": .string(source),
                ])
                continue
            }
            anyMatched = true
            var diagnostic = report.diagnostic
            if report.address != match.address {
                diagnostic = String("\(diagnostic) (final recipient \(report.address))".prefix(BounceReport.maximumDiagnosticLength))
            }
            let bounce = BounceRecord(address: match.address, kind: report.kind, status: report.status, diagnostic: diagnostic,
                                      customer: match.customer, messageID: match.messageID ?? report.originalMessageID)
            records.append(LedgerRecord(id: id, at: now, body: .bounce(bounce)))
            guard report.kind == .hard, !taskFor.contains(match.customer + " " + match.address),
                  !hasOpenAddressTask(customer: match.customer, address: match.address, state: ledger.state) else { continue }
            taskFor.insert(match.customer + " " + match.address)
            let name = ledger.state.customer(match.customer)?.name ?? match.customer
            let day = CalendarDate(now, in: timeZone)
            let text = "Get a new email address for \(name) (\(match.customer)): \(match.address) hard-bounced on \(day) "
                + "(\(report.status) \(report.diagnostic)). No email goes to this customer until the address is changed: "
                + "dunning ledger customer --customer \(match.customer) --email NEW-ADDRESS"
            let task = TaskRecord(customer: match.customer, invoices: match.invoices, kind: .newAddress, text: text)
            let taskID = RecordID.derived(type: "task", hex: BounceParser.fingerprint(Array("\(digest)#\(index)#task".utf8)))
            records.append(LedgerRecord(id: taskID, at: now, body: .task(task)))
        }
        // Read again after a crash: what is in the ledger already stays as it is.
        let new = records.filter { !ledger.state.contains(recordID: $0.id) }
        guard !new.isEmpty else { return anyMatched }
        try ledger.append(records: new)
        for record in new {
            switch record.body {
            case .bounce(let bounce):
                summary.bounced += 1
                var fields: Logger.Metadata = [
                    "to": .string(bounce.address), "message_id": .string(bounce.messageID.map { "<\($0)>" } ?? ""),
                    "status": .string(bounce.status), "kind": .string(bounce.kind.rawValue), "diagnostic": .string(bounce.diagnostic),
                ]
                if let customer = bounce.customer { fields["customer"] = .string(customer) }
                logger.notice("bounced", metadata: fields)
                if let warning = digestWarnings[record.id] { logger.warning("warning", metadata: warning) }
            case .task(let task):
                summary.tasks += 1
                logger.notice("task", metadata: SendCycle.fields(task))
            default:
                break
            }
        }
        return anyMatched
    }

    /// An active `new-address` task for this customer naming `address`, recorded after the
    /// customer's record last changed.
    private func hasOpenAddressTask(customer: String, address: String, state: LedgerState) -> Bool {
        guard let history = state.customers[customer] else { return false }
        let changed = history.versions.last { state.isActive($0.recordID) }?.position ?? 0
        return history.tasks.contains {
            $0.position > changed && state.isActive($0.recordID) && $0.value.kind == .newAddress
                && $0.value.text.lowercased().contains(address)
        }
    }
}
