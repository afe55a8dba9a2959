import DunningCore
import Foundation
import Mail

extension Session {
    /// The exact message the plan at `asOf` would send for the customer of `invoice`, at
    /// its due step or at `step` of the same policy (`dunning render`). Writes nothing.
    public func renderMessage(invoice: String, step: String? = nil, asOf: Date) throws(SessionError) -> [UInt8] {
        guard state.invoice(invoice) != nil else { throw .input(field: "invoice", message: "unknown invoice '\(invoice)'") }
        let plan = Planner.plan(config: config, state: state, asOf: asOf)
        guard var item = plan.items.first(where: { $0.invoices.contains { $0.id == invoice } }) else {
            throw .input(field: "invoice", message: "'\(invoice)' is not in the plan (not overdue, settled or paused)")
        }
        if let step {
            guard let policy = config.effectivePolicies.first(where: { $0.id == item.policy }),
                  let index = policy.steps.firstIndex(where: { $0.id == step }) else {
                throw .input(field: "step", message: "policy '\(item.policy)' has no step '\(step)'")
            }
            item.step = step
            item.stepIndex = index
            item.template = policy.steps[index].template
            item.channel = policy.steps[index].channel
        }
        guard item.channel == .email, item.to != nil, let customer = state.customer(item.customer) else {
            throw .message(MessageBuildError(
                "step '\(item.step)' of customer \(item.customer) sends no e-mail (channel \(item.channel.rawValue), to \(item.to ?? "none"))"))
        }
        let builder = try messageBuilder()
        do {
            return try builder.message(for: item, customer: customer, messageID: builder.messageID(for: item), inReplyTo: nil,
                                       date: now, asOf: plan.asOf)
        } catch {
            throw .message(error)
        }
    }
}
