import DunningCore
import Foundation
import Mail

extension TemplateMessageBuilder {
    /// The Message-ID of the digest of `date`: `dunning.digest.YYYY-MM-DD@DOMAIN`.
    public func digestMessageID(for date: CalendarDate) -> String {
        MessageID.digest(date: date, domain: domain)
    }

    /// The bookkeeper's digest: the `digest` template in the company's language, from the
    /// company to `to`, without attachments; `X-Dunning-Invoices` is there and empty (the
    /// digest is about many invoices and no customer's letter).
    public func digest(_ digest: DailyDigest, to: String, messageID: String, date: Date) throws(MessageBuildError) -> [UInt8] {
        let rendered: RenderedMessage
        do {
            rendered = try library.render(kind: TemplateKind.digest.rawValue, language: config.company.language,
                                          data: .digest(date: digest.date, since: digest.since, groups: digest.groups, config: config))
        } catch {
            throw MessageBuildError("template: \(error.description)")
        }
        return try compose(rendered, to: MailAddress(address: to), messageID: messageID, date: date, invoices: [],
                           inReplyTo: nil, attachments: [])
    }
}
