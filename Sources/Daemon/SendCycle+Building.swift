import Dispatch
import DunningCore
import Foundation
import Mail
import Phone

/// Building the cycle's messages: the jobs read from the state up front, the confirmations
/// due, rendering and composing (on other threads), and the number a call task names.
extension SendCycle {
    /// ` on +31205551234` (E.164 by libphonenumber, for the customer's country), or why
    /// there is no number to call: the task is written either way (docs/plan.md: a task step needs
    /// a valid phone, else the task says so).
    static func phoneClause(_ phone: String?, country: String) -> String {
        guard let phone, !phone.trimmingCharacters(in: .whitespaces).isEmpty else { return " (no valid phone: none on file)" }
        switch PhoneNumber.normalize(phone, country: country) {
        case .success(let number): return " on \(number.e164)" + (number.extension.map { " ext. \($0)" } ?? "")
        case .failure(let error): return " (no valid phone: '\(phone)' is \(error))"
        }
    }

    // MARK: Building

    /// The job for an item to send, or `nil` when it has no address or customer to write to.
    func job(_ item: PlanItem, messageID: String, state: LedgerState) -> Job? {
        guard let to = item.to, let customer = state.customer(item.customer) else { return nil }
        return Job(customer: item.customer, step: item.step, invoices: item.invoices.map(\.id), to: to, messageID: messageID,
                   source: .item(item, customer, inReplyTo: previousMessageID(for: item, state: state)))
    }

    /// The confirmations due now: new ones, and deferred ones whose backoff has passed
    /// (given up like reminders after `retry.give_up`).
    func confirmations(ledger: any CycleLedger, jobs: inout [Job], failures: inout [LedgerRecord.Body],
                               tasks: inout [LedgerRecord.Body]) {
        let due = Confirmations.due(config: config, state: ledger.state, asOf: self.asOf,
                                    messageID: builder.confirmationMessageID)
        for confirmation in due {
            if case .deferred(let message) = confirmation.delivery {
                switch retryDecision(among: [message], state: ledger.state) {
                case .wait:
                    continue
                case .giveUp(let message, let reply):
                    giveUp(message, reply: reply, failures: &failures, tasks: &tasks)
                    continue
                case .retry:
                    break
                }
            }
            jobs.append(Job(customer: confirmation.customer.customer, step: Confirmations.step,
                            invoices: confirmation.invoices.map(\.invoice.invoice), to: confirmation.customer.email,
                            messageID: confirmation.messageID, source: .confirmation(confirmation)))
        }
    }

    /// A deferred message past `retry.give_up`: `failed`, and a `give-up` task for a human.
    func giveUp(_ message: MessageState, reply: String, failures: inout [LedgerRecord.Body],
                        tasks: inout [LedgerRecord.Body]) {
        failures.append(.reminder(ReminderRecord(customer: message.customer, step: message.step, invoices: message.invoices,
                                                  to: message.to, messageID: message.messageID, state: .failed,
                                                  reply: "gave up after \(config.retry.giveUp): \(reply)")))
        tasks.append(.task(TaskRecord(customer: message.customer, invoices: message.invoices, kind: .giveUp,
                                      text: "message <\(message.messageID)> to \(message.to) could not be delivered for \(config.retry.giveUp) (\(reply)); check the address and settle by hand")))
    }

    /// The message, or the `failed` record saying why it cannot be built.
    func build(_ job: Job, asOf: CalendarDate) -> Result<Outgoing, FailedBuild> {
        do {
            let bytes: [UInt8] = switch job.source {
            case .item(let item, let customer, let inReplyTo):
                try builder.message(for: item, customer: customer, messageID: job.messageID, inReplyTo: inReplyTo,
                                    date: clock(), asOf: asOf)
            case .confirmation(let confirmation):
                try builder.confirmation(confirmation, messageID: job.messageID, date: clock(), asOf: asOf)
            }
            return .success(Outgoing(customer: job.customer, step: job.step, invoices: job.invoices, messageID: job.messageID,
                                     bytes: bytes,
                                     envelope: Envelope(sender: builder.envelopeSender(messageID: job.messageID), recipients: [job.to])))
        } catch {
            return .failure(FailedBuild(record: ReminderRecord(
                customer: job.customer, step: job.step, invoices: job.invoices, to: job.to,
                messageID: job.messageID, state: .failed, reply: "not sent: \(error.reason)")))
        }
    }

    /// Builds `jobs` spread over the processors (`BuildThreads`, at a lower priority),
    /// results in the jobs' order.
    func build(_ jobs: ArraySlice<Job>, asOf: CalendarDate) -> [Result<Outgoing, FailedBuild>] {
        let results = BuildResults(count: jobs.count)
        let cycle = self
        BuildThreads.shared.perform(iterations: jobs.count) { offset in
            results.set(offset, cycle.build(jobs[jobs.startIndex + offset], asOf: asOf))
        }
        return results.all
    }
}
