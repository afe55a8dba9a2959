import DunningCore
import Foundation
import Curl
import Mail
import TestSupport
import Testing

/// Against a real aiosmtpd on loopback (`Tests/TestSupport/smtp_server.py`), plain text.
@Suite struct SMTPTransportTests {
    @Test("three messages go over one connection, each sent with the server's 250 reply, bytes intact")
    func threeOverOneConnection() throws {
        try withSMTPServer { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url), credentialsDirectory: nil)
            defer { transport.close() }
            let messages = (1...3).map { TransportFixtures.message($0, to: "klant\($0)@example.nl") }
            let outcomes = messages.enumerated().map { index, message in
                transport.deliver(message, envelope: TransportFixtures.envelope("klant\(index + 1)@example.nl"))
            }
            #expect(outcomes == (1...3).map { .sent(reply: String(format: "250 2.0.0 Ok: queued as Q%06d", $0)) })

            let received = try server.messages()
            try #require(received.count == 3, "\(server.log())")
            #expect(received.map(\.data) == messages)
            #expect(received.map(\.mailFrom) == Array(repeating: "bounce+tok123@voorbeeld.nl", count: 3))
            #expect(received.map(\.recipients) == [["klant1@example.nl"], ["klant2@example.nl"], ["klant3@example.nl"]])
            #expect(Set(received.map(\.peerPort)).count == 1, "one connection for the cycle")
            #expect(received.allSatisfy { !$0.tls && $0.login == nil })
        }
    }

    @Test("one message to several recipients: one transaction, every RCPT TO")
    func severalRecipients() throws {
        try withSMTPServer { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url), credentialsDirectory: nil)
            let outcome = transport.deliver(TransportFixtures.message(1),
                                            envelope: TransportFixtures.envelope("jan@example.nl", "boekhouding@example.nl"))
            #expect(outcome.isSent, "\(outcome)")
            #expect(try server.messages().map(\.recipients) == [["jan@example.nl", "boekhouding@example.nl"]])
        }
    }

    @Test("550 for one recipient fails that message only; the others are sent")
    func rejectedRecipient() throws {
        try withSMTPServer(SMTPServerOptions(reject: ["weg@example.nl"])) { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url), credentialsDirectory: nil)
            let recipients = ["jan@example.nl", "weg@example.nl", "piet@example.nl"]
            let outcomes = recipients.enumerated().map { index, recipient in
                transport.deliver(TransportFixtures.message(index), envelope: TransportFixtures.envelope(recipient))
            }
            #expect(outcomes[0].isSent, "\(outcomes[0])")
            #expect(outcomes[1] == .failed(reply: "550 5.1.1 <weg@example.nl>: Recipient address rejected"))
            #expect(outcomes[2].isSent, "\(outcomes[2])")
            #expect(try server.messages().map(\.recipients) == [["jan@example.nl"], ["piet@example.nl"]])
        }
    }

    @Test("a rejected recipient among several fails the whole message (no partial delivery)")
    func rejectedAmongSeveral() throws {
        try withSMTPServer(SMTPServerOptions(reject: ["weg@example.nl"])) { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url), credentialsDirectory: nil)
            let outcome = transport.deliver(TransportFixtures.message(1),
                                            envelope: TransportFixtures.envelope("jan@example.nl", "weg@example.nl"))
            #expect(outcome.isFailed, "\(outcome)")
            #expect(outcome.text.hasPrefix("550 "))
            #expect(try server.messages().isEmpty)
        }
    }

    @Test("5xx after the whole message is a permanent failure")
    func rejectedAfterData() throws {
        try withSMTPServer(SMTPServerOptions(rejectAfterData: ["spam@example.nl"])) { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url), credentialsDirectory: nil)
            let outcome = transport.deliver(TransportFixtures.message(1), envelope: TransportFixtures.envelope("spam@example.nl"))
            #expect(outcome == .failed(reply: "554 5.7.1 Message rejected by policy"))
        }
    }

    @Test("451 is deferred; the retry is sent")
    func deferredThenSent() throws {
        try withSMTPServer(SMTPServerOptions(deferOnce: ["jan@example.nl"])) { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url), credentialsDirectory: nil)
            let message = TransportFixtures.message(1)
            let first = transport.deliver(message, envelope: TransportFixtures.envelope("jan@example.nl"))
            #expect(first == .deferred(reply: "451 4.7.1 Try again later"))
            #expect(try server.messages().isEmpty)
            let second = transport.deliver(message, envelope: TransportFixtures.envelope("jan@example.nl"))
            #expect(second.isSent, "\(second)")
            #expect(try server.messages().map(\.data) == [message])
        }
    }

    @Test("no server on the port: deferred, naming the connection failure")
    func nothingListening() throws {
        let port = try SMTPServer.closedPort()
        let transport = try SMTPTransport(settings: TransportFixtures.settings("smtp://127.0.0.1:\(port)"), credentialsDirectory: nil)
        let outcome = transport.deliver(TransportFixtures.message(1), envelope: TransportFixtures.envelope("jan@example.nl"))
        #expect(outcome.isDeferred, "\(outcome)")
        #expect(outcome.text.hasPrefix("local: "))
        #expect(outcome.text.contains("\(port)"))
    }

    @Test("the connection drops after the message, before a reply: uncertain; the next message reconnects")
    func droppedAfterData() throws {
        try withSMTPServer(SMTPServerOptions(dropAfterData: ["weg@example.nl"])) { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url), credentialsDirectory: nil)
            let dropped = transport.deliver(TransportFixtures.message(1), envelope: TransportFixtures.envelope("weg@example.nl"))
            #expect(dropped.isUncertain, "\(dropped)")
            #expect(dropped.text.hasPrefix("no reply after the message was handed over"))
            let next = transport.deliver(TransportFixtures.message(2), envelope: TransportFixtures.envelope("jan@example.nl"))
            #expect(next.isSent, "\(next)")
            let received = try server.messages()
            try #require(received.count == 2)
            #expect(received[0].reply == nil, "the server did read the dropped message: that is why it is uncertain")
            #expect(received[0].peerPort != received[1].peerPort)
        }
    }

    @Test("a server slower than the timeout after the message: uncertain")
    func slowerThanTimeout() throws {
        try withSMTPServer(SMTPServerOptions(delayMilliseconds: 3_000)) { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url, timeout: 1), credentialsDirectory: nil)
            let outcome = transport.deliver(TransportFixtures.message(1), envelope: TransportFixtures.envelope("jan@example.nl"))
            #expect(outcome.isUncertain, "\(outcome)")
            #expect(outcome.text.contains("timeout"))
        }
    }

    @Test("a slow server within the timeout: sent")
    func slowWithinTimeout() throws {
        try withSMTPServer(SMTPServerOptions(delayMilliseconds: 300)) { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url, timeout: 10), credentialsDirectory: nil)
            let outcomes = (1...2).map {
                transport.deliver(TransportFixtures.message($0), envelope: TransportFixtures.envelope("jan@example.nl"))
            }
            #expect(outcomes.allSatisfy { $0.isSent }, "\(outcomes)")
        }
    }

    @Test("bare CR/LF and control characters in addresses never reach the wire", arguments: [
        (Array("Subject: x\r\n\r\nline\nsmuggled\r\n".utf8), "jan@example.nl", "local: bare LF"),
        (Array("Subject: x\r\n\r\nline\r.\rsmuggled\r\n".utf8), "jan@example.nl", "local: bare CR"),
        (TransportFixtures.message(1), "jan@example.nl>\r\nRCPT TO:<x@evil.example", "local: control character in address"),
        (TransportFixtures.message(1), "<jan@example.nl>", "local: angle bracket in address"),
    ])
    func refusedLocally(message: [UInt8], recipient: String, reply: String) throws {
        try withSMTPServer { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url), credentialsDirectory: nil)
            #expect(transport.deliver(message, envelope: TransportFixtures.envelope(recipient)) == .failed(reply: reply))
            #expect(transport.deliver(message, envelope: TransportFixtures.envelope()) != .sent(reply: ""))
            #expect(try server.messages().isEmpty)
        }
    }

    @Test("an unfilled {token} in the envelope sender is refused before connecting")
    func unfilledToken() throws {
        let port = try SMTPServer.closedPort()
        let transport = try SMTPTransport(settings: TransportFixtures.settings("smtp://127.0.0.1:\(port)"), credentialsDirectory: nil)
        let envelope = Envelope(sender: "bounce+{token}@voorbeeld.nl", recipients: ["jan@example.nl"])
        #expect(transport.deliver(TransportFixtures.message(1), envelope: envelope) == .failed(reply: "local: unfilled {token} in sender"))
    }

    @Test("close ends the session; a later message opens a new connection")
    func closeAndReopen() throws {
        try withSMTPServer { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url), credentialsDirectory: nil)
            #expect(transport.deliver(TransportFixtures.message(1), envelope: TransportFixtures.envelope("jan@example.nl")).isSent)
            transport.close()
            #expect(transport.deliver(TransportFixtures.message(2), envelope: TransportFixtures.envelope("jan@example.nl")).isSent)
            let ports = try server.messages().map(\.peerPort)
            #expect(ports.count == 2 && ports[0] != ports[1])
        }
    }

    @Test("a URL whose scheme does not fit tls is a config error", arguments: [
        ("smtps://mail.example.nl:465", SMTPSettings.TLS.starttls),
        ("smtp://mail.example.nl:587", .implicit),
        ("smtps://mail.example.nl:465", .none),
        ("http://mail.example.nl", .starttls),
        ("mail.example.nl:587", .starttls),
    ])
    func schemeMismatch(url: String, tls: SMTPSettings.TLS) {
        #expect {
            _ = try SMTPTransport(settings: TransportFixtures.settings(url, tls: tls), credentialsDirectory: nil)
        } throws: { error in
            guard case .urlScheme = error as? TransportError else { return false }
            return true
        }
    }
}
