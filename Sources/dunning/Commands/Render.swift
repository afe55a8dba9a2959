import ArgumentParser
import Daemon
import DunningCore
import Foundation

/// `dunning render --invoice ID [--step ID]`: the exact MIME message that would be sent.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the exact MIME message that would be sent for an invoice's customer.",
        discussion: "Without --step: the step the plan has for the invoice now (or as of --as-of). Writes nothing."
    )
    @OptionGroup var options: GlobalOptions
    @Option(help: "An invoice id; the message is its customer's item.") var invoice: String
    @Option(help: "A policy step id (default: the step that is due).") var step: String?
    @Option(name: .customLong("as-of"), help: "Plan for this day instead of now.", transform: CalendarDate.argument) var asOf: CalendarDate?

    func run() throws {
        let session = try options.session()
        let instant = asOf.map { Planner.asOfInstant(for: $0, config: session.config) } ?? session.now
        FileHandle.standardOutput.write(Data(try session.renderMessage(invoice: invoice, step: step, asOf: instant)))
    }
}
