import Mail
import Testing

/// Bad input is refused before anything is composed, with the field named.
@Suite struct MessageComposerInjectionTests {
    typealias Fixture = MessageComposerFixture

    struct Case: Sendable, CustomTestStringConvertible {
        var field: String
        var change: @Sendable (inout OutgoingMessage) -> Void
        var testDescription: String { field }
    }

    static let injections: [Case] = [
        Case(field: "to[0].name") { $0.to[0].name = "Jan\r\nBcc: victim@example.org" },
        Case(field: "to[0].address") { $0.to[0].address = "jan@example.nl\r\nBcc: victim@example.org" },
        Case(field: "to[1].address") { $0.to.append(MailAddress(address: "b@example.nl\n")) },
        Case(field: "from.name") { $0.from.name = "Voorbeeld\rB.V." },
        Case(field: "replyTo.address") { $0.replyTo = MailAddress(address: "x@example.nl\nBcc: y@example.org") },
        Case(field: "subject") { $0.subject = "Herinnering\r\nBcc: victim@example.org" },
        Case(field: "subject") { $0.subject = "Herinnering\nX-Spam: no" },
        Case(field: "subject") { $0.subject = "Herinnering\rX-Spam: no" },
        Case(field: "invoices[1]") { $0.invoices[1] = "INV-1002\r\nBcc: victim@example.org" },
        Case(field: "messageID") { $0.messageID = "a@b\r\nX: y" },
        Case(field: "inReplyTo") { $0.inReplyTo = "a@b\nX: y" },
        Case(field: "references[0]") { $0.references = ["a@b\r"] },
        Case(field: "attachments[0].filename") { $0.attachments[0].filename = "factuur.pdf\r\nContent-Type: text/html" },
        Case(field: "subject") { $0.subject = "NUL\u{0}here" },
    ]

    @Test("CR or LF in a value that reaches a header is refused, naming the field", arguments: injections)
    func injection(_ injection: Case) {
        var message = Fixture.message()
        injection.change(&message)
        #expect(throws: MessageError.headerInjection(field: injection.field)) { try MessageComposer.compose(message) }
    }

    @Test("The error says which field, for the log and the user")
    func description() {
        #expect(MessageError.headerInjection(field: "to[0].name").description == "to[0].name: CR, LF or NUL in a header field")
        #expect(MessageError.invalidAddress(field: "to[0].address", value: "a\tb").description
                == "to[0].address: invalid e-mail address \"a\\tb\"")
    }

    @Test("An address that is not a plain addr-spec is refused", arguments: [
        "jan", "jan@", "@example.nl", "jan@@example.nl", "jan van@example.nl", "a@b.nl, c@d.nl", "<a@b.nl>", "\"jan\"@b.nl", "",
    ])
    func invalidAddress(_ address: String) {
        var message = Fixture.message()
        message.to[0].address = address
        #expect(throws: MessageError.invalidAddress(field: "to[0].address", value: address)) { try MessageComposer.compose(message) }
    }

    @Test("Message ids with brackets or spaces, invoice ids with commas, odd media types, no recipient: refused")
    func otherFields() {
        var message = Fixture.message()
        message.inReplyTo = "<a@b.nl>"
        #expect(throws: MessageError.invalidMessageID(field: "inReplyTo", value: "<a@b.nl>")) { try MessageComposer.compose(message) }

        message = Fixture.message()
        message.messageID = "no at sign"
        #expect(throws: MessageError.invalidMessageID(field: "messageID", value: "no at sign")) { try MessageComposer.compose(message) }

        message = Fixture.message()
        message.invoices = ["INV-1", "INV-2,INV-3"]
        #expect(throws: MessageError.invalidInvoiceID(field: "invoices[1]", value: "INV-2,INV-3")) { try MessageComposer.compose(message) }

        message = Fixture.message()
        message.attachments[0].mediaType = "pdf"
        #expect(throws: MessageError.invalidMediaType(field: "attachments[0].mediaType", value: "pdf")) { try MessageComposer.compose(message) }

        message = Fixture.message()
        message.to = []
        #expect(throws: MessageError.noRecipient) { try MessageComposer.compose(message) }
    }

    @Test("Bodies may hold any line ends, tabs and markup: they are not headers")
    func bodiesAreFree() throws {
        var message = Fixture.message()
        message.text = "Bcc: not-a-header@example.org\r\n\r\nTo: nobody\rtab\there"
        message.html = "<script>alert('x')</script>\n&lt;b&gt;"
        let parsed = try MIMEPythonParserAdapter.parse(MessageComposer.compose(message))
        #expect(parsed.text == "Bcc: not-a-header@example.org\r\n\r\nTo: nobody\r\ntab\there")
        #expect(parsed.html == "<script>alert('x')</script>\r\n&lt;b&gt;")
        #expect(parsed.bcc == [])
    }
}
