import Bounces
import Testing

@Suite("Auto-replies")
struct AutoReplyTests {
    static func message(headers: String) -> [UInt8] {
        Array("From: Klant <klant@example.nl>\r\nTo: boekhouding@voorbeeld.nl\r\n\(headers)\r\n\r\nTot maandag.\r\n".utf8)
    }

    @Test("out-of-office subjects in English, Dutch and Romanian are no bounce", arguments: [
        "Out of Office: Reminder", "Automatisch antwoord: Herinnering", "Afwezig", "=?UTF-8?Q?R=C4=83spuns_automat?=: factura",
        "Automatic reply: Herinnering",
    ])
    func subjects(subject: String) throws {
        let parse = try BounceParser.parse(Self.message(headers: "Subject: \(subject)")).get()
        guard case .notABounce(.autoReply) = parse else {
            Issue.record("\(subject): \(parse)")
            return
        }
    }

    @Test("auto-reply headers are no bounce", arguments: ["Auto-Submitted: auto-replied", "X-Autoreply: yes", "Precedence: auto_reply"])
    func headers(header: String) throws {
        let parse = try BounceParser.parse(Self.message(headers: "Subject: Re: factuur\r\n\(header)")).get()
        #expect(parse == .notABounce(.autoReply(evidence: header)))
    }

    @Test("a plain reply is an ordinary message, and Auto-Submitted: no is no auto-reply")
    func ordinary() throws {
        let parse = try BounceParser.parse(Self.message(headers: "Subject: Re: factuur\r\nAuto-Submitted: no")).get()
        #expect(parse == .notABounce(.ordinaryMessage))
    }
}
