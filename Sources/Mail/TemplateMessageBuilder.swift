import DunningCore
import Foundation

/// Builds the real messages: the step's template in the customer's language
/// (`TemplateLibrary`), wrapped into MIME by `MessageComposer`, with the invoice PDFs.
public struct TemplateMessageBuilder: Sendable {
    public let config: DunningConfig
    public let library: TemplateLibrary
    /// Where relative invoice `pdf` paths are looked up (the config file's folder).
    public let baseFolder: String

    /// The company's mail domain: the part of `company.from` after the `@`.
    public let domain: String

    public init(config: DunningConfig, library: TemplateLibrary, baseFolder: String) {
        self.config = config
        self.library = library
        self.baseFolder = baseFolder
        domain = config.company.from.split(separator: "@").last.map(String.init) ?? "localhost"
    }

    public func messageID(for item: PlanItem) -> String {
        MessageID.make(customer: item.customer, step: item.step, invoices: item.invoices.map(\.id), domain: domain)
    }

    public func confirmationMessageID(customer: String, agreement recordID: String) -> String {
        MessageID.confirmation(customer: customer, agreement: recordID, domain: domain)
    }

    /// `envelope_from` with `{token}` replaced by the Message-ID's local part (VERP: a
    /// bounce names the message it is about); `company.from` when none is configured.
    public func envelopeSender(messageID: String) -> String {
        guard config.delivery.transport == .smtp, let pattern = config.delivery.smtp?.envelopeFrom else { return config.company.from }
        let token = messageID.split(separator: "@").first.map(String.init) ?? messageID
        return pattern.replacingOccurrences(of: "{token}", with: token)
    }

    public func message(for item: PlanItem, customer: CustomerRecord, messageID: String, inReplyTo: String?,
                        date: Date, asOf: CalendarDate) throws(MessageBuildError) -> [UInt8] {
        guard let template = item.template, let to = item.to else {
            throw MessageBuildError("step \(item.step) has no template or the customer no e-mail address")
        }
        let rendered: RenderedMessage
        do {
            rendered = try library.render(kind: template, language: customer.language,
                                          data: .reminder(item: item, customer: customer, config: config, asOf: asOf))
        } catch {
            throw MessageBuildError("template: \(error.description)")
        }
        return try compose(rendered, to: MailAddress(name: customer.name, address: to), messageID: messageID, date: date,
                           invoices: item.invoices.map(\.id), inReplyTo: inReplyTo, attachments: try attachments(for: item))
    }

    /// The `confirmation` template for the agreement, in the customer's language, to its
    /// email address; no attachments.
    ///
    /// A customer-wide promise over open invoices in more than one currency is refused (the
    /// message is recorded `failed`, once, and logged): one letter cannot state one amount
    /// and total without adding currencies, so a person confirms that one by hand.
    public func confirmation(_ confirmation: DueConfirmation, messageID: String, date: Date,
                             asOf: CalendarDate) throws(MessageBuildError) -> [UInt8] {
        let customer = confirmation.customer
        let currencies = Set(confirmation.invoices.map(\.invoice.currency.code)).sorted()
        if currencies.count > 1 {
            throw MessageBuildError("the agreement covers invoices in \(currencies.joined(separator: " and ")): one letter cannot state one amount; confirm it by hand")
        }
        let data: TemplateData = switch confirmation.agreement {
        case .promise(let promise):
            .confirmation(promise: promise, invoices: confirmation.invoices, customer: customer, config: config, asOf: asOf)
        case .arrangement(let arrangement):
            .confirmation(arrangement: arrangement, invoices: confirmation.invoices, customer: customer, config: config, asOf: asOf)
        }
        let rendered: RenderedMessage
        do {
            rendered = try library.render(kind: TemplateKind.confirmation.rawValue, language: customer.language, data: data)
        } catch {
            throw MessageBuildError("template: \(error.description)")
        }
        return try compose(rendered, to: MailAddress(name: customer.name, address: customer.email), messageID: messageID,
                           date: date, invoices: confirmation.invoices.map(\.invoice.invoice), inReplyTo: nil, attachments: [])
    }

    /// The MIME message from the company (the digest composes through it too).
    package func compose(_ rendered: RenderedMessage, to: MailAddress, messageID: String, date: Date, invoices: [String],
                 inReplyTo: String?, attachments: [Attachment]) throws(MessageBuildError) -> [UInt8] {
        let message = OutgoingMessage(
            messageID: messageID, date: date, timeZone: config.company.timeZone,
            from: MailAddress(name: config.company.name, address: config.company.from),
            replyTo: config.company.replyTo.map { MailAddress(address: $0) },
            to: [to], subject: rendered.subject, text: rendered.text, html: rendered.html,
            invoices: invoices, inReplyTo: inReplyTo, references: inReplyTo.map { [$0] } ?? [], attachments: attachments)
        do {
            return try MessageComposer.compose(message)
        } catch {
            throw MessageBuildError(error.description)
        }
    }

    /// The PDFs the invoice records name; a named file that cannot be read fails the
    /// message (a reminder promising an attachment must carry it).
    private func attachments(for item: PlanItem) throws(MessageBuildError) -> [Attachment] {
        var files: [Attachment] = []
        for invoice in item.invoices {
            guard let pdf = invoice.pdf, !pdf.isEmpty else { continue }
            let path = pdf.hasPrefix("/") ? pdf : baseFolder + "/" + pdf
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MessageBuildError("cannot read the PDF of \(invoice.id): \(path)")
            }
            files.append(Attachment(filename: (path as NSString).lastPathComponent, mediaType: "application/pdf", data: Array(data)))
        }
        return files
    }
}

/// Why a message could not be built; the reason goes into the `failed` record and the log.
public struct MessageBuildError: Error, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
