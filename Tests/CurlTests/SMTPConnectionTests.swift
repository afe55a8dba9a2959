import Curl
import Testing
import TestSupport

/// `SMTPConnection` against the real SMTP server TestSupport starts (aiosmtpd).
@Suite struct SMTPConnectionTests {
    /// An RFC 5322 message with CRLF line ends; a line starting with `.` checks dot-stuffing both ways.
    static func message(_ number: Int, to recipient: String = "jan@example.nl") -> [UInt8] {
        let lines = [
            "Message-ID: <dunning.\(number)@voorbeeld.nl>",
            "Date: Mon, 02 Mar 2026 09:00:00 +0100",
            "From: Voorbeeld B.V. <debiteuren@voorbeeld.nl>",
            "To: \(recipient)",
            "Subject: Herinnering \(number)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            "Beste klant, factuur INV-\(number) staat open: € 1.234,56.",
            ".Deze regel begint met een punt.",
            "..en deze met twee.",
            ".",
            "Met vriendelijke groet",
        ]
        return Array(lines.joined(separator: "\r\n").utf8) + [13, 10]
    }

    @Test("libcurl opens one connection and reuses it; after close a new one")
    func reuse() throws {
        try withSMTPServer { server in
            let connection = try SMTPConnection(SMTPOptions(url: server.url, security: .none))
            let first = try connection.send(from: "a@voorbeeld.nl", to: ["jan@example.nl"], message: Self.message(1))
            let second = try connection.send(from: "a@voorbeeld.nl", to: ["jan@example.nl"], message: Self.message(2))
            connection.close()
            let third = try connection.send(from: "a@voorbeeld.nl", to: ["jan@example.nl"], message: Self.message(3))
            #expect([first, second, third].map(\.newConnections) == [1, 0, 1])
            #expect([first, second, third].map { $0.error == nil } == [true, true, true])
            #expect([first, second, third].allSatisfy { $0.messageHandedOver && $0.finalReply?.code == 250 && $0.responseCode == 250 })
            #expect(second.lastCommand == "DATA")
        }
    }
}
