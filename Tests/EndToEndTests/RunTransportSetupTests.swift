import Foundation
import Testing
import TestSupport

/// `run --once` when the transport cannot even be set up (a sysadmin's config or file problem).
@Suite struct RunTransportSetupTests {
    @Test("an unreadable SMTP password file stops the run with exit 1, and after the fix the reminder is sent")
    func unreadablePasswordFile() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1))
        let good = RunFixture.config(port: server.port)
        let missing = cli.directory.file("smtp-password-missing")
        try cli.write(good.replacingOccurrences(of: "timeout: 5s}", with: "timeout: 5s, username: dunning, password_file: \(missing)}"),
                      to: "dunning.yaml")
        let broken = try cli.runOnce()
        #expect(broken.status == 1, "\(broken)")
        #expect(broken.stderr.contains("cannot read the SMTP password"), "\(broken)")
        #expect(try server.messages().isEmpty)

        try cli.write(good, to: "dunning.yaml")
        let fixed = try cli.runOnce()
        #expect(fixed.status == 0, "\(fixed)")
        // Nothing was handed to SMTP, so nothing is uncertain: the fixed run sends the reminder.
        let states = try cli.reminders(customer: "C-1").compactMap { $0["state"] as? String }
        let received = try server.messages().count
        #expect(states.last == "sent", "\(states)\n\(fixed)")
        #expect(!states.contains("uncertain"), "\(states)")
        #expect(received == 1)
    }
}
