import Mail
import MIME
import Testing

/// `MIME.parse`, GMime's reader, on what `MessageComposer` writes (and on a plain message).
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

    @Test("MIME.parse reads a single-part message with LF line ends and an ISO-8859-1 body")
    func singlePart() throws {
        let message = "From: a@example.nl\nSubject: =?ISO-8859-1?Q?Fa=E7ade?=\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nCaf=E9\n"
        let parsed = try MIME.parse(Array(message.utf8))
        #expect(parsed.header("Subject") == "Façade")
        #expect(parsed.parts.count == 1)
        #expect(parsed.parts.first?.data == [0x43, 0x61, 0x66, 0xE9, 0x0A])
        #expect(parsed.parts.first?.text == "Café\n")
    }

    @Test("MIME.write keeps the caller's boundary and headers in order")
    func write() throws {
        let bytes = MIME.write(MIME.Message(
            messageID: "x@example.nl", date: 0, from: [MIME.Mailbox(address: "a@example.nl")],
            to: [MIME.Mailbox(name: "Bé", address: "b@example.nl")], subject: "Hallo",
            headers: [MIME.Header(name: "X-Test", value: "één")],
            body: .multipart(subtype: "alternative", boundary: "=_b1", parts: [.text(subtype: "plain", text: "a\rb")])))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("Message-ID: <x@example.nl>\r\nDate: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(text.contains("boundary=\"=_b1\""))
        #expect(text.contains("\r\n--=_b1--"))
        #expect(MessageComposerWire.bareLineBreaks(bytes) == [])
        let parsed = try MIME.parse(bytes)
        #expect(parsed.header("X-Test") == "één")
        #expect(parsed.parts.first?.text == "a\r\nb")
    }

    @Test("Bytes that hold no message are an error")
    func notAMessage() {
        #expect(throws: MIME.ParseError.notAMessage) { try MIME.parse([]) }
    }
}
