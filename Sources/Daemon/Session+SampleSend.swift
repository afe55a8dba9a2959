import DunningCore
import Foundation
import Mail

extension Session {
    /// Sends a sample through the configured transport (`dunning send-test`): the KIND
    /// rendered with sample data in the company's language, the subject marked `[test]`,
    /// `X-Dunning-Invoices: TEST`. Needs no ledger and writes nothing to it.
    public static func sendSample(to address: String, kind: String, config: DunningConfig,
                                  environment: DunningEnvironment) throws(SessionError) -> DeliveryOutcome {
        let library = try templateLibrary(for: config)
        let language = config.company.language
        let rendered: RenderedMessage
        do {
            rendered = try library.render(kind: kind, language: language, data: .sample(kind: kind, config: config, language: language))
        } catch {
            throw .templates([error])
        }
        let builder = TemplateMessageBuilder(config: config, library: library, baseFolder: environment.configFolder)
        let now = environment.clock()
        let messageID = "dunning.test.\(UInt64(now.timeIntervalSince1970 * 1000))@\(builder.domain)"
        let message = OutgoingMessage(messageID: messageID, date: now, timeZone: config.company.timeZone,
                                      from: MailAddress(name: config.company.name, address: config.company.from),
                                      replyTo: config.company.replyTo.map { MailAddress(address: $0) },
                                      to: [MailAddress(address: address)], subject: "[test] " + rendered.subject,
                                      text: rendered.text, html: rendered.html, invoices: ["TEST"])
        let bytes: [UInt8]
        do {
            bytes = try MessageComposer.compose(message)
        } catch {
            throw .input(field: "to", message: error.description)
        }
        let transport: any MailTransport
        do {
            transport = try environment.makeTransport(config.delivery, environment.credentialsDirectory)
        } catch {
            throw .transport(config: environment.configPath, error)
        }
        defer { transport.close() }
        return transport.deliver(bytes, envelope: Envelope(sender: builder.envelopeSender(messageID: messageID), recipients: [address]))
    }
}
