import ArgumentParser
import Daemon
import DunningCore
import Foundation
import Mail

/// `dunning send-test --to ADDR [--template ID]`: a sample through the configured transport.
struct SendTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-test",
        abstract: "Send a sample message through the configured transport (outbox or SMTP).",
        discussion: "Rendered with sample data in the company's language; nothing is written to the ledger. Exit 1 unless the server accepted it."
    )
    @OptionGroup var options: GlobalOptions
    @Option(help: "The recipient.") var to: String
    @Option(help: "The template kind (default: reminder).") var template = TemplateKind.reminder.rawValue

    func run() throws {
        let environment = options.environment
        let config = try Session.loadConfig(environment)
        switch try Session.sendSample(to: to, kind: template, config: config, environment: environment) {
        case .sent(let reply): Console.out("sent \(reply)")
        case .deferred(let reply): throw UserError("error: deferred: \(reply)")
        case .failed(let reply): throw UserError("error: failed: \(reply)")
        case .uncertain(let reason): throw UserError("error: uncertain: \(reason)")
        }
    }
}
