import MIME
import Testing
import TestSupport

/// `MIME.write`, GMime's writer, on `MIME.Message` values.
@Suite struct MIMEWriterTests {
    /// Offsets of every CR not followed by LF and every LF not preceded by CR.
    static func bareLineBreaks(_ bytes: [UInt8]) -> [Int] { SampleMessage.bareLineBreaks(bytes) }

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
        #expect(Self.bareLineBreaks(bytes) == [])
        let parsed = try MIME.parse(bytes)
        #expect(parsed.header("X-Test") == "één")
        #expect(parsed.parts.first?.text == "a\r\nb")
    }
}
