import ArgumentParser
import Bounces
import Daemon
import DunningCore
import DunningStore
import Foundation
import Logging
import Mail
import Verify

/// `dunning run --once`: bounce intake, then one send cycle (plan → render → journal →
/// deliver → journal). Without `--once`: the service (`DaemonLoop`).
///
/// Takes the single-sender lock first (`LEDGER.sender.lock`); a second sender exits 1.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send the reminders that are due (one cycle with --once).",
        discussion: """
            First takes in the bounces in bounces.maildir and bounces.imap (bounce records, `bounced` lines), then sends. \
            Every message is journaled in the ledger as `sending` before delivery and as sent, deferred, \
            failed or uncertain after it; log lines go to stderr (logfmt; journald priorities under systemd). \
            --dry-run renders and logs `would-send` lines but delivers and records nothing. \
            Within the send window it also sends the written confirmation of each promise and arrangement \
            recorded in the last 7 days (once each, step `confirmation`; see `ledger promise --help`). \
            With `digest:` configured it then sends the bookkeeper's daily digest once it is due (a business day, \
            at or after digest.at; once per day, journaled as a `digest` record), also with --once; not with --dry-run.
            """
    )
    @OptionGroup var options: GlobalOptions
    @Flag(help: "One cycle, then exit.") var once = false
    @Flag(name: .customLong("dry-run"), help: "Render and log; deliver nothing, record nothing.") var dryRun = false
    @Option(name: .customLong("as-of"), help: "Plan for this day (at the send window's opening) instead of now.") var asOf: CalendarDate?

    func validate() throws {
        if !once, dryRun || asOf != nil { throw ValidationError("--dry-run and --as-of go with --once") }
    }

    func run() throws {
        let config = try Workspace.loadConfig(options)
        let lock: SenderLock
        do {
            lock = try SenderLock(ledger: config.ledger)
        } catch {
            throw UserError(error.description)
        }
        defer { withExtendedLifetime(lock) {} }
        let logger = Logger(label: "dunning") { _ in LogfmtLogHandler() }
        if !once {
            let loop = try DaemonLoop(options: options, config: config, logger: logger)
            withExtendedLifetime(lock) { loop.run() }
        }
        let workspace = try Workspace.open(options, config: config)
        let instant = asOf.map { Planner.asOfInstant(for: $0, config: config) } ?? Date()
        let cycle = try Sending.cycle(workspace, logger: logger, dryRun: dryRun, asOf: instant)
        let ledger = WorkspaceLedger(workspace)
        // Bounces first, so an address that bounced is not written to again in this cycle.
        if !dryRun { _ = try Sending.intake(ledger, logger: logger) }
        _ = try Sending.run(cycle, on: ledger, blocked: BlockedLogFile(ledger: config.ledger), logger: logger)
        if !dryRun {
            var retry = DigestRetry()
            try Sending.digest(on: ledger, asOf: instant, logger: logger, configPath: options.configPath, retry: &retry)
        }
    }
}

/// What `run`, `render`, `send-test` and `verify` share: the templates, the transport, the verifier.
enum Sending {
    /// A send cycle on the workspace's config, templates and contact verifier.
    static func cycle(_ workspace: Workspace, logger: Logger, dryRun: Bool = false, asOf: Date) throws -> SendCycle {
        var cycle = SendCycle(config: workspace.config, logger: logger, builder: try builder(workspace), dryRun: dryRun, asOf: asOf)
        cycle.verifier = try verifier(workspace)
        return cycle
    }

    /// Runs `cycle` with the memory of `blocked` lines logged today: loaded before, saved after
    /// (a dry run logs every one and keeps no memory); problems with that file are `warning`
    /// lines. A transport that cannot be set up is a `UserError` naming the config.
    static func run(_ cycle: SendCycle, on ledger: WorkspaceLedger, blocked: BlockedLogFile, logger: Logger) throws -> CycleSummary {
        var cycle = cycle
        if !cycle.dryRun {
            let (log, warning) = blocked.load()
            if let warning { logger.warning("warning", metadata: ["detail": .string(warning)]) }
            cycle.blockedLog = log
        }
        let summary: CycleSummary
        do {
            summary = try cycle.run(ledger: ledger) { try transport(cycle.config) }
        } catch let error as TransportError {
            throw UserError("\(ledger.workspace.configPath): error: delivery: \(error.description)")
        }
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
    /// that cannot be opened or read is a `warning` and the cycle goes on: what is not read
    /// now is read next time. A ledger that refuses the records is an error.
    static func intake(_ ledger: WorkspaceLedger, logger: Logger, shouldStop: @escaping @Sendable () -> Bool = { false }) throws -> IntakeSummary {
        let config = ledger.workspace.config
        var intake = BounceIntake(logger: logger, timeZone: config.company.timeZone)
        intake.shouldStop = shouldStop
        var total = IntakeSummary()
        var mailboxes: [() throws -> any BounceMailbox] = []
        if let path = config.bounces.maildir { mailboxes.append { try MaildirBounceMailbox(path: path) } }
        if config.bounces.imap != nil {
            mailboxes.append {
                try IMAPBounceMailbox(settings: config.bounces, credentialsDirectory: ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"])
            }
        }
        for open in mailboxes {
            do {
                let mailbox = try open()
                total += try intake.run(mailbox, ledger: ledger)
                (mailbox as? IMAPBounceMailbox)?.close()
            } catch let error as UserError {
                throw error
            } catch {
                logger.warning("warning", metadata: ["detail": .string("bounce intake: \(error)")])
            }
        }
        return total
    }

    /// The contact verifier on real parts (c-ares, libidn2, libphonenumber).
    static func verifier(_ workspace: Workspace) throws -> ContactVerifier {
        do {
            return try ContactVerifier.live(config: workspace.config)
        } catch {
            throw UserError("\(workspace.configPath): error: verification.resolvers: \(error)")
        }
    }

    static func library(_ config: DunningConfig) throws -> TemplateLibrary {
        do {
            return try TemplateLibrary(folder: config.templates, fallbackLanguage: config.company.language)
        } catch {
            throw UserError(error.description)
        }
    }

    static func builder(_ workspace: Workspace) throws -> TemplateMessageBuilder {
        TemplateMessageBuilder(config: workspace.config, library: try library(workspace.config),
                               baseFolder: URL(fileURLWithPath: workspace.configPath).deletingLastPathComponent().path)
    }

    static func transport(_ config: DunningConfig) throws -> any MailTransport {
        try TransportFactory.make(config.delivery, credentialsDirectory: ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"])
    }
}
