internal import CSystemd
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd what the service is doing, through libsystemd's `sd_notify(3)`.
///
/// Outside systemd (no `NOTIFY_SOCKET` in the environment) every call is a no-op that
/// returns `.unsupervised`: libsystemd then sends nothing. libsystemd reads
/// `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from the process environment at
/// each call and leaves them set.
///
/// ```swift
/// let notifier = ServiceNotifier()
/// notifier.notify(.ready, .status("next send Mon 2026-11-30 09:00 Europe/Amsterdam"))
/// ```
public struct ServiceNotifier: Sendable {
    /// One `KEY=VALUE` assignment of the notification protocol.
    public enum Field: Sendable, Equatable {
        /// `READY=1`: start-up (or a reload) is complete.
        case ready
        /// `RELOADING=1` with `MONOTONIC_USEC=` (the `CLOCK_MONOTONIC` time of the reload's
        /// start, in microseconds), as systemd.service(5) asks of a reloading service.
        case reloading(monotonicMicroseconds: UInt64)
        /// `STOPPING=1`: shutdown has begun.
        case stopping
        /// `WATCHDOG=1`: the keep-alive ping.
        case watchdog
        /// `STATUS=`: one line for `systemctl status` (line breaks become spaces).
        case status(String)

        /// `RELOADING=1` stamped with the monotonic clock now.
        public static func reloadingNow() -> Field {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            return .reloading(monotonicMicroseconds: UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000)
        }

        var assignment: String {
            switch self {
            case .ready: "READY=1"
            case .reloading(let microseconds): "RELOADING=1\nMONOTONIC_USEC=\(microseconds)"
            case .stopping: "STOPPING=1"
            case .watchdog: "WATCHDOG=1"
            case .status(let text):
                "STATUS=" + text.map { $0.isNewline ? " " : String($0) }.joined()
            }
        }
    }

    /// What became of a notification.
    public enum Outcome: Sendable, Equatable {
        /// Sent to the socket systemd named.
        case sent
        /// Not run by systemd (no `NOTIFY_SOCKET`): nothing was sent.
        case unsupervised
        /// `sd_notify` failed (the socket is gone, a bad `NOTIFY_SOCKET`): the reason.
        case failed(String)
    }

    public init() {}

    /// Sends `fields` as one datagram (one assignment per line).
    @discardableResult
    public func notify(_ fields: Field...) -> Outcome {
        notify(fields)
    }

    @discardableResult
    public func notify(_ fields: [Field]) -> Outcome {
        let state = Self.message(fields)
        let result = sd_notify(0, state)
        if result > 0 { return .sent }
        if result == 0 { return .unsupervised }
        return .failed("sd_notify \(state.split(separator: "\n").first ?? ""): \(String(cString: strerror(-result)))")
    }

    /// The datagram for `fields`.
    public static func message(_ fields: [Field]) -> String {
        fields.map(\.assignment).joined(separator: "\n")
    }

    /// How long systemd waits for a `WATCHDOG=1` before it kills the service
    /// (`WatchdogSec=`, passed as `WATCHDOG_USEC`); `nil` when the watchdog is off, or
    /// `WATCHDOG_PID` names another process. Ping at half this interval (sd_watchdog_enabled(3)).
    public var watchdogInterval: Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(microseconds)
    }
}
