import Foundation
import Mail
import Testing
import TestSupport

/// The bytes themselves: line lengths, line ends, determinism.
@Suite struct MessageComposerWireTests {
    typealias Fixture = MessageComposerFixture

    /// A letter with every header pushed long: 40 invoices, a long subject, a long name, a long thread.
    static func longMessage() -> OutgoingMessage {
        var message = Fixture.message()
        message.invoices = (1...40).map { "INV-2026-\(10_000 + $0)" }
        message.subject = Array(repeating: "Somație de plată pentru facturile restante ale clientului", count: 4).joined(separator: " ")
        message.to = [MailAddress(name: "Ærnout van Düren-Ștefănescu en Zonen Installatietechniek B.V. (Financiële administratie)",
                                  address: "aernout@example.nl"),
                      MailAddress(name: "Second", address: "b@example.nl")]
        message.references = (1...6).map { MessageID.make(customer: "C-17", step: "stap\($0)", invoices: ["INV-\($0)"], domain: "voorbeeld.nl") }
        return message
    }

    @Test("Every line is at most 78 characters: GMime folds headers, QP and base64 wrap bodies", arguments: [false, true])
    func foldedTo78(long: Bool) throws {
        let bytes = try MessageComposer.compose(long ? Self.longMessage() : Fixture.message())
        let tooLong = MessageComposerWire.lines(bytes).filter { $0.count > 78 }.map { String(decoding: $0, as: UTF8.self) }
        #expect(tooLong == [])
    }

    @Test("The long letter still lists every invoice and the whole thread once unfolded")
    func foldedValuesIntact() throws {
        let message = Self.longMessage()
        let parsed = try MIMEPythonParser.parse(MessageComposer.compose(message))
        let invoices: [[String]] = parsed.values("X-Dunning-Invoices").map { value in
            value.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        }
        #expect(invoices == [message.invoices])
        #expect(parsed.values("Subject") == [message.subject])
        let references: [[String]] = parsed.values("References").map { value in
            value.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        }
        let thread: [String] = (message.references + [Fixture.previousID]).map { "<\($0)>" }
        #expect(references == [thread])
    }

    @Test("No line is over 998 even when a value cannot fold (a 100-character invoice id, a 250-character Message-ID)")
    func neverOver998() throws {
        var message = Fixture.message()
        message.invoices = [String(repeating: "X", count: 100)]
        message.messageID = String(repeating: "m", count: 200) + "@" + String(repeating: "d", count: 49)
        message.references = [message.messageID]
        let bytes = try MessageComposer.compose(message)
        #expect(MessageComposerWire.longestLine(bytes) <= 998)
        #expect(MessageComposerWire.longestLine(bytes) > 250)  // the Message-ID line: unfoldable, but legal
    }

    @Test("No bare CR or LF anywhere, though text and HTML came with LF, CR and CRLF")
    func noBareLineBreaks() throws {
        var message = Fixture.message()
        message.html = "<p>a</p>\r<p>b</p>\n\n<p>c</p>\r\n\r"
        for bytes in [try MessageComposer.compose(message), try MessageComposer.compose(Self.longMessage())] {
            #expect(MessageComposerWire.bareLineBreaks(bytes) == [])
            #expect(bytes.suffix(2) == [13, 10])
        }
    }

    @Test("The same message gives the same bytes; another Message-ID gives other boundaries")
    func deterministic() throws {
        let first = try MessageComposer.compose(Fixture.message())
        let second = try MessageComposer.compose(Fixture.message())
        #expect(first == second)

        var other = Fixture.message()
        other.messageID = MessageID.make(customer: "C-18", step: "aanmaning", invoices: Fixture.invoices, domain: "voorbeeld.nl")
        let otherHeaders = MessageComposerWire.headerSection(try MessageComposer.compose(other))
        let headers = MessageComposerWire.headerSection(first)
        let boundary = try #require(headers.split(separator: "\"").first { $0.hasPrefix("=_dunning-mixed-") })
        #expect(!otherHeaders.contains(boundary))
    }

    @Test("Date is the company's local time with its offset: CET in March, CEST in July, UTC by default",
          arguments: [("Europe/Amsterdam", 0, "Date: Tue, 10 Mar 2026 10:00:00 +0100"),
                      ("Europe/Amsterdam", 122 * 86_400, "Date: Fri, 10 Jul 2026 11:00:00 +0200"),
                      ("Europe/Bucharest", 0, "Date: Tue, 10 Mar 2026 11:00:00 +0200"),
                      ("UTC", 0, "Date: Tue, 10 Mar 2026 09:00:00 +0000")])
    func localDate(zone: String, later: Int, expected: String) throws {
        var message = Fixture.message()
        message.timeZone = try #require(TimeZone(identifier: zone))
        message.date = Fixture.date.addingTimeInterval(TimeInterval(later))
        let headers = MessageComposerWire.headerSection(try MessageComposer.compose(message))
        #expect(headers.split(separator: "\n").contains { $0 == expected }, "\(headers)")
    }

    @Test("A body that holds the first boundary candidate gets another boundary, and its text arrives intact")
    func boundaryAvoidsBody() throws {
        var plain = Fixture.message()
        plain.attachments = []
        let headers = MessageComposerWire.headerSection(try MessageComposer.compose(plain))
        let usual = try #require(headers.split(separator: "\"").first { $0.hasPrefix("=_dunning-alt-") })
        var tricky = plain
        tricky.text = "Zie --\(usual) hieronder.\n"
        let bytes = try MessageComposer.compose(tricky)
        let trickyHeaders = MessageComposerWire.headerSection(bytes)
        let chosen = try #require(trickyHeaders.split(separator: "\"").first { $0.hasPrefix("=_dunning-alt-") })
        #expect(chosen != usual)
        let parsed = try MIMEPythonParser.parse(bytes)
        #expect(parsed.parts.map(\.contentType) == ["multipart/alternative", "text/plain", "text/html"])
        #expect(parsed.parts[1].text == "Zie --\(usual) hieronder.\r\n")
        #expect(parsed.defects == [])
    }

    @Test("Composing on many threads at once (GMime initialized once) gives the same bytes everywhere")
    func concurrent() async throws {
        let expected = try MessageComposer.compose(Fixture.message())
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<32 { group.addTask { try MessageComposer.compose(Fixture.message()) } }
            return try await group.reduce(into: [[UInt8]]()) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test("Date is the given instant in RFC 5322 form (seconds dropped below one)")
    func date() throws {
        var message = Fixture.message()
        message.date = Date(timeIntervalSince1970: 1_798_761_599.999)  // 2026-12-31 23:59:59.999 UTC
        let headers = MessageComposerWire.headerSection(try MessageComposer.compose(message))
        #expect(headers.contains("\nDate: Thu, 31 Dec 2026 23:59:59 +0000\n"))
    }

    @Test("Headers come in a fixed order with the documented names")
    func headerOrder() throws {
        let headers = MessageComposerWire.headerSection(try MessageComposer.compose(Fixture.message()))
        let names = headers.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("\t") }.map { String($0.prefix { $0 != ":" }) }
        #expect(names == ["Message-ID", "Date", "From", "Reply-To", "To", "Subject", "MIME-Version", "Auto-Submitted",
                          "X-Dunning-Invoices", "In-Reply-To", "References", "Content-Type"])
    }

    @Test("A boundary quoted in a 7bit body is not used: the next candidate is")
    func boundaryInBody() throws {
        var message = Fixture.message()
        message.attachments = []
        let headers = MessageComposerWire.headerSection(try MessageComposer.compose(message))
        let boundary = try #require(headers.split(separator: "\"").first { $0.hasPrefix("=_dunning-alt-") })
        message.text = "ASCII only, so 7bit.\n--\(boundary)\nstill text"
        let bytes = try MessageComposer.compose(message)
        #expect(!MessageComposerWire.headerSection(bytes).contains(boundary))
        let parsed = try MIMEPythonParser.parse(bytes)
        #expect(parsed.parts.map(\.contentType) == ["multipart/alternative", "text/plain", "text/html"])
        #expect(parsed.parts[1].text == message.text.replacingOccurrences(of: "\n", with: "\r\n"))
    }
}
