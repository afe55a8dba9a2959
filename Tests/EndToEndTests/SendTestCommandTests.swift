import Foundation
import Testing
import TestSupport

/// `dunning send-test` end to end against a real SMTP server (aiosmtpd): a sample through
/// the configured transport, nothing in the ledger.
@Suite struct SendTestCommandTests {
    @Test("a sample reminder reaches the server, marked [test] and TEST, and the ledger stays untouched")
    func sent() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try DunningCLI(config: RunFixture.config(port: server.port))
        let result = try cli.run(["send-test", "--to", "jan@example.nl"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("sent 250"), "\(result)")
        let messages = try server.messages()
        #expect(messages.map(\.recipients) == [["jan@example.nl"]])
        #expect(messages.first?.header("Subject")?.hasPrefix("[test] ") == true, "\(String(describing: messages.first?.header("Subject")))")
        #expect(messages.first?.header("X-Dunning-Invoices") == "TEST")
        #expect(messages.first?.mailFrom == "debiteuren@voorbeeld.nl")
        #expect(try cli.ledgerLines().isEmpty)
    }

    @Test("a refusal is exit 1 with the server's reply; nothing is recorded")
    func refused() throws {
        let server = try SMTPServer(SMTPServerOptions(reject: ["jan@example.nl"]))
        defer { server.stop() }
        let cli = try DunningCLI(config: RunFixture.config(port: server.port))
        let result = try cli.run(["send-test", "--to", "jan@example.nl", "--template", "notice"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.hasPrefix("error: failed: 550"), "\(result)")
        #expect(try cli.ledgerLines().isEmpty)
    }

    @Test("an address with a line break is refused before anything is sent (no header injection)")
    func injection() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try DunningCLI(config: RunFixture.config(port: server.port))
        let result = try cli.run(["send-test", "--to", "jan@example.nl\r\nBcc: all@example.nl"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.hasPrefix("error: --to: "), "\(result)")
        #expect(try server.messages().isEmpty)
    }
}
