import Foundation
import Mail
import MIME
import Testing
import TestSupport

/// Python's `email` package (policy.default) as an independent reader of what we write.
@Suite struct MessageComposerPythonTests {
    typealias Fixture = MessageComposerFixture

    @Test("Python reads every header back, decoded: names with diacritics, the Romanian subject, threading")
    func headers() throws {
        let parsed = try MIMEPythonParser.parse(MessageComposer.compose(Fixture.message()))
        #expect(parsed.defects == [])
        #expect(parsed.values("Message-ID") == ["<\(Fixture.messageID)>"])
        #expect(parsed.values("Date") == ["Tue, 10 Mar 2026 09:00:00 +0000"])
        #expect(parsed.values("Subject") == [Fixture.subject])
        #expect(parsed.values("MIME-Version") == ["1.0"])
        #expect(parsed.values("Auto-Submitted") == ["auto-generated"])
        #expect(parsed.values("X-Dunning-Invoices") == ["INV-1001, INV-1002, INV-1003"])
        #expect(parsed.values("In-Reply-To") == ["<\(Fixture.previousID)>"])
        #expect(parsed.values("References") == ["<\(Fixture.previousID)>"])

        let to = try #require(parsed.addresses["to"])
        #expect(to.map(\.name) == [Fixture.customerName])
        #expect(to.map(\.addr) == ["aernout@example.nl"])
        #expect(parsed.addresses["from"]?.map(\.name) == ["Voorbeeld B.V."])
        #expect(parsed.addresses["from"]?.map(\.addr) == ["debiteuren@voorbeeld.nl"])
        #expect(parsed.addresses["reply-to"]?.map(\.name) == ["Debiteurenbeheer Voorbeeld"])
        #expect(parsed.addresses["reply-to"]?.map(\.addr) == ["debiteuren@voorbeeld.nl"])
    }

    @Test("Python finds mixed(alternative(plain, html), pdf) and decodes text, HTML and the PDF byte for byte")
    func parts() throws {
        let parsed = try MIMEPythonParser.parse(MessageComposer.compose(Fixture.message()))
        #expect(parsed.parts.map(\.contentType) == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf"])
        let plain = parsed.parts[2], html = parsed.parts[3], pdf = parsed.parts[4]
        #expect(plain.charset == "utf-8")
        // Mixed CR, LF and CRLF in the input all arrive as CRLF.
        #expect(plain.text == crlf(Fixture.expectedText))
        // The HTML is taken as written: entities stay entities, nothing is escaped twice.
        #expect(html.text == crlf(Fixture.html))
        #expect(html.charset == "utf-8")
        #expect(pdf.disposition == "attachment")
        #expect(pdf.filename == "Factuur INV-1001.pdf")
        #expect(pdf.size == Fixture.pdf.count)
        #expect(pdf.sha256 == MIME.sha256Hex(Fixture.pdf))
    }

    @Test("Without an attachment the message is multipart/alternative itself")
    func noAttachment() throws {
        var message = Fixture.message()
        message.attachments = []
        message.inReplyTo = nil
        message.references = []
        let parsed = try MIMEPythonParser.parse(MessageComposer.compose(message))
        #expect(parsed.defects == [])
        #expect(parsed.parts.map(\.contentType) == ["multipart/alternative", "text/plain", "text/html"])
        #expect(parsed.values("In-Reply-To") == [])
        #expect(parsed.values("References") == [])
    }

    @Test("Display names with commas, quotes and diacritics survive quoting or RFC 2047", arguments: [
        "Ærnout van Düren", "Ionescu, Ștefan", "Jan \"de Boer\" Jansen", "Ţiţeica & Søn S.R.L.", "A. Bakker",
        "Ålesund-Ĳsselmeer, Jürgen Ø. — een heel lange naam die gevouwen moet worden over regels, en nog verder",
    ])
    func displayNames(name: String) throws {
        var message = Fixture.message()
        message.to = [MailAddress(name: name, address: "klant@example.ro"), MailAddress(address: "tweede@example.nl")]
        let bytes = try MessageComposer.compose(message)
        let parsed = try MIMEPythonParser.parse(bytes)
        #expect(parsed.defects == [])
        // Python before gh-128110 (python/cpython#130749) keeps the folding white space
        // between two encoded words of a display name, which RFC 2047 6.2 says to drop:
        // runs of spaces are compared as one here, and exactly through GMime below.
        #expect(parsed.addresses["to"]?.map { collapsingSpaces($0.name) } == [name, ""])
        #expect(try MIME.parse(bytes).mailboxes("To") == [MIME.Mailbox(name: name, address: "klant@example.ro"),
                                                          MIME.Mailbox(address: "tweede@example.nl")])
        #expect(parsed.addresses["to"]?.map(\.addr) == ["klant@example.ro", "tweede@example.nl"])
        #expect(MessageComposerWire.longestLine(bytes) <= 78)
    }

    @Test("A parenthesis inside an encoded display name reaches Python intact")
    func parenthesisInName() throws {
        // GMime's own address parser drops "(…)" that sits inside an encoded word of a
        // display name (it decodes before it strips comments), so only Python checks this one.
        let name = "Jürgen Ø. (Financiën) — Ålesund-Ĳsselmeer B.V., afdeling debiteuren en crediteuren"
        var message = Fixture.message()
        message.to = [MailAddress(name: name, address: "klant@example.ro")]
        let parsed = try MIMEPythonParser.parse(MessageComposer.compose(message))
        #expect(parsed.addresses["to"]?.map { collapsingSpaces($0.name) } == [name])
    }

    @Test("A non-ASCII attachment filename (RFC 2231) and a second attachment arrive as given")
    func attachmentNames() throws {
        var message = Fixture.message()
        message.attachments.append(Attachment(filename: "Factură INV-1002 — ședință.pdf", mediaType: "application/pdf", data: Array("%PDF-1.7\n".utf8)))
        let parsed = try MIMEPythonParser.parse(MessageComposer.compose(message))
        #expect(parsed.defects == [])
        #expect(parsed.parts.map(\.filename) == [nil, nil, nil, nil, "Factuur INV-1001.pdf", "Factură INV-1002 — ședință.pdf"])
        #expect(parsed.parts.last?.sha256 == MIME.sha256Hex(Array("%PDF-1.7\n".utf8)))
    }

    @Test("References keep the thread and end with the message replied to")
    func references() throws {
        var message = Fixture.message()
        let first = MessageID.make(customer: "C-17", step: "eerste", invoices: ["INV-1001"], domain: "voorbeeld.nl")
        message.references = [first]
        let parsed = try MIMEPythonParser.parse(MessageComposer.compose(message))
        let references = parsed.values("References").map { $0.split(whereSeparator: \.isWhitespace) }
        #expect(references == [["<\(first)>", "<\(Fixture.previousID)>"]])
        #expect(parsed.values("In-Reply-To") == ["<\(Fixture.previousID)>"])
    }

    private func collapsingSpaces(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    private func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\r\n")
    }
}
