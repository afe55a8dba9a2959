import Foundation
import Testing
import TestSupport

/// `run --once` (the real binary) against aiosmtpd requiring STARTTLS with a self-signed
/// certificate made by `openssl` for 127.0.0.1.
@Suite struct RunTLSTests {
    /// The run fixture's company, delivering over STARTTLS to `port`, trusting `caFile` if given
    /// (a path relative to the config's folder).
    static func config(port: Int, caFile: String?) -> String {
        let ca = caFile.map { ", ca_file: \($0)" } ?? ""
        return RunFixture.config(port: port).replacingOccurrences(
            of: #"smtp: {url: "smtp://127.0.0.1:\#(port)", tls: none, timeout: 5s}"#,
            with: #"smtp: {url: "smtp://127.0.0.1:\#(port)", tls: starttls\#(ca), timeout: 5s}"#)
    }

    /// One NL customer C-1 (c1@example.nl) with one invoice due for its reminder, the config for `server`.
    static func company(server: SMTPServer, caFile: String?) throws -> DunningCLI {
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1))
        try cli.write(config(port: server.port, caFile: caFile), to: "dunning.yaml")
        return cli
    }

    @Test("an untrusted certificate: deferred, nothing received, the log says to set ca_file, exit 0; with ca_file the retry is delivered")
    func untrustedThenTrusted() throws {
        let certificates = try TemporaryDirectory()
        let certificate = try TestCertificate.make(in: certificates)
        let server = try SMTPServer(SMTPServerOptions(certificate: certificate))
        defer { server.stop() }
        let cli = try Self.company(server: server, caFile: nil)
        #expect(try String(contentsOfFile: cli.configPath, encoding: .utf8).contains("tls: starttls"))

        let refused = try cli.runOnce()
        #expect(refused.status == 0, "\(refused)")
        #expect(try server.messages().isEmpty, "\(server.log())")
        let reminders = try cli.reminders(customer: "C-1")
        #expect(reminders.map { $0["state"] as? String } == ["sending", "deferred"], "\(refused)")
        let reply = try #require(reminders.last?["reply"] as? String)
        #expect(reply.contains("certificate") && reply.contains("ca_file"), "\(reply)")
        let line = try #require(refused.stderr.split(separator: "\n").first { $0.hasPrefix("deferred customer=C-1 ") }, "\(refused)")
        #expect(line.contains("certificate is not trusted") && line.contains("ca_file"), "\(line)")
        #expect(!refused.stderr.contains("sent customer="), "\(refused)")
        let messageID = try #require(reminders.first?["message_id"] as? String)

        // Trust the CA (its own certificate); retry.first is 1s, passed by the binary's clock.
        try FileManager.default.copyItem(atPath: certificate.certificatePath, toPath: cli.directory.file("ca.pem"))
        try cli.write(Self.config(port: server.port, caFile: "ca.pem"), to: "dunning.yaml")
        let delivered = try cli.runOnce(later: 3)
        #expect(delivered.status == 0, "\(delivered)")
        let messages = try server.messages()
        #expect(messages.map(\.recipients) == [["c1@example.nl"]], "\(delivered)")
        #expect(messages.map(\.tls) == [true])
        #expect(messages.first?.header("Message-ID") == "<\(messageID)>")
        #expect(try cli.reminders(customer: "C-1").map { $0["state"] as? String } == ["sending", "deferred", "sending", "sent"])
        #expect(delivered.stderr.split(separator: "\n").contains { $0.hasPrefix("sent customer=C-1 ") && $0.contains(" smtp=250") },
                "\(delivered)")
    }

    @Test("with ca_file pointing at the CA the first run delivers over STARTTLS: received, sent")
    func trusted() throws {
        let certificates = try TemporaryDirectory()
        let certificate = try TestCertificate.make(in: certificates)
        let server = try SMTPServer(SMTPServerOptions(certificate: certificate))
        defer { server.stop() }
        let cli = try Self.company(server: server, caFile: certificate.certificatePath)
        let result = try cli.runOnce()
        #expect(result.status == 0, "\(result)")
        let messages = try server.messages()
        #expect(messages.map(\.recipients) == [["c1@example.nl"]], "\(result)\n\(server.log())")
        #expect(messages.map(\.tls) == [true])
        let reminders = try cli.reminders(customer: "C-1")
        #expect(reminders.map { $0["state"] as? String } == ["sending", "sent"])
        #expect(messages.first?.header("Message-ID") == "<\(try #require(reminders.first?["message_id"] as? String))>")
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix("sent customer=C-1 ") && $0.contains(" smtp=250") }, "\(result)")
    }
}
