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
}
