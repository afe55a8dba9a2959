import Curl
import Testing

/// `SMTPReply(line:)`: what counts as a reply line of the server.
@Suite struct SMTPReplyTests {
    @Test("reply lines: three digits and a space or the end; continuation lines are not replies", arguments: [
        ("250 2.0.0 Ok", 250 as Int?), ("221", 221), ("250-PIPELINING", nil), ("25 short", nil), ("abc def", nil), ("", nil),
    ])
    func replyLines(line: String, code: Int?) {
        #expect(SMTPReply(line: line)?.code == code)
    }

    @Test("a reply keeps its whole line, code included; a substring parses like its string", arguments: [
        "250 2.0.0 Ok: queued as 4F", "550 5.1.1 <jan@example.nl>: Recipient address rejected", "221", "421 4.3.2 Dienst niet beschikbaar – later",
    ])
    func wholeLine(line: String) throws {
        let reply = try #require(SMTPReply(line: line))
        #expect(reply.line == line && reply.description == line)
        #expect(reply.code == Int(line.prefix(3)))
        #expect(SMTPReply(line: line[...]) == reply)
    }

    @Test("not a reply: fewer or more than three digits, a sign, a tab or a letter after the code", arguments: [
        "2500 too long", "-25 x", "+250 x", "250\tOk", "25O Ok", "250x", " 250 Ok", "٢٥٠ Ok",
    ])
    func notAReply(line: String) {
        #expect(SMTPReply(line: line) == nil)
    }
}
