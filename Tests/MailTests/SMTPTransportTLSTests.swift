import DunningCore
import Foundation
import Mail
import TestSupport
import Testing

/// STARTTLS, implicit TLS and AUTH against a real aiosmtpd with a self-signed certificate
/// made by `openssl` for 127.0.0.1.
@Suite struct SMTPTransportTLSTests {
    @Test("STARTTLS with a self-signed certificate is refused by default: deferred, nothing sent")
    func untrustedCertificate() throws {
        let directory = try TemporaryDirectory()
        let certificate = try TestCertificate.make(in: directory)
        try withSMTPServer(SMTPServerOptions(certificate: certificate)) { server in
            let transport = try SMTPTransport(settings: TransportFixtures.settings(server.url, tls: .starttls),
                                              credentialsDirectory: nil)
            let outcome = transport.deliver(TransportFixtures.message(1), envelope: TransportFixtures.envelope("jan@example.nl"))
            #expect(outcome.isDeferred, "\(outcome)")
            #expect(outcome.text.hasPrefix("local: "))
            #expect(outcome.text.contains("ca_file"))
            #expect(try server.messages().isEmpty)
        }
    }

    @Test("STARTTLS with the certificate's CA as ca_file: sent over TLS, one session for all")
    func trustedCertificate() throws {
        let directory = try TemporaryDirectory()
        let certificate = try TestCertificate.make(in: directory)
        try withSMTPServer(SMTPServerOptions(certificate: certificate)) { server in
            let settings = TransportFixtures.settings(server.url, tls: .starttls, caFile: certificate.certificatePath)
            let transport = try SMTPTransport(settings: settings, credentialsDirectory: nil)
            let messages = (1...2).map { TransportFixtures.message($0) }
            let outcomes = messages.map { transport.deliver($0, envelope: TransportFixtures.envelope("jan@example.nl")) }
            #expect(outcomes.allSatisfy { $0.isSent }, "\(outcomes)")
            let received = try server.messages()
            #expect(received.map(\.data) == messages)
            #expect(received.allSatisfy { $0.tls })
            #expect(Set(received.map(\.peerPort)).count == 1)
        }
    }

    @Test("implicit TLS (smtps://) with ca_file: sent")
    func implicitTLS() throws {
        let directory = try TemporaryDirectory()
        let certificate = try TestCertificate.make(in: directory)
        try withSMTPServer(SMTPServerOptions(certificate: certificate, implicitTLS: true)) { server in
            #expect(server.url.hasPrefix("smtps://"))
            let settings = TransportFixtures.settings(server.url, tls: .implicit, caFile: certificate.certificatePath)
            let transport = try SMTPTransport(settings: settings, credentialsDirectory: nil)
            let outcome = transport.deliver(TransportFixtures.message(1), envelope: TransportFixtures.envelope("jan@example.nl"))
            #expect(outcome.isSent, "\(outcome)")
            #expect(try server.messages().map(\.tls) == [true])
        }
    }

    @Test("a server without STARTTLS gets nothing unless tls: none is configured")
    func plainOnlyWhenConfigured() throws {
        try withSMTPServer { server in
            let url = server.url
            let required = try SMTPTransport(settings: TransportFixtures.settings(url, tls: .starttls), credentialsDirectory: nil)
            let refused = required.deliver(TransportFixtures.message(1), envelope: TransportFixtures.envelope("jan@example.nl"))
            #expect(refused.isDeferred, "\(refused)")
            #expect(refused.text.contains("STARTTLS"))
            #expect(try server.messages().isEmpty)

            let plain = try SMTPTransport(settings: TransportFixtures.settings(url, tls: .none), credentialsDirectory: nil)
            let sent = plain.deliver(TransportFixtures.message(2), envelope: TransportFixtures.envelope("jan@example.nl"))
            #expect(sent.isSent, "\(sent)")
            #expect(try server.messages().map(\.tls) == [false])
        }
    }

    @Test("AUTH with the password from $CREDENTIALS_DIRECTORY, over STARTTLS")
    func authenticated() throws {
        let directory = try TemporaryDirectory()
        let certificate = try TestCertificate.make(in: directory)
        let credentials = directory.file("credentials")
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: false)
        let password = "s3cr3t-Päss-\(UUID().uuidString)"
        try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: credentials + "/smtp-password"))
        try withSMTPServer(SMTPServerOptions(certificate: certificate, login: ("dunning", password))) { server in
            let settings = TransportFixtures.settings(server.url, tls: .starttls, caFile: certificate.certificatePath,
                                                      username: "dunning", passwordFile: "smtp-password")
            let transport = try SMTPTransport(settings: settings, credentialsDirectory: credentials)
            let outcomes = (1...2).map {
                transport.deliver(TransportFixtures.message($0), envelope: TransportFixtures.envelope("jan@example.nl"))
            }
            #expect(outcomes.allSatisfy { $0.isSent }, "\(outcomes)")
            #expect(outcomes.allSatisfy { !$0.text.contains(password) })
            let received = try server.messages()
            #expect(received.map(\.login) == ["dunning", "dunning"])
            #expect(received.allSatisfy { $0.tls })
        }
    }

    @Test("a wrong password: deferred with the server's 535, and the password appears nowhere")
    func wrongPassword() throws {
        let directory = try TemporaryDirectory()
        let certificate = try TestCertificate.make(in: directory)
        let password = "wrong-\(UUID().uuidString)"
        try Data(password.utf8).write(to: URL(fileURLWithPath: directory.file("password")))
        try withSMTPServer(SMTPServerOptions(certificate: certificate, login: ("dunning", "right"))) { server in
            let settings = TransportFixtures.settings(server.url, tls: .starttls, caFile: certificate.certificatePath,
                                                      username: "dunning", passwordFile: directory.file("password"))
            let transport = try SMTPTransport(settings: settings, credentialsDirectory: nil)
            let outcome = transport.deliver(TransportFixtures.message(1), envelope: TransportFixtures.envelope("jan@example.nl"))
            #expect(outcome.isDeferred, "\(outcome)")
            #expect(outcome.text.hasPrefix("535"))
            #expect(outcome.text.contains("AUTH"))
            #expect(!outcome.text.contains(password))
            #expect(!String(describing: outcome).contains(password))
            #expect(try server.messages().isEmpty)
        }
    }

    @Test("password file problems are config errors that name the file, never its content")
    func passwordFileErrors() throws {
        let directory = try TemporaryDirectory()
        let certificateless = "smtp://127.0.0.1:25"
        func error(_ settings: SMTPSettings, _ credentialsDirectory: String?) -> TransportError? {
            do {
                _ = try SMTPTransport(settings: settings, credentialsDirectory: credentialsDirectory)
                return nil
            } catch {
                return error
            }
        }
        let relative = TransportFixtures.settings(certificateless, username: "dunning", passwordFile: "smtp-password")
        #expect(error(relative, nil) == .credentialsDirectoryUnset(passwordFile: "smtp-password"))
        #expect(error(relative, directory.path) == .passwordFile(path: directory.file("smtp-password"), reason: "no such file"))
        try Data("\n".utf8).write(to: URL(fileURLWithPath: directory.file("smtp-password")))
        #expect(error(relative, directory.path) == .passwordFile(path: directory.file("smtp-password"), reason: "empty"))
        let secret = "line-one-\(UUID().uuidString)"
        try Data((secret + "\nline-two\n").utf8).write(to: URL(fileURLWithPath: directory.file("smtp-password")))
        let twoLines = error(relative, directory.path)
        #expect(twoLines == .passwordFile(path: directory.file("smtp-password"), reason: "more than one line"))
        #expect(!"\(String(describing: twoLines))".contains(secret))
        let noPassword = TransportFixtures.settings(certificateless, username: "dunning")
        #expect(error(noPassword, nil) == .incompleteCredentials(missing: "password_file"))
        let missingCA = TransportFixtures.settings(certificateless, tls: .starttls, caFile: directory.file("ca.pem"))
        #expect(error(missingCA, nil) == .caFile(path: directory.file("ca.pem"), reason: "No such file or directory"))
    }
}
