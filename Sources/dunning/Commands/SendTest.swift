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
        let library = try Session.templateLibrary(for: config)
        let language = config.company.language
        let rendered: RenderedMessage
        do {
            rendered = try library.render(kind: template, language: language, data: .sample(kind: template, config: config, language: language))
        } catch {
            throw UserError(error.description)
        }
        let builder = TemplateMessageBuilder(config: config, library: library, baseFolder: ".")
        let now = environment.clock()
        let messageID = "dunning.test.\(UInt64(now.timeIntervalSince1970 * 1000))@\(builder.domain)"
        let message = OutgoingMessage(messageID: messageID, date: now, timeZone: config.company.timeZone,
                                      from: MailAddress(name: config.company.name, address: config.company.from),
                                      replyTo: config.company.replyTo.map { MailAddress(address: $0) },
                                      to: [MailAddress(address: to)], subject: "[test] " + rendered.subject,
                                      text: rendered.text, html: rendered.html, invoices: ["TEST"])
        let bytes: [UInt8]
        do {
            bytes = try MessageComposer.compose(message)
        } catch {
            throw UserError("error: --to: \(error.description)")
        }
        let transport: any MailTransport
        do {
            transport = try environment.makeTransport(config.delivery, environment.credentialsDirectory)
        } catch {
            throw UserError("\(config.ledger): error: delivery: \(error)")
        }
        defer { transport.close() }
        switch transport.deliver(bytes, envelope: Envelope(sender: builder.envelopeSender(messageID: messageID), recipients: [to])) {
        case .sent(let reply): Console.out("sent \(reply)")
        case .deferred(let reply): throw UserError("error: deferred: \(reply)")
        case .failed(let reply): throw UserError("error: failed: \(reply)")
        case .uncertain(let reason): throw UserError("error: uncertain: \(reason)")
        }
    }
}
