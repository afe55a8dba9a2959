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

    @Test("SIGTERM while sending to a slow server: stops after the message in flight, exit 0 within 10 s, no send left undecided")
    func stopMidSend() throws {
        let server = try SMTPServer(SMTPServerOptions(delayMilliseconds: 200))
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(40))
        try cli.write(Self.config(port: server.port), to: "dunning.yaml")
        let (daemon, _) = try Self.started(cli, port: server.port)
        // In the middle of the first batch of ten (each message takes 200 ms to be answered).
        #expect(try waitUntil(timeout: .seconds(30)) { try server.messages().count >= 3 }, "\(daemon.stderrSoFar())")
        let signalled = ContinuousClock.now
        daemon.send(SIGTERM)
        let finished = try daemon.wait()
        #expect(ContinuousClock.now - signalled < .seconds(10))
        #expect(finished.status == 0 && finished.stderr.split(separator: "\n").last == "stopping", "\(finished)")
        // Every line parses; every `sending` has its outcome; what was not attempted is deferred, to be retried.
        let reminders = try cli.reminders()
        var latest: [String: String] = [:]
        for record in reminders { latest[record["message_id"] as? String ?? ""] = record["state"] as? String }
        #expect(!latest.values.contains("sending") && !latest.values.contains("uncertain"), "\(latest)")
        let sent = latest.values.filter { $0 == "sent" }.count
        #expect(try sent == server.messages().count && sent < 10, "stopped after the message in flight, not after its batch of ten: \(latest)")
        #expect(latest.values.filter { $0 == "deferred" }.count == latest.count - sent && latest.count == 10)
        #expect(reminders.filter { $0["state"] as? String == "deferred" }.allSatisfy { ($0["reply"] as? String)?.contains("not attempted") == true })
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

    @Test("under systemd: READY=1 after the load, STATUS= after each cycle, WATCHDOG=1, RELOADING=1 then READY=1 around SIGHUP, STOPPING=1")
    func notify() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1))
        try cli.write(Self.config(port: server.port), to: "dunning.yaml")
        let socket = try NotifySocket()
        // WatchdogSec=2s: a ping at least every second.
        let daemon = try cli.start(["run"], environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "2000000"])
        let log = { daemon.stderrSoFar() + "\n--- received\n" + socket.received.joined(separator: "\n---\n") }

        #expect(try socket.receive(timeout: .seconds(20)) == "READY=1\nSTATUS=started; first cycle running", "\(log())")
        // The first cycle sends C-1's reminder; the window is open all day.
        let first = try socket.waitFor(timeout: .seconds(20)) { $0.hasPrefix("STATUS=next send") }
        #expect(first?.hasPrefix("STATUS=next send now; last cycle: 1 due, 1 sent, 0 deferred, 0 failed, 0 uncertain") == true, "\(log())")
        #expect(try server.messages().count == 1)
        #expect(try socket.waitFor(timeout: .seconds(5)) { $0 == "WATCHDOG=1" } != nil, "\(log())")

        // A broken config: RELOADING=1, then READY=1 again (the old config keeps running).
        try cli.write(Self.config(port: server.port) + "colour: blue\n", to: "dunning.yaml")
        daemon.send(SIGHUP)
        let reloading = try socket.waitFor(timeout: .seconds(10)) { $0.hasPrefix("RELOADING=1") }
        let lines = reloading?.split(separator: "\n") ?? []
        #expect(lines.count == 3 && lines[0] == "RELOADING=1" && lines[2] == "STATUS=reloading \(cli.configPath)", "\(log())")
        #expect(lines.count == 3 && lines[1].hasPrefix("MONOTONIC_USEC=") && UInt64(lines[1].dropFirst(15)) != nil, "\(log())")
        let refused = try socket.waitFor(timeout: .seconds(10)) { $0.hasPrefix("READY=1") }
        #expect(refused?.hasPrefix("READY=1\nSTATUS=reload refused, previous config still running: ") == true, "\(log())")
        #expect(refused?.contains("unknown key 'colour'") == true, "\(log())")

        // The fixed config: RELOADING=1, READY=1, and a cycle on the new config.
        try cli.write(Self.config(port: server.port), to: "dunning.yaml")
        daemon.send(SIGHUP)
        #expect(try socket.waitFor(timeout: .seconds(10)) { $0.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") } != nil, "\(log())")
        #expect(try socket.waitFor(timeout: .seconds(10)) { $0.hasPrefix("READY=1") } == "READY=1\nSTATUS=reloaded \(cli.configPath)",
                "\(log())")
        #expect(try socket.waitFor(timeout: .seconds(10)) { $0.hasPrefix("STATUS=next send now; last cycle: 0 due") } != nil, "\(log())")

        daemon.send(SIGTERM)
        #expect(try socket.waitFor(timeout: .seconds(10)) { $0.hasPrefix("STOPPING=1") } == "STOPPING=1\nSTATUS=stopping", "\(log())")
        let finished = try daemon.wait()
        #expect(finished.status == 0, "\(finished)")
        #expect(!finished.stderr.contains("warning"), "\(finished)")
    }
}
