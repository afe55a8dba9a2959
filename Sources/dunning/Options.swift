import ArgumentParser
import Daemon
import DunningCore
import DunningStore
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file.", discussion: "Default: $DUNNING_CONFIG, else /etc/dunning/dunning.yaml.", valueName: "path"))
    var config: String?

    /// `--config`, else `$DUNNING_CONFIG`, else `/etc/dunning/dunning.yaml`.
    var configPath: String {
        config ?? ConfigLoader.defaultPath(environment: ProcessInfo.processInfo.environment)
    }

    /// The engine's environment from this process: the config path, systemd's
    /// `$CREDENTIALS_DIRECTORY`, and the real clock, moved by `$DUNNING_CLOCK_OFFSET`
    /// seconds when that is set (for tests that must pass a retry's backoff without
    /// waiting it out; never set it on a real system).
    var environment: DunningEnvironment {
        let process = ProcessInfo.processInfo.environment
        let offset: TimeInterval = process["DUNNING_CLOCK_OFFSET"].flatMap { TimeInterval($0) } ?? 0
        let clock: @Sendable () -> Date = { Date().addingTimeInterval(offset) }
        return DunningEnvironment(configPath: configPath, credentialsDirectory: process["CREDENTIALS_DIRECTORY"], clock: clock,
                                  version: Dunning.version)
    }

    /// The config and the ledger, opened; the ledger's warnings go to stderr.
    func session(keepingRecords: Bool = false) throws -> Session {
        let session = try Session.open(environment: environment, keepingRecords: keepingRecords)
        Console.warnings(of: session)
        return session
    }
}

/// What the `ledger` subcommands that record take: the global options and `--as-of`.
struct LedgerOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("Record as made on this day (a simulation): the record carries as_of; its at stays the real time.",
                               valueName: "day"),
            transform: CalendarDate.argument)
    var asOf: CalendarDate?

    /// The session, recording as of `--as-of` when given.
    func session() throws -> Session {
        let session = try global.session()
        session.asOf = asOf
        return session
    }
}

/// `--invoice ID` or `--customer ID`, exactly one.
struct SubjectOptions: ParsableArguments {
    @Option(help: "The invoice id.") var invoice: String?
    @Option(help: "The customer id.") var customer: String?

    func validate() throws {
        guard (invoice == nil) != (customer == nil) else {
            throw ValidationError("Give exactly one of --invoice and --customer.")
        }
    }

    var subject: Subject {
        if let invoice { return .invoice(invoice) }
        return .customer(customer ?? "")
    }
}

extension CalendarDate {
    /// `YYYY-MM-DD` (also `DD-MM-YYYY`, `DD.MM.YYYY`) on the command line, for
    /// `@Option(transform:)`: a bad date says why (`February 2026 has 28 days`), which an
    /// `ExpressibleByArgument` type cannot (argument-parser drops a failable init's reason).
    static func argument(_ text: String) throws -> CalendarDate {
        do {
            return try CalendarDate.parse(text, lenient: true)
        } catch {
            throw ValidationError(error.description + (error.why.map { ": \($0)" } ?? ""))
        }
    }
}
