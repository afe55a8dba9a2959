import DunningCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `blocked` items already logged on one day, so each is logged once per item per day
/// (docs/operations.md, "Logs") even when `run --once` runs every five minutes.
///
/// An item is its customer, step and block reason: a customer whose reminder is blocked
/// `dispute` all day is logged at the first run of the day; if the reason changes (the
/// dispute is resolved and a hold comes in) the new reason is logged too.
public struct BlockedLog: Sendable, Equatable {
    public struct Key: Sendable, Hashable, Comparable, Codable {
        public var customer: String
        public var step: String
        public var reason: String

        public init(customer: String, step: String, reason: String) {
            self.customer = customer
            self.step = step
            self.reason = reason
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.customer, lhs.step, lhs.reason) < (rhs.customer, rhs.step, rhs.reason)
        }
    }

    /// The day (company zone) `keys` were logged on; `nil` when nothing was.
    public var date: CalendarDate?
    public var keys: Set<Key>

    public init(date: CalendarDate? = nil, keys: Set<Key> = []) {
        self.date = date
        self.keys = keys
    }

    /// Whether `key` is to be logged on `date`, remembering that it was: `false` when it
    /// already was that day. Another day starts afresh.
    public mutating func admit(_ key: Key, on date: CalendarDate) -> Bool {
        if self.date != date {
            self.date = date
            keys = []
        }
        return keys.insert(key).inserted
    }
}

/// `BlockedLog` in a small JSON file beside the ledger (`LEDGER.blocked`), replaced whole
/// by writing a temporary file and renaming it over the old one:
///
/// ```json
/// {"date":"2026-11-23","logged":[{"customer":"C-1","reason":"dispute","step":"reminder"}]}
/// ```
///
/// Only the holder of the `SenderLock` reads and writes it. Losing it costs nothing but
/// one more `blocked` line per item.
public struct BlockedLogFile: Sendable {
    public let path: String

    public init(ledger: String) {
        path = ledger + ".blocked"
    }

    private struct Contents: Codable {
        var date: String
        var logged: [BlockedLog.Key]
    }

    /// The log in the file: empty when there is none yet, empty with a warning (for the
    /// log) when it cannot be read or understood.
    public func load() -> (log: BlockedLog, warning: String?) {
        // Under the sender lock nobody else writes or removes it between the two calls.
        guard FileManager.default.fileExists(atPath: path) else { return (BlockedLog(), nil) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return (BlockedLog(), "\(path): cannot read the blocked-items log (\(error.localizedDescription)); blocked items are logged again")
        }
        do {
            let contents = try JSONDecoder().decode(Contents.self, from: data)
            let date = try CalendarDate.parse(contents.date)
            return (BlockedLog(date: date, keys: Set(contents.logged)), nil)
        } catch {
            return (BlockedLog(), "\(path): the blocked-items log is not valid (\(error)); blocked items are logged again")
        }
    }

    /// Replaces the file with `log`: written to `PATH.tmp-PID`, then renamed over `PATH`.
    public func save(_ log: BlockedLog) throws(BlockedLogFileError) {
        guard let date = log.date else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(Contents(date: date.description, logged: log.keys.sorted()))
        } catch {
            preconditionFailure("strings always encode: \(error)")
        }
        let temporary = "\(path).tmp-\(getpid())"
        do {
            try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw BlockedLogFileError(path: temporary, reason: error.localizedDescription)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw BlockedLogFileError(path: path, reason: reason)
        }
    }
}

/// The blocked-items log could not be written; the cycle itself is done.
public struct BlockedLogFileError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot write the blocked-items log: \(reason)" }
}
