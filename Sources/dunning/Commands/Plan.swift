import ArgumentParser
import Daemon
import DunningCore
import Foundation

/// `dunning plan`: what is due or blocked, and why. Read-only: no records, no log events.
struct Plan: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    static let configuration = CommandConfiguration(
        abstract: "Show what is due per customer, with amounts, costs and interest, or why it is blocked.",
        discussion: "--as-of D means day D in the company's time zone at the moment its send window opens. The plan writes nothing."
    )
    @OptionGroup var options: GlobalOptions
    @Option(name: .customLong("as-of"), help: "The day to plan for (default: now).", transform: CalendarDate.argument) var asOf: CalendarDate?
    @Option(help: "text or json.") var format: Format = .text

    func run() throws {
        let session = try options.session()
        let instant = asOf.map { Planner.asOfInstant(for: $0, config: session.config) } ?? session.now
        let plan = Planner.plan(config: session.config, state: session.state, asOf: instant)
        switch format {
        case .json: Console.out(PlanJSON.render(plan))
        case .text: Console.out(PlanText.render(plan))
        }
    }
}
