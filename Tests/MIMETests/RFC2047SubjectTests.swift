import MIME
import Testing
import TestSupport

/// Subjects as RFC 2047 encoded words: written by GMime where not ASCII, decoded when read.
@Suite struct RFC2047SubjectTests {
    static func message(subject: String) -> MIME.Message {
        MIME.Message(messageID: "s@voorbeeld.nl", date: 1_773_133_200, from: [MIME.Mailbox(address: "debiteuren@voorbeeld.nl")],
                     to: [MIME.Mailbox(address: "klant@example.nl")], subject: subject, body: .text(subtype: "plain", text: "x"))
    }

    /// The Subject field as written, its folded lines joined.
    static func rawSubject(_ bytes: [UInt8]) throws -> String {
        try #require(MIME.parse(bytes).rawHeaders.first { $0.name == "Subject" }).value
    }

    @Test("an ASCII subject is written as it is")
    func ascii() throws {
        let bytes = MIME.write(Self.message(subject: "Herinnering factuur INV-1001"))
        #expect(String(decoding: bytes, as: UTF8.self).contains("\r\nSubject: Herinnering factuur INV-1001\r\n"))
    }

    @Test("a subject that is not ASCII is written in encoded words, ASCII only, and read back as it was", arguments: [
        "Herinnering – factuur INV-1001", "Somație de plată: factura F-7", "Übersicht für März – €1.234,56",
        "日本語の件名", "Zahlungserinnerung: " + String(repeating: "Fälligkeit überschritten, ", count: 8) + "bitte zahlen",
    ])
    func encoded(subject: String) throws {
        let bytes = MIME.write(Self.message(subject: subject))
        let raw = try Self.rawSubject(bytes)
        #expect(raw.lowercased().contains("=?utf-8?"), "\(raw)")
        #expect(raw.utf8.allSatisfy { $0 < 0x80 }, "\(raw)")
        let read = try MIME.parse(bytes).header("Subject")
        #expect(read == subject, "\(raw)")
        // Folded to lines of at most 78 characters.
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\r\n") { #expect(line.count <= 78, "\(line)") }
        // Python's email package reads the same subject.
        let python = try MIMEPythonParser.parse(bytes).values("Subject")
        #expect(python == [subject])
    }

    @Test("encoded words written by others are decoded: B and Q, other charsets, _ as space, adjacent words joined", arguments: [
        ("=?UTF-8?B?4oCT?=", "–"),
        ("=?ISO-8859-1?Q?Fa=E7ade?=", "Façade"),
        ("=?ISO-8859-2?Q?Soma=FEie?=", "Somaţie"),
        ("=?utf-8?q?twee_woorden?=", "twee woorden"),
        ("=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab"),
        ("Re: =?UTF-8?Q?Caf=C3=A9?= open", "Re: Café open"),
    ])
    func decoded(raw: String, subject: String) throws {
        let message = "From: a@example.nl\r\nSubject: \(raw)\r\n\r\nx\r\n"
        #expect(try MIME.parse(Array(message.utf8)).header("Subject") == subject)
    }

    /// RFC 2047 §5 (1): text that looks like an encoded word must itself be encoded to come
    /// back as text. GMime 3 writes it as it is, so a reader decodes it: the subject comes back
    /// as "Uw code x– niet decoderen". A known defect (reported, not fixed here); this test
    /// fails once it is fixed, and should then lose its `withKnownIssue`.
    @Test("text that only looks like an encoded word survives a round trip as text")
    func lookalike() throws {
        let subject = "Uw code =?utf-8?q?x?= – niet decoderen"
        let bytes = MIME.write(Self.message(subject: subject))
        let read = try MIME.parse(bytes).header("Subject")
        withKnownIssue("GMime writes text that looks like an encoded word unencoded") {
            #expect(read == subject, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }
}
