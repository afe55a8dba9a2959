import ArgumentParser
import Daemon

/// `dunning check`: validates the config, every template and the ledger; prints `ok`.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the config, the templates and the ledger.",
        discussion: """
            Every template of every language is rendered with sample data; a variable the data does not have \
            is an error. Prints `ok` and exits 0 when all is good; otherwise one `PATH:LINE[:COL]: error: MESSAGE` \
            line per problem and exit 1. Statutory interest without its rates table and overdue invoices no policy \
            covers are warned about (`PATH: warning: MESSAGE` on stderr) without failing the check.
            """
    )
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let environment = options.environment
        let config = try Session.loadConfig(environment)
        try Session.checkTemplates(for: config)
        let session = try Session.open(config: config, environment: environment)
        Console.warnings(of: session)
        for warning in session.coverageWarnings() { Console.error(warning) }
        Console.out("ok")
    }
}
