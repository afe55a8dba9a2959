@testable import Systemd
import DunningCore
import Foundation
import Testing
import TestSupport

/// libsystemd reads `NOTIFY_SOCKET` and `WATCHDOG_USEC` from the process environment, and the
/// tests of this process run in parallel (and spawn processes that copy the environment):
/// so every test that needs those variables sets them in an exit test, a child process of
/// its own, and the parent reads what arrived on a socket it bound.
@Suite struct ServiceNotifierTests {
    /// CLOCK_MONOTONIC in microseconds, as `MONOTONIC_USEC=` carries it (one clock for all processes).
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    @Test("each notification arrives on NOTIFY_SOCKET as one datagram, spelled as sd_notify(3) documents it")
    func datagrams() async throws {
        let socket = try NotifySocket()
        let path = socket.path
        let before = Self.monotonicMicroseconds()
        await #expect(processExitsWith: .success) { [path = path as String] in
            setenv("NOTIFY_SOCKET", path, 1)
            let notifier = ServiceNotifier()
            let outcomes = [
                notifier.notify(.ready, .status("next send now;\nlast cycle: 1 due")),
                notifier.notify(.reloadingNow()),
                notifier.notify(.watchdog),
                notifier.notify(.stopping),
            ]
            exit(outcomes.allSatisfy { $0 == .sent } ? 0 : 1)
        }
        let after = Self.monotonicMicroseconds()
        #expect(try socket.receive(timeout: .seconds(5)) == "READY=1\nSTATUS=next send now; last cycle: 1 due")
        let reloading = try #require(try socket.receive(timeout: .seconds(5)))
        let lines = reloading.split(separator: "\n")
        #expect(lines.count == 2 && lines.first == "RELOADING=1", "\(reloading)")
        let stamp = try #require(lines.last.flatMap { $0.hasPrefix("MONOTONIC_USEC=") ? UInt64($0.dropFirst(15)) : nil },
                                 "\(reloading)")
        #expect(stamp >= before && stamp <= after)
        #expect(try socket.receive(timeout: .seconds(5)) == "WATCHDOG=1")
        #expect(try socket.receive(timeout: .seconds(5)) == "STOPPING=1")
        #expect(try socket.receive(timeout: .milliseconds(100)) == nil)
    }

    @Test("without NOTIFY_SOCKET nothing is sent and there is no watchdog")
    func unsupervised() async {
        await #expect(processExitsWith: .success) {
            unsetenv("NOTIFY_SOCKET")
            setenv("WATCHDOG_USEC", "1000000", 1)
            let notifier = ServiceNotifier()
            guard notifier.notify(.ready) == .unsupervised, notifier.notify(.watchdog) == .unsupervised else { exit(1) }
            // systemd sets WATCHDOG_USEC with NOTIFY_SOCKET; on its own it still names an interval,
            // but pings go nowhere.
            guard let watchdog = ServiceWatchdog(notifier: notifier), watchdog.ping() == .unsupervised else { exit(2) }
            exit(0)
        }
    }

    @Test("a notification socket that is gone is a failure naming the reason, not a crash")
    func missingSocket() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("nobody-listens")
        await #expect(processExitsWith: .success) { [path = path as String] in
            setenv("NOTIFY_SOCKET", path, 1)
            guard case .failed(let reason) = ServiceNotifier().notify(.ready) else { exit(1) }
            exit(reason.contains("READY=1") && reason.contains("No such file") ? 0 : 2)
        }
    }

    @Test("WATCHDOG_USEC gives the interval; WATCHDOG_PID of another process turns the watchdog off")
    func watchdogInterval() async {
        await #expect(processExitsWith: .success) {
            setenv("WATCHDOG_USEC", "3000000", 1)
            unsetenv("WATCHDOG_PID")
            guard ServiceNotifier().watchdogInterval == .seconds(3),
                  ServiceWatchdog(notifier: ServiceNotifier())?.period == .milliseconds(1500) else { exit(1) }
            setenv("WATCHDOG_PID", "\(getpid())", 1)
            guard ServiceNotifier().watchdogInterval == .seconds(3) else { exit(2) }
            setenv("WATCHDOG_PID", "\(getpid() + 1)", 1)
            guard ServiceNotifier().watchdogInterval == nil, ServiceWatchdog(notifier: ServiceNotifier()) == nil else { exit(3) }
            unsetenv("WATCHDOG_USEC")
            unsetenv("WATCHDOG_PID")
            exit(ServiceNotifier().watchdogInterval == nil ? 0 : 4)
        }
    }

    @Test("between batches the watchdog pings only once half the interval has passed since the last ping")
    func pingIfDue() async throws {
        let socket = try NotifySocket()
        let path = socket.path
        await #expect(processExitsWith: .success) { [path = path as String] in
            setenv("NOTIFY_SOCKET", path, 1)
            let watchdog = ServiceWatchdog(notifier: ServiceNotifier(), interval: .milliseconds(400))
            guard watchdog.pingIfDue() == nil else { exit(1) }
            usleep(250_000)
            guard watchdog.pingIfDue() == .sent, watchdog.pingIfDue() == nil else { exit(2) }
            exit(0)
        }
        #expect(try socket.receive(timeout: .seconds(5)) == "WATCHDOG=1")
        #expect(try socket.receive(timeout: .milliseconds(100)) == nil)
    }
}
