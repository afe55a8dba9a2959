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
}
