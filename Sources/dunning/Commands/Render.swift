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
    @Option(name: .customLong("as-of"), help: "Plan for this day instead of now.") var asOf: CalendarDate?

    func run() throws {
        let session = try options.session()
        guard session.state.invoice(invoice) != nil else { throw UserError("error: --invoice: unknown invoice '\(invoice)'") }
        let instant = asOf.map { Planner.asOfInstant(for: $0, config: session.config) } ?? session.now
        let plan = Planner.plan(config: session.config, state: session.state, asOf: instant)
        guard var item = plan.items.first(where: { $0.invoices.contains { $0.id == invoice } }) else {
            throw UserError("error: --invoice: '\(invoice)' is not in the plan (not overdue, settled or paused)")
        }
        if let step {
            guard let policy = session.config.effectivePolicies.first(where: { $0.id == item.policy }),
                  let index = policy.steps.firstIndex(where: { $0.id == step }) else {
                throw UserError("error: --step: policy '\(item.policy)' has no step '\(step)'")
            }
            item.step = step
            item.stepIndex = index
            item.template = policy.steps[index].template
            item.channel = policy.steps[index].channel
        }
        guard item.channel == .email, item.to != nil, let customer = session.state.customer(item.customer) else {
            throw UserError("error: step '\(item.step)' of customer \(item.customer) sends no e-mail (channel \(item.channel.rawValue), to \(item.to ?? "none"))")
        }
        let builder = try session.messageBuilder()
        do {
            let bytes = try builder.message(for: item, customer: customer, messageID: builder.messageID(for: item), inReplyTo: nil,
                                            date: session.now, asOf: plan.asOf)
            FileHandle.standardOutput.write(Data(bytes))
        } catch {
            throw UserError("error: \(error.reason)")
        }
    }
}
