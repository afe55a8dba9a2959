import ArgumentParser
import Daemon
import DunningCore
import Foundation
import Logging
import ServiceLifecycle

/// `dunning run --once`: bounce intake, then one send cycle (plan → render → journal →
/// deliver → journal), then the digest when it is due. Without `--once`: the service
/// (`DunningService` in a `ServiceGroup`).
///
/// Takes the single-sender lock first (`LEDGER.sender.lock`); a second sender exits 1.
struct Run: AsyncParsableCommand {
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
    @Option(name: .customLong("as-of"), help: "Plan for this day (at the send window's opening) instead of now.", transform: CalendarDate.argument)
    var asOf: CalendarDate?

    func validate() throws {
        if !once, dryRun || asOf != nil { throw ValidationError("--dry-run and --as-of go with --once") }
    }

    func run() async throws {
        let environment = options.environment
        let config = try Session.loadConfig(environment)
        let lock: SenderLock
        do {
            lock = try SenderLock(ledger: config.ledger)
        } catch {
            throw UserError(error.description)
        }
        defer { withExtendedLifetime(lock) {} }
        let journal = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil
        let logger = Logger(label: "dunning") { _ in LogfmtLogHandler(journal: journal) }
        let session = try Session.open(config: config, environment: environment)
        Console.warnings(of: session)
        if !once {
            let service = try DunningService(session: session, logger: logger)
            // The service ignores these signals itself; the group turns them into events.
            for signal in [SIGTERM, SIGINT, SIGHUP] { Glibc.signal(signal, SIG_IGN) }
            let group = ServiceGroup(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
            return
        }
        session.asOf = asOf
        let instant = asOf.map { Planner.asOfInstant(for: $0, config: config) } ?? session.now
        let cycle = try session.sendCycle(logger: logger, dryRun: dryRun, asOf: instant)
        var retry = DigestRetry()
        _ = try session.round(cycle, logger: logger, digestRetry: &retry)
        Console.warnings(of: session)
    }
}
