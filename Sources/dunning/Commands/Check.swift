import ArgumentParser
import DunningCore

/// `dunning check`: validates the config, every template and the ledger; prints `ok`.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the config, the templates and the ledger.",
        discussion: """
            Every template of every language is rendered with sample data; a variable the data does not have \
            is an error. Prints `ok` and exits 0 when all is good; otherwise one `PATH:LINE[:COL]: error: MESSAGE` \
            line per problem and exit 1.
            """
    )
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let config = try Workspace.loadConfig(options)
        let problems = try Sending.library(config).check(kinds: [], config: config)
        guard problems.isEmpty else { throw UserError(lines: problems.map(\.description)) }
        _ = try Workspace.open(options)
        Console.out("ok")
    }
}
