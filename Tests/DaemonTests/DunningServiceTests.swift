@testable import Daemon
import DunningCore
import Foundation
import Logging
import ServiceLifecycle
import Testing
import TestSupport

/// The service in-process, in a `ServiceGroup`, on a real ledger and outbox Maildir (the
/// end-to-end tests run it as the binary, with real signals and SMTP).
@Suite struct DunningServiceTests {
    @Test("started, a round that sends what is due into the outbox, then graceful shutdown: stopping, run() returns")
    func roundThenShutdown() async throws {
        let directory = try TemporaryDirectory()
        let environment = try SessionTests.company(directory)
        let session = try Session.open(environment: environment)
        try session.append(SessionTests.customer)
        try session.append(SessionTests.invoice("F-1"))
        let sink = LineSink()
        let logger = Logger(label: "test") { _ in LogfmtLogHandler(journal: false, write: { sink.write($0) }) }
        let service = try DunningService(session: session, logger: logger)
        let group = ServiceGroup(services: [service], logger: logger)
        try await withTaskExecutorPreference(DedicatedExecutor()) {
          try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            let sent = await Self.waitUntil(timeout: .seconds(30)) { sink.all.contains { $0.hasPrefix("sent ") } }
            #expect(sent, "\(sink.all)")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
          }
        }
        let events = sink.all.map { String($0.prefix { $0 != " " && $0 != "\n" }) }
        #expect(events.first == "started" && events.last == "stopping", "\(sink.all)")
        #expect(events.filter { $0 == "sent" }.count == 1, "\(sink.all)")
        let outbox = try FileManager.default.contentsOfDirectory(atPath: directory.file("outbox/new"))
        #expect(outbox.count == 1)
        #expect(try String(contentsOfFile: directory.file("ledger.jsonl"), encoding: .utf8).contains(#""state":"sent""#))
    }

    @Test("graceful shutdown before anything is due: the service stops at once, with nothing sent")
    func idleShutdown() async throws {
        let directory = try TemporaryDirectory()
        let session = try Session.open(environment: try SessionTests.company(directory))
        #expect(session.takeWarnings().count == 1)  // the ledger was created; the CLI prints that before the service starts
        let sink = LineSink()
        let logger = Logger(label: "test") { _ in LogfmtLogHandler(journal: false, write: { sink.write($0) }) }
        let group = ServiceGroup(services: [try DunningService(session: session, logger: logger)], logger: logger)
        // Timed on the dedicated executor: the cooperative pool may be busy with other suites.
        let elapsed = try await withTaskExecutorPreference(DedicatedExecutor()) {
          let start = ContinuousClock.now
          try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            _ = await Self.waitUntil(timeout: .seconds(10)) { sink.all.contains { $0.hasPrefix("started ") } }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
          }
          return ContinuousClock.now - start
        }
        // check_interval is 5 minutes: the shutdown ends the wait for the next round.
        #expect(elapsed < .seconds(60), "\(elapsed)")
        #expect(sink.all.map { String($0.prefix { $0 != " " && $0 != "\n" }) } == ["started", "stopping"], "\(sink.all)")
    }

    /// Polls `condition` every 10 ms until it holds or `timeout` passes.
    static func waitUntil(timeout: Duration, _ condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}
