import Foundation
import Testing
import TestSupport

/// `dunning run` as the service: a real process on a real ledger, against aiosmtpd.
@Suite struct DaemonRunTests {
    /// Ticks every second, any hour of any day (the tests run at any time).
    static func config(port: Int) -> String {
        RunFixture.config(port: port) + """
            schedule: {check_interval: 1s, send_window: "00:00-24:00", business_days: [mon, tue, wed, thu, fri, sat, sun]}

            """
    }

    static func started(_ cli: DunningCLI, port: Int) throws -> (RunningCommand, DunningCLI) {
        let daemon = try cli.start(["run"])
        let up = waitUntil(timeout: .seconds(20)) { daemon.stderrSoFar().contains("started ") || !daemon.process.isRunning }
        try #require(up && daemon.process.isRunning, "\(daemon.stderrSoFar())")
        return (daemon, cli)
    }

    @Test("the daemon sends what is due, then what the bookkeeper imports while it runs; SIGTERM: stopping, exit 0")
    func ticks() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(2),
                                          invoices: ["F-1,C-1,2026-09-01,2026-10-01,100.00,EUR"])
        try cli.write(Self.config(port: server.port), to: "dunning.yaml")
        let (daemon, _) = try Self.started(cli, port: server.port)
        #expect(try waitUntil(timeout: .seconds(20)) { try server.messages().count >= 1 }, "\(daemon.stderrSoFar())")
        // The bookkeeper adds an invoice for C-2 with the CLI: the next tick sends it.
        try cli.write("id,customer,issued,due,amount,currency\nF-2,C-2,2026-09-01,2026-10-01,250.00,EUR\n", to: "more.csv")
        let imported = try cli.run(["import", "more.csv"])
        #expect(imported.status == 0, "\(imported)")
        #expect(try waitUntil(timeout: .seconds(20)) { try server.messages().count >= 2 }, "\(daemon.stderrSoFar())")
        #expect(try server.messages().flatMap(\.recipients).sorted() == ["c1@example.nl", "c2@example.nl"])

        // A second sender is refused while the daemon holds the lock.
        let second = try cli.runOnce()
        #expect(second.status == 1 && second.stderr.contains("lock"), "\(second)")

        daemon.send(SIGTERM)
        let finished = try daemon.wait()
        #expect(finished.status == 0, "\(finished)")
        #expect(finished.stderr.split(separator: "\n").last == "stopping", "\(finished)")
        #expect(finished.stderr.hasPrefix("started check_interval=1s config="), "\(finished)")
        #expect(try String(contentsOfFile: cli.ledgerPath, encoding: .utf8).hasSuffix("\n"))
        #expect(try cli.reminders().filter { $0["state"] as? String == "sent" }.count == 2)
    }

    @Test("SIGHUP: a broken config is refused with its PATH:LINE:COL and the old one keeps running; the fixed one is reloaded")
    func reload() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1), invoices: [])
        try cli.write(Self.config(port: server.port), to: "dunning.yaml")
        let (daemon, _) = try Self.started(cli, port: server.port)

        try cli.write(Self.config(port: server.port) + "colour: blue\n", to: "dunning.yaml")
        daemon.send(SIGHUP)
        #expect(waitUntil(timeout: .seconds(10)) { daemon.stderrSoFar().contains("reload-failed ") }, "\(daemon.stderrSoFar())")
        let failed = daemon.stderrSoFar().split(separator: "\n").first { $0.hasPrefix("reload-failed ") } ?? ""
        #expect(failed.contains("dunning.yaml:") && failed.contains("unknown key 'colour'"), "\(failed)")
        #expect(daemon.process.isRunning)

        try cli.write(Self.config(port: server.port), to: "dunning.yaml")
        daemon.send(SIGHUP)
        #expect(waitUntil(timeout: .seconds(10)) { daemon.stderrSoFar().contains("reloaded ") }, "\(daemon.stderrSoFar())")
        daemon.send(SIGTERM)
        #expect(try daemon.wait().status == 0)
    }
}
