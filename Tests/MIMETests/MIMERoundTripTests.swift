import MIME
import Testing
import TestSupport

/// `MIME.write` then `MIME.parse` (and Python's email package as a second reader): what goes
/// in comes out.
@Suite struct MIMERoundTripTests {
    static let pdf: [UInt8] = Array("%PDF-1.4\n".utf8) + (0...255).map { UInt8($0) } + [13, 10, 13, 0, 10]

    static func message(name: String, subject: String, text: String, filename: String) -> MIME.Message {
        MIME.Message(
            messageID: "dunning.herinnering.C-1.ab12@voorbeeld.nl", date: 1_773_133_200, utcOffset: 3600,
            from: [MIME.Mailbox(name: "Voorbeeld B.V.", address: "debiteuren@voorbeeld.nl")],
            replyTo: [MIME.Mailbox(name: "Debiteurenbeheer", address: "debiteuren@voorbeeld.nl")],
            to: [MIME.Mailbox(name: name, address: "klant@example.nl")], subject: subject,
            headers: [MIME.Header(name: "In-Reply-To", value: "<eerder@voorbeeld.nl>"), MIME.Header(name: "X-Dunning-Invoices", value: "INV-1, INV-2")],
            body: .multipart(subtype: "mixed", boundary: "=_m1", parts: [
                .multipart(subtype: "alternative", boundary: "=_a1", parts: [
                    .text(subtype: "plain", text: text), .text(subtype: "html", text: "<p>\(text)</p>"),
                ]),
                .attachment(mediaType: "application/pdf", filename: filename, data: pdf),
            ]))
    }

    /// The lines of `text`, split at CRLF, CR or LF.
    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
            .split(omittingEmptySubsequences: false) { $0 == "\r" || $0 == "\n" }.map { Substring($0) }
    }

    static let cases: [(name: String, subject: String, text: String, filename: String)] = [
        ("Jan Jansen", "Herinnering factuur INV-1", "Beste Jan,\nfactuur INV-1 staat open.\n", "Factuur INV-1.pdf"),
        ("Ștefan Popescu, SRL", "Somație de plată – F-7", "Stimate domn,\r\nsuma de 1.234,56 lei…\r\n", "Factură F-7.pdf"),
        ("\"Müller\" & Söhne (GmbH)", "Mahnung € 12,00", "Zeile 1\rZeile 2\n.\nZeile mit = und é\n", "Rechnung März.pdf"),
    ]

    @Test("headers, mailboxes, texts and the attachment's bytes come back as written", arguments: cases)
    func roundTrip(name: String, subject: String, text: String, filename: String) throws {
        let bytes = MIME.write(Self.message(name: name, subject: subject, text: text, filename: filename))
        let parsed = try MIME.parse(bytes)
        #expect(parsed.header("Subject") == subject)
        #expect(parsed.header("Message-ID") == "<dunning.herinnering.C-1.ab12@voorbeeld.nl>")
        #expect(parsed.header("Date") == "Tue, 10 Mar 2026 10:00:00 +0100")
        #expect(parsed.header("In-Reply-To") == "<eerder@voorbeeld.nl>")
        #expect(parsed.header("X-Dunning-Invoices") == "INV-1, INV-2")
        #expect(parsed.mailboxes("To") == [MIME.Mailbox(name: name, address: "klant@example.nl")])
        #expect(parsed.mailboxes("From") == [MIME.Mailbox(name: "Voorbeeld B.V.", address: "debiteuren@voorbeeld.nl")])
        #expect(parsed.mailboxes("Reply-To") == [MIME.Mailbox(name: "Debiteurenbeheer", address: "debiteuren@voorbeeld.nl")])
        #expect(parsed.parts.map(\.contentType) == ["text/plain", "text/html", "application/pdf"])
        // Every line end of the text comes back as CRLF.
        let crlf = text.split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
            .split(omittingEmptySubsequences: false) { $0 == "\r" || $0 == "\n" }.joined(separator: "\r\n")
        #expect(parsed.parts[0].text == crlf)
        #expect(parsed.parts[1].text == "<p>\(crlf)</p>")
        #expect(parsed.parts[2].filename == filename)
        #expect(parsed.parts[2].data == Self.pdf)
        // The same message gives the same bytes.
        #expect(MIME.write(Self.message(name: name, subject: subject, text: text, filename: filename)) == bytes)
    }

    @Test("Python's email package reads the same names, texts and attachment (by its SHA-256) with no defects", arguments: cases)
    func python(name: String, subject: String, text: String, filename: String) throws {
        let bytes = MIME.write(Self.message(name: name, subject: subject, text: text, filename: filename))
        let python = try MIMEPythonParser.parse(bytes)
        #expect(python.defects == [])
        #expect(python.values("Subject") == [subject])
        #expect(python.addresses["to"]?.map { [$0.name, $0.addr] } == [[name, "klant@example.nl"]], "\(python.addresses)")
        let leaves = python.parts.filter { $0.sha256 != nil }
        #expect(leaves.map(\.contentType) == ["text/plain", "text/html", "application/pdf"])
        let parsed = try MIME.parse(bytes)
        // Python may give CRLF or LF line ends; the lines are the same.
        #expect(leaves.first?.text.map(Self.lines) == parsed.parts[0].text.map(Self.lines))
        #expect(leaves.last?.filename == filename)
        #expect(leaves.last?.sha256 == MIME.sha256Hex(Self.pdf))
        #expect(leaves.last?.size == Self.pdf.count)
    }
}
