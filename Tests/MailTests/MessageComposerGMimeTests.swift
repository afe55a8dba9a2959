import Mail
import MIME
import Testing

/// `MIME.parse`, GMime's reader, on what `MessageComposer` writes (MIME on its own: MIMETests).
@Suite struct MessageComposerGMimeTests {
    typealias Fixture = MessageComposerFixture

    @Test("MIME.parse decodes the headers: RFC 2047 subject and names, ids, invoice list")
    func headers() throws {
        let parsed = try MIME.parse(MessageComposer.compose(Fixture.message()))
        #expect(parsed.header("subject") == Fixture.subject)
        #expect(parsed.header("Message-ID") == "<\(Fixture.messageID)>")
        #expect(parsed.header("In-Reply-To") == "<\(Fixture.previousID)>")
        #expect(parsed.header("X-Dunning-Invoices") == "INV-1001, INV-1002, INV-1003")
        #expect(parsed.header("Auto-Submitted") == "auto-generated")
        #expect(parsed.header("Date") == "Tue, 10 Mar 2026 09:00:00 +0000")
        #expect(parsed.mailboxes("To") == [MIME.Mailbox(name: Fixture.customerName, address: "aernout@example.nl")])
        #expect(parsed.mailboxes("from") == [MIME.Mailbox(name: "Voorbeeld B.V.", address: "debiteuren@voorbeeld.nl")])
        #expect(parsed.mailboxes("Reply-To") == [MIME.Mailbox(name: "Debiteurenbeheer Voorbeeld", address: "debiteuren@voorbeeld.nl")])
        #expect(parsed.headers.map(\.name).prefix(6) == ["Message-ID", "Date", "From", "Reply-To", "To", "Subject"])
    }

    @Test("MIME.parse returns the leaves: decoded text, HTML and the PDF's exact bytes")
    func parts() throws {
        let parsed = try MIME.parse(MessageComposer.compose(Fixture.message()))
        #expect(parsed.parts.map(\.contentType) == ["text/plain", "text/html", "application/pdf"])
        #expect(parsed.parts[0].text == Fixture.expectedText.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(parsed.parts[0].charset == "utf-8")
        #expect(parsed.parts[1].text == Fixture.html.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(parsed.parts[2].filename == "Factuur INV-1001.pdf")
        #expect(parsed.parts[2].data == Fixture.pdf)
        #expect(parsed.parts[2].text == nil)
    }
}
