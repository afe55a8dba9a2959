import Foundation
import Mail

/// The letter the composer tests read back: a formal notice for three invoices to a Dutch
/// customer with diacritics in his name, a Romanian subject, a PDF, threaded under the
/// reminder before it.
enum MessageComposerFixture {
    static let invoices = ["INV-1003", "INV-1001", "INV-1002"]
    static let messageID = MessageID.make(customer: "C-17", step: "aanmaning", invoices: invoices, domain: "voorbeeld.nl")
    static let previousID = MessageID.make(customer: "C-17", step: "herinnering", invoices: invoices, domain: "voorbeeld.nl")
    /// 2026-03-10 09:00:00 UTC (and 0.75 s, which the Date header drops).
    static let date = Date(timeIntervalSince1970: 1_773_133_200.75)
    static let customerName = "Ærnout van Düren-Ștefănescu"
    static let subject = "Somație de plată: facturile INV-1001, INV-1002 și INV-1003 sunt restante — țineți cont"
    /// Mixed line ends on purpose: CRLF, lone CR, LF. Also a line longer than 78 characters.
    static let text = "Geachte heer Van Düren,\r\n\r\nDe facturen INV-1001, INV-1002 en INV-1003 staan open: € 1.234,56.\rBetaal vóór 24 maart 2026 op NL91ABNA0417164300 o.v.v. uw klantnummer C-17, dan hoeven wij geen verdere stappen te nemen.\nMet vriendelijke groet,\nVoorbeeld B.V."
    static let expectedText = "Geachte heer Van Düren,\n\nDe facturen INV-1001, INV-1002 en INV-1003 staan open: € 1.234,56.\nBetaal vóór 24 maart 2026 op NL91ABNA0417164300 o.v.v. uw klantnummer C-17, dan hoeven wij geen verdere stappen te nemen.\nMet vriendelijke groet,\nVoorbeeld B.V."
    /// Already escaped by its template: `&amp;` and `&lt;` must arrive as written.
    static let html = "<!DOCTYPE html>\n<html><body><p>Geachte heer Van Düren,</p>\n<p>Totaal: <b>€&nbsp;1.234,56</b> &amp; rente &lt;8%&gt; — Ș ț ă</p>\n<p style=\"font-family: sans-serif; color: #333333\">Deze regel is bewust langer dan achtenzeventig tekens, zodat quoted-printable hem moet afbreken.</p></body></html>\n"
    /// A small PDF-like file with every byte value, so base64 must carry bytes a text path would mangle (CR, LF, NUL).
    static let pdf: [UInt8] = Array("%PDF-1.4\n".utf8) + (0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 7) } + Array("\r\n\r%%EOF\n".utf8)

    static func message() -> OutgoingMessage {
        OutgoingMessage(
            messageID: messageID,
            date: date,
            from: MailAddress(name: "Voorbeeld B.V.", address: "debiteuren@voorbeeld.nl"),
            replyTo: MailAddress(name: "Debiteurenbeheer Voorbeeld", address: "debiteuren@voorbeeld.nl"),
            to: [MailAddress(name: customerName, address: "aernout@example.nl")],
            subject: subject,
            text: text,
            html: html,
            invoices: ["INV-1001", "INV-1002", "INV-1003"],
            inReplyTo: previousID,
            references: [previousID],
            attachments: [Attachment(filename: "Factuur INV-1001.pdf", mediaType: "application/pdf", data: pdf)])
    }
}
