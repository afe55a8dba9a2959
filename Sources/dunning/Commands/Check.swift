import ArgumentParser
import DunningCore

/// `dunning check`: validates the config and the ledger; prints `ok` and exits 0.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the config and the ledger.",
        discussion: "Prints `ok` and exits 0 when both are good; otherwise one `PATH:LINE[:COL]: error: MESSAGE` line per problem and exit 1."
    )
    @OptionGroup var options: GlobalOptions

    func run() throws {
        _ = try Workspace.open(options)
        Console.out("ok")
    }
}
