import ArgumentParser
import Daemon
import Foundation

/// `dunning`: chases unpaid invoices, politely and lawfully.
///
/// Exit codes: 0 success, 1 a user error (bad config, ledger or input; printed as
/// `PATH:LINE[:COL]: error: MESSAGE`), 2 a usage error (argument-parser's 64 mapped to 2).
/// This file is the only place errors become exit codes.
@main
struct Dunning: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dunning",
        abstract: "Chases unpaid invoices by itself, politely and lawfully.",
        discussion: """
            Reads a YAML config (--config, else $DUNNING_CONFIG, else /etc/dunning/dunning.yaml) and an \
            append-only JSON Lines ledger, and proposes or sends the reminders that are due.
            """,
        version: version,
        subcommands: [Check.self, Plan.self, Run.self, Render.self, SendTest.self, VerifyCommand.self, Import.self, Ledger.self,
                      ExportTemplates.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as SessionError {
            Console.error(Self.text(of: error))
            Foundation.exit(1)
        } catch let error as UserError {
            Console.error(error.description)
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Console.error(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// The engine's error as the CLI words it: input errors name the option (`--invoice`).
    static func text(of error: SessionError) -> String {
        if case .input(let field, let message) = error { return "error: --\(field): \(message)" }
        return error.description
    }
}

/// Where the CLI writes: results on stdout, errors and warnings on stderr, one line each.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// What the session noticed about the ledger (created, a torn line cut), on stderr.
    static func warnings(of session: Session) {
        for warning in session.takeWarnings() { error(warning) }
    }
}

/// A problem with the user's input that only the CLI sees: printed as is, exit 1.
struct UserError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
