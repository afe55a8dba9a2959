import ArgumentParser
import Foundation

/// `dunning`: chases unpaid invoices, politely and lawfully.
///
/// Exit codes (SPEC): 0 success, 1 a user error (bad config, ledger or input; printed as
/// `PATH:LINE[:COL]: error: MESSAGE`), 2 a usage error (argument-parser's 64 mapped to 2).
@main
struct Dunning: ParsableCommand {
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

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
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
}

/// Where the CLI writes: results on stdout, errors and warnings on stderr, one line each.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

/// A problem with the user's files or input: printed as is, exit 1.
struct UserError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
    /// Several `PATH:LINE: error:` lines at once.
    init(lines: [String]) { description = lines.joined(separator: "\n") }
}
