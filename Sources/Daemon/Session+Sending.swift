import Bounces
import DunningCore
import Foundation
import Logging
import Mail
import Verify

/// What one round of the sender did: bounce intake, the send cycle, the digest.
public struct RoundSummary: Sendable {
    public var intake = IntakeSummary()
    public var cycle = CycleSummary()
    /// When the next digest is due (or its next attempt after a failure); `nil` when none is.
    public var nextDigest: Date?
    public init() {}
}

/// The sender's parts on a session's config: templates, transport, contact verifier, and
/// the round `run --once` and each tick of the service make.
extension Session {
    /// The templates `config` names (the built-in set when `templates:` is unset).
    public static func templateLibrary(for config: DunningConfig) throws(SessionError) -> TemplateLibrary {
        do {
            return try TemplateLibrary(folder: config.templates, fallbackLanguage: config.company.language)
        } catch {
            throw .templates([error])
        }
    }

    /// Every template of every language rendered with sample data (`check`, a reload):
    /// throws every problem at once.
    public static func checkTemplates(for config: DunningConfig) throws(SessionError) {
        let problems = try templateLibrary(for: config).check(kinds: [], config: config)
        guard problems.isEmpty else { throw .templates(problems) }
    }

    /// Builds the messages: templates and MIME, invoice PDFs relative to the config's folder.
    public func messageBuilder() throws(SessionError) -> TemplateMessageBuilder {
        TemplateMessageBuilder(config: config, library: try Self.templateLibrary(for: config), baseFolder: environment.configFolder)
    }

    /// The contact verifier on real parts (c-ares, libidn2, libphonenumber).
    public func contactVerifier() throws(SessionError) -> ContactVerifier {
        do {
            return try ContactVerifier.live(config: config)
        } catch {
            throw .resolvers(config: environment.configPath, reason: "\(error)")
        }
    }

    /// The configured transport, opened now.
    public func transport() throws(SessionError) -> any MailTransport {
        do {
            return try environment.makeTransport(config.delivery, environment.credentialsDirectory)
        } catch {
            throw .transport(config: environment.configPath, error)
        }
    }

    /// A send cycle on this session's config, templates, contact verifier and clock.
    public func sendCycle(logger: Logger, dryRun: Bool = false, asOf: Date) throws(SessionError) -> SendCycle {
        var cycle = SendCycle(config: config, logger: logger, builder: try messageBuilder(), dryRun: dryRun, asOf: asOf,
                              clock: environment.clock)
        cycle.simulatedDay = self.asOf
        cycle.verifier = try contactVerifier()
        return cycle
    }

    /// One round: the bounces that arrived (so that an address that bounced is not written
    /// to again), then `cycle`, then the bookkeeper's digest when it is due. A dry run takes
    /// in no bounces and sends no digest. `digestRetry` is the service's memory of failed
    /// digests (a fresh one for `run --once`).
    public func round(_ cycle: SendCycle, logger: Logger, digestRetry: inout DigestRetry) throws -> RoundSummary {
        var summary = RoundSummary()
        if !cycle.dryRun { summary.intake = try takeInBounces(logger: logger, shouldStop: cycle.shouldStop) }
        summary.cycle = try run(cycle, logger: logger)
        if !cycle.dryRun { summary.nextDigest = try sendDigestIfDue(asOf: cycle.asOf, logger: logger, retry: &digestRetry) }
        return summary
    }

    /// Runs `cycle` with the memory of `blocked` lines logged today (`BlockedLogFile` beside
    /// the ledger): loaded before, saved after (a dry run logs every one and keeps no
    /// memory); problems with that file are `warning` lines.
    public func run(_ cycle: SendCycle, logger: Logger) throws -> CycleSummary {
        var cycle = cycle
        let blocked = BlockedLogFile(ledger: config.ledger)
        if !cycle.dryRun {
            let (log, warning) = blocked.load()
            if let warning { logger.warning("warning", metadata: ["detail": .string(warning)]) }
            cycle.blockedLog = log
        }
        let summary = try cycle.run(ledger: self) { () throws(SessionError) in try transport() }
        if let log = summary.blockedLog, log != cycle.blockedLog {
            do {
                try blocked.save(log)
            } catch {
                logger.warning("warning", metadata: ["detail": .string(error.description)])
            }
        }
        return summary
    }

    /// Bounce intake (`BounceIntake`) from `bounces.maildir`, then `bounces.imap`. A mailbox
    /// that cannot be opened or read is a `warning` and the round goes on: what is not read
    /// now is read next time. A ledger that refuses the records is an error.
    public func takeInBounces(logger: Logger, shouldStop: @escaping @Sendable () -> Bool = { false }) throws -> IntakeSummary {
        var intake = BounceIntake(logger: logger, timeZone: config.company.timeZone, clock: environment.clock)
        intake.shouldStop = shouldStop
        var total = IntakeSummary()
        var mailboxes: [() throws -> any BounceMailbox] = []
        if let path = config.bounces.maildir { mailboxes.append { try MaildirBounceMailbox(path: path) } }
        if config.bounces.imap != nil {
            mailboxes.append { [config, environment] in
                try IMAPBounceMailbox(settings: config.bounces, credentialsDirectory: environment.credentialsDirectory)
            }
        }
        for open in mailboxes {
            do {
                let mailbox = try open()
                total += try intake.run(mailbox, ledger: self)
                (mailbox as? IMAPBounceMailbox)?.close()
            } catch let error as SessionError {
                throw error
            } catch {
                logger.warning("warning", metadata: ["detail": .string("bounce intake: \(error)")])
            }
        }
        return total
    }

    /// The bookkeeper's digest, when one is due at `asOf` (see `DigestSchedule` and
    /// `DigestSender`): run after the send cycle. Returns when the next digest is due
    /// (`asOf` itself while today's is still to go), for the service's timer.
    ///
    /// `retry` holds back a digest that failed lately (`DigestRetry`); the moment returned
    /// is then its next attempt.
    public func sendDigestIfDue(asOf: Date, logger: Logger, retry: inout DigestRetry) throws -> Date? {
        let schedule = DigestSchedule(config: config)
        if let date = schedule.due(at: asOf, state: state) {
            guard retry.allows(date, at: now) else { return retry.notBefore }
            var sender = DigestSender(config: config, logger: logger, builder: try messageBuilder(), clock: environment.clock,
                                      resolveCommand: Self.resolveCommand(configPath: environment.configPath))
            sender.simulatedDay = self.asOf
            let outcome = try sender.sendIfDue(asOf: asOf, ledger: self) { () throws(SessionError) in try transport() }
            retry.note(outcome, at: now, retry: config.retry)
            // Set only after a failed attempt: the next one.
            if let next = retry.notBefore { return next }
        }
        return schedule.next(after: asOf, state: state)
    }

    /// `dunning ledger resolve`, with `--config PATH` (absolute) unless the config is the
    /// default one, so that the bookkeeper can paste the digest's command as it stands.
    public static func resolveCommand(configPath: String) -> String {
        let path = URL(fileURLWithPath: configPath).standardizedFileURL.path
        guard path != "/etc/dunning/dunning.yaml" else { return "dunning ledger resolve" }
        let plain = path.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+@".unicodeScalars.contains($0) }
        let quoted = plain ? path : "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        return "dunning ledger resolve --config \(quoted)"
    }
}

/// The send cycle, bounce intake and digest append through the session.
extension Session: CycleLedger {
    @discardableResult
    public func append(_ bodies: [LedgerRecord.Body]) throws -> [LedgerRecord] {
        let records = RecordID.records(for: bodies, at: now) { state.contains(recordID: $0) }
        try append(records, source: nil)
        return records
    }

    public func append(records: [LedgerRecord]) throws {
        try append(records, source: nil)
    }
}
