import MIME
import Testing

/// `MIME.parse`, GMime's reader, on messages written by hand.
@Suite struct MIMEParserTests {
    @Test("MIME.parse reads a single-part message with LF line ends and an ISO-8859-1 body")
    func singlePart() throws {
        let message = "From: a@example.nl\nSubject: =?ISO-8859-1?Q?Fa=E7ade?=\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nCaf=E9\n"
        let parsed = try MIME.parse(Array(message.utf8))
        #expect(parsed.header("Subject") == "Façade")
        #expect(parsed.parts.count == 1)
        #expect(parsed.parts.first?.data == [0x43, 0x61, 0x66, 0xE9, 0x0A])
        #expect(parsed.parts.first?.text == "Café\n")
    }

    @Test("Bytes that hold no message are an error")
    func notAMessage() {
        #expect(throws: MIME.ParseError.notAMessage) { try MIME.parse([]) }
    }

    @Test("a delivery-status block is read as header fields, folded lines unfolded; bytes that are none give none")
    func headerFields() {
        let block = "Final-Recipient: rfc822; jan@example.nl\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1\r\n user unknown\r\n"
        let fields = MIME.headerFields(Array(block.utf8))
        #expect(fields.map(\.name) == ["Final-Recipient", "Action", "Status", "Diagnostic-Code"])
        #expect(fields.first { $0.name == "Status" }?.value == "5.1.1")
        #expect(fields.last?.value.split(whereSeparator: \.isWhitespace).joined(separator: " ") == "smtp; 550 5.1.1 user unknown")
        #expect(MIME.headerFields([]) == [])
    }

    @Test("an embedded message's headers are listed, its leaves are parts of the message")
    func embedded() throws {
        let message = """
        From: MAILER-DAEMON@mx.example.nl\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n\
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n\
        --b\r\nContent-Type: text/plain\r\n\r\nNot delivered.\r\n\
        --b\r\nContent-Type: message/rfc822\r\n\r\n\
        Message-ID: <dunning.1@voorbeeld.nl>\r\nSubject: =?UTF-8?Q?Herinnering_=E2=80=93_INV-1?=\r\n\r\nBeste klant\r\n\
        --b--\r\n
        """
        let parsed = try MIME.parse(Array(message.utf8))
        #expect(parsed.embeddedHeaders.map { $0.map(\.name) } == [["Message-ID", "Subject"]])
        #expect(parsed.embeddedHeaders.first?.last?.value == "Herinnering – INV-1")
        #expect(parsed.parts.map(\.contentType) == ["text/plain", "text/plain"])
        #expect(parsed.parts.map(\.text) == ["Not delivered.", "Beste klant"])
    }

    @Test("mailboxes: quoted commas stay in the name, encoded names are decoded, group members are left out")
    func mailboxes() throws {
        let message = "From: \"Jansen, Jan\" <jan@example.nl>, =?UTF-8?Q?=C8=98tefan?= <s@example.ro>\r\nTo: team: a@example.nl, b@example.nl;, c@example.nl\r\n\r\nx\r\n"
        let parsed = try MIME.parse(Array(message.utf8))
        #expect(parsed.mailboxes("from") == [MIME.Mailbox(name: "Jansen, Jan", address: "jan@example.nl"),
                                             MIME.Mailbox(name: "Ștefan", address: "s@example.ro")])
        #expect(parsed.mailboxes("To") == [MIME.Mailbox(address: "c@example.nl")])
        #expect(parsed.mailboxes("Cc") == [])
    }
}
