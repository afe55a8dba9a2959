import Curl
import Foundation
import Testing
import TestSupport

/// `SMTPConnection` against the real SMTP server TestSupport starts (aiosmtpd).
@Suite struct SMTPConnectionTests {
    /// A plain reminder without `Auto-Submitted` (the connection sends bytes as given).
    static func message(_ number: Int, to recipient: String = "jan@example.nl") -> [UInt8] {
        SampleMessage.reminder(number, to: recipient, autoSubmitted: false)
    }

    @Test("libcurl opens one connection and reuses it; after close a new one")
    func reuse() throws {
        try withSMTPServer { server in
            let connection = try SMTPConnection(ConnectionOptions(url: server.url, security: .none))
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

    static let sender = "bounce+c1@voorbeeld.nl"

    @Test("a message arrives byte for byte (libcurl dot-stuffs, the server undoes it), with the envelope as given")
    func bytesIntact() throws {
        try withSMTPServer { server in
            let connection = try SMTPConnection(ConnectionOptions(url: server.url, security: .none))
            let attempt = try connection.send(from: Self.sender, to: ["jan@example.nl", "piet@example.nl"], message: Self.message(1))
            #expect(attempt.error == nil && attempt.errorMessage.isEmpty, "\(attempt)")
            #expect(attempt.messageHandedOver && attempt.lastCommand == "DATA" && attempt.responseCode == 250)
            #expect(attempt.finalReply == SMTPReply(code: 250, line: "250 2.0.0 Ok: queued as Q000001"))
            #expect(attempt.lastReply == attempt.finalReply)
            let received = try server.messages()
            try #require(received.count == 1, "\(server.log())")
            #expect(received[0].data == Self.message(1))
            #expect(received[0].mailFrom == Self.sender && received[0].recipients == ["jan@example.nl", "piet@example.nl"])
            #expect(!received[0].tls && received[0].login == nil)
        }
    }

    @Test("a recipient refused at RCPT TO: the 550 line and its command are kept, not QUIT's 221; nothing was handed over")
    func refusedRecipient() throws {
        try withSMTPServer(SMTPServerOptions(reject: ["weg@example.nl"])) { server in
            let connection = try SMTPConnection(ConnectionOptions(url: server.url, security: .none))
            let attempt = try connection.send(from: Self.sender, to: ["jan@example.nl", "weg@example.nl"], message: Self.message(1))
            #expect(attempt.error == .sendError, "\(attempt)")
            #expect(attempt.lastReply == SMTPReply(code: 550, line: "550 5.1.1 <weg@example.nl>: Recipient address rejected"))
            #expect(attempt.lastCommand == "RCPT" && attempt.responseCode == 550)
            #expect(!attempt.messageHandedOver && attempt.finalReply == nil)
            #expect(try server.messages().isEmpty)
        }
    }

    @Test("a 554 to the final dot is the final reply, after the whole message was handed over")
    func refusedAfterData() throws {
        try withSMTPServer(SMTPServerOptions(rejectAfterData: ["jan@example.nl"])) { server in
            let connection = try SMTPConnection(ConnectionOptions(url: server.url, security: .none))
            let attempt = try connection.send(from: Self.sender, to: ["jan@example.nl"], message: Self.message(1))
            // libcurl's code for it varies by version (7.88: weird server reply); the reply decides.
            #expect(attempt.error != nil, "\(attempt)")
            #expect(attempt.messageHandedOver && attempt.lastCommand == "DATA")
            #expect(attempt.finalReply == SMTPReply(code: 554, line: "554 5.7.1 Message rejected by policy"))
        }
    }

    @Test("the connection dropped after the message: handed over, no final reply, libcurl says why")
    func droppedAfterData() throws {
        try withSMTPServer(SMTPServerOptions(dropAfterData: ["jan@example.nl"])) { server in
            let connection = try SMTPConnection(ConnectionOptions(url: server.url, security: .none))
            let attempt = try connection.send(from: Self.sender, to: ["jan@example.nl"], message: Self.message(1))
            #expect(attempt.error != nil && !attempt.errorMessage.isEmpty, "\(attempt)")
            #expect(attempt.messageHandedOver && attempt.finalReply == nil && attempt.lastCommand == "DATA")
            #expect(try server.messages().map(\.data) == [Self.message(1)])
        }
    }

    @Test("a server slower than the timeout: timed out after the message, no final reply")
    func timeout() throws {
        try withSMTPServer(SMTPServerOptions(delayMilliseconds: 3000)) { server in
            let connection = try SMTPConnection(ConnectionOptions(url: server.url, security: .none, timeout: .milliseconds(1000)))
            let start = ContinuousClock.now
            let attempt = try connection.send(from: Self.sender, to: ["jan@example.nl"], message: Self.message(1))
            #expect(ContinuousClock.now - start < .milliseconds(2500))
            #expect(attempt.error == .operationTimedOut, "\(attempt)")
            #expect(attempt.messageHandedOver && attempt.finalReply == nil && attempt.lastCommand == "DATA")
        }
    }

    @Test("no server on the port: could not connect, nothing handed over, libcurl names the port")
    func nothingListening() throws {
        let port = try SMTPServer.closedPort()
        let connection = try SMTPConnection(ConnectionOptions(url: "smtp://127.0.0.1:\(port)", security: .none))
        let attempt = try connection.send(from: Self.sender, to: ["jan@example.nl"], message: Self.message(1))
        #expect(attempt.error == .couldNotConnect, "\(attempt)")
        #expect(attempt.errorMessage.contains("port \(port)"), "\(attempt.errorMessage)")
        #expect(!attempt.messageHandedOver && attempt.lastReply == nil && attempt.lastCommand == nil && attempt.responseCode == 0)
    }

    @Test("a URL of another protocol is refused by libcurl, which allows only smtp and smtps", arguments: ["imap", "http", "ftp"])
    func otherProtocol(scheme: String) throws {
        try withSMTPServer { server in
            let connection = try SMTPConnection(ConnectionOptions(url: "\(scheme)://127.0.0.1:\(server.port)", security: .none))
            let attempt = try connection.send(from: Self.sender, to: ["jan@example.nl"], message: Self.message(1))
            #expect(attempt.error == .unsupportedProtocol, "\(attempt)")
            #expect(try server.messages().isEmpty)
        }
    }

    @Test("STARTTLS is required by default: a server without it gets no message")
    func startTLSRequired() throws {
        try withSMTPServer { server in
            let connection = try SMTPConnection(ConnectionOptions(url: server.url))
            let attempt = try connection.send(from: Self.sender, to: ["jan@example.nl"], message: Self.message(1))
            #expect(attempt.error == .tlsRequiredButUnavailable, "\(attempt)")
            #expect(!attempt.messageHandedOver)
            #expect(try server.messages().isEmpty)
        }
    }

    @Test("STARTTLS: a self-signed certificate fails verification; with it as the CA file the session is protected")
    func startTLS() throws {
        let directory = try TemporaryDirectory()
        let certificate = try TestCertificate.make(in: directory)
        try withSMTPServer(SMTPServerOptions(certificate: certificate)) { server in
            let untrusted = try SMTPConnection(ConnectionOptions(url: server.url))
            let refused = try untrusted.send(from: Self.sender, to: ["jan@example.nl"], message: Self.message(1))
            #expect(refused.error == .peerFailedVerification, "\(refused)")
            let trusted = try SMTPConnection(ConnectionOptions(url: server.url, caFile: certificate.certificatePath))
            let sent = try trusted.send(from: Self.sender, to: ["jan@example.nl"], message: Self.message(2))
            #expect(sent.error == nil && sent.finalReply?.code == 250, "\(sent)")
            let received = try server.messages()
            #expect(received.map(\.data) == [Self.message(2)])
            #expect(received.map(\.tls) == [true])
        }
    }

    @Test("implicit TLS (smtps://) with the CA file: the session is protected from the first byte")
    func implicitTLS() throws {
        let directory = try TemporaryDirectory()
        let certificate = try TestCertificate.make(in: directory)
        try withSMTPServer(SMTPServerOptions(certificate: certificate, implicitTLS: true)) { server in
            #expect(server.url.hasPrefix("smtps://"))
            let connection = try SMTPConnection(ConnectionOptions(url: server.url, security: .implicitTLS, caFile: certificate.certificatePath))
            let attempt = try connection.send(from: Self.sender, to: ["jan@example.nl"], message: Self.message(1))
            #expect(attempt.error == nil && attempt.finalReply?.code == 250, "\(attempt)")
            #expect(try server.messages().map(\.tls) == [true])
        }
    }

    @Test("AUTH logs in with the credentials; a wrong password is login denied, its 535 kept, the password nowhere")
    func authentication() throws {
        let directory = try TemporaryDirectory()
        let certificate = try TestCertificate.make(in: directory)
        try withSMTPServer(SMTPServerOptions(certificate: certificate, login: (user: "dunning", password: "s3cret-Pw"))) { server in
            let wrong = try SMTPConnection(ConnectionOptions(url: server.url, caFile: certificate.certificatePath,
                                                       credentials: LoginCredentials(username: "dunning", password: "wr0ng-Pw")))
            let denied = try wrong.send(from: Self.sender, to: ["jan@example.nl"], message: Self.message(1))
            #expect(denied.error == .loginDenied, "\(denied)")
            // The base64 continuation of AUTH is never taken for a command.
            #expect(denied.lastCommand == "AUTH" && denied.lastReply?.code == 535 && !denied.messageHandedOver, "\(denied)")
            #expect(!"\(denied)".contains("wr0ng-Pw"))
            let right = try SMTPConnection(ConnectionOptions(url: server.url, caFile: certificate.certificatePath,
                                                       credentials: LoginCredentials(username: "dunning", password: "s3cret-Pw")))
            let sent = try right.send(from: Self.sender, to: ["jan@example.nl"], message: Self.message(2))
            #expect(sent.error == nil && sent.finalReply?.code == 250, "\(sent)")
            #expect(try server.messages().map(\.login) == ["dunning"])
        }
    }

    @Test("credentials never show their password in description, debugDescription or dump")
    func credentialsRedacted() {
        let credentials = LoginCredentials(username: "dunning", password: "s3cret-Pw")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [credentials.description, credentials.debugDescription, dumped, "\(ConnectionOptions(url: "smtp://x", credentials: credentials))"] {
            #expect(!text.contains("s3cret-Pw") && text.contains("dunning"), "\(text)")
        }
    }

    @Test("Postfix takes the message with its 250 queue id and delivers it to the Maildir, our bytes after its trace headers")
    func postfix() throws {
        let postfix = try PostfixServer()
        defer { postfix.stop() }
        let connection = try SMTPConnection(ConnectionOptions(url: "smtp://127.0.0.1:\(postfix.port)", security: .none))
        let first = try connection.send(from: Self.sender, to: ["boekhouding@dunning.test"], message: Self.message(1))
        let second = try connection.send(from: Self.sender, to: ["boekhouding@dunning.test"], message: Self.message(2))
        for attempt in [first, second] {
            #expect(attempt.error == nil && attempt.messageHandedOver && attempt.lastCommand == "DATA", "\(attempt)\n\(postfix.log)")
            let line = attempt.finalReply?.line ?? ""
            #expect(attempt.finalReply?.code == 250 && line.hasPrefix("250 2.0.0 Ok: queued as "), "\(line)")
        }
        #expect([first, second].map(\.newConnections) == [1, 0])
        #expect(first.finalReply != second.finalReply)
        connection.close()
        let end = ContinuousClock.now + .seconds(30)
        while postfix.newMessages().count < 2, ContinuousClock.now < end { usleep(50_000) }
        let files = postfix.newMessages()
        try #require(files.count == 2, "\(postfix.log)")
        let delivered = try files.map { Array(try Data(contentsOf: URL(fileURLWithPath: postfix.maildir + "/new/" + $0))) }
        // Postfix's virtual(8) writes LF line ends and adds Return-Path, Delivered-To, Received.
        let expected = [1, 2].map { Array(String(decoding: Self.message($0), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8) }
        for message in expected {
            #expect(delivered.contains { $0.count > message.count && Array($0.suffix(message.count)) == message }, "\(delivered.map { String(decoding: $0, as: UTF8.self) })")
        }
        #expect(delivered.allSatisfy { String(decoding: $0, as: UTF8.self).hasPrefix("Return-Path: <\(Self.sender)>\n") })
    }
}
