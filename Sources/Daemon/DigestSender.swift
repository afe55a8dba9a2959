import DunningCore
import Foundation
import Logging
import Mail

/// Sends the bookkeeper's digest when it is due (`DigestSchedule`), and journals it.
///
/// Crash semantics: the `digest` record (date, to, Message-ID) is appended and fsync'd only
/// after the server accepted the message (2xx; for the outbox, the file is in `new/`). A crash
/// between the acceptance and the fsync sends it again at the next run with the same
/// Message-ID (`dunning.digest.YYYY-MM-DD@DOMAIN`), so a mail program shows it once:
/// losing a digest is worse than a duplicate to the bookkeeper. For the same reason an
/// `uncertain` delivery (handed over, no reply) counts as not delivered. A digest that is
/// deferred, refused or cannot be built is logged as a `warning` and tried again at the
/// next run, or by the service after a backoff (`DigestRetry`); nothing is recorded for it.
///
/// Logged on success: `digest date=2026-11-23 to=boekhouding@voorbeeld.nl
/// message_id=<dunning.digest.2026-11-23@voorbeeld.nl> smtp=250 reply="..."`.
public struct DigestSender: Sendable {
    public var config: DunningConfig
    public var logger: Logger
    public var builder: TemplateMessageBuilder
    /// The real time: the message's `Date` header and the 24 hours a first digest covers.
    public var clock: @Sendable () -> Date
    /// Starts the command an uncertain message's line gives (see `DailyDigest.collect`).
    public var resolveCommand: String
    /// The day a `--as-of` run simulates: the 24 hours a first digest covers end at the
    /// clock's time of day on that day (records made under `--as-of` count on their day).
    public var simulatedDay: CalendarDate?

    public init(config: DunningConfig, logger: Logger, builder: TemplateMessageBuilder,
                clock: @escaping @Sendable () -> Date = { Date() }, resolveCommand: String = "dunning ledger resolve") {
        self.config = config
        self.logger = logger
        self.builder = builder
        self.clock = clock
        self.resolveCommand = resolveCommand
    }

    /// What became of the digest at one run.
    public enum Outcome: Sendable, Equatable {
        /// No digest configured, not a business day, before `digest.at`, or already sent today.
        case notDue
        case sent(date: CalendarDate, messageID: String)
        /// Deferred, refused or uncertain: tried again next time.
        case notDelivered(date: CalendarDate, DeliveryOutcome)
        /// The template or the message could not be made: tried again next time.
        case notBuilt(date: CalendarDate, reason: String)
    }

    /// Sends the digest due at `asOf` (now, or `--as-of`'s day at the window's opening), if
    /// any, as the state of `ledger` is now: run it after the send cycle, so that it reports
    /// that cycle too. Throws when the transport cannot be set up or the ledger not written.
    public func sendIfDue(asOf: Date, ledger: any CycleLedger, transport: () throws -> any MailTransport) throws -> Outcome {
        guard let digest = config.digest, let date = DigestSchedule(config: config).due(at: asOf, state: ledger.state) else {
            return .notDue
        }
        let plan = Planner.plan(config: config, state: ledger.state, asOf: asOf)
        let now = simulatedDay.map { CalendarDate.moving(clock(), to: $0, in: config.company.timeZone) } ?? clock()
        let content = DailyDigest.collect(config: config, state: ledger.state, plan: plan, date: date, now: now,
                                          resolveCommand: resolveCommand)
        let messageID = builder.digestMessageID(for: date)
        var fields: Logger.Metadata = [
            "date": .string(date.description), "to": .string(digest.to), "message_id": .string("<\(messageID)>"),
        ]
        let bytes: [UInt8]
        do {
            bytes = try builder.digest(content, to: digest.to, messageID: messageID, date: clock())
        } catch {
            fields["detail"] = .string("the digest could not be made (\(error.reason)); tried again later")
            logger.warning("warning", metadata: fields)
            return .notBuilt(date: date, reason: error.reason)
        }
        let channel = try transport()
        let outcome = channel.deliver(bytes, envelope: Envelope(sender: builder.envelopeSender(messageID: messageID),
                                                                recipients: [digest.to]))
        channel.close()
        let reply: String
        switch outcome {
        case .sent(let text):
            reply = text
        case .deferred(let text), .failed(let text), .uncertain(let text):
            fields.addReply(text)
            fields["detail"] = .string("the digest was not delivered (\(Self.name(outcome))); tried again later")
            logger.warning("warning", metadata: fields)
            return .notDelivered(date: date, outcome)
        }
        try ledger.append([.digest(DigestRecord(date: date, to: digest.to, messageID: messageID))])
        fields.addReply(reply)
        logger.info("digest", metadata: fields)
        return .sent(date: date, messageID: messageID)
    }

    private static func name(_ outcome: DeliveryOutcome) -> String {
        switch outcome {
        case .sent: "sent"
        case .deferred: "deferred"
        case .failed: "failed"
        case .uncertain: "uncertain"
        }
    }
}
