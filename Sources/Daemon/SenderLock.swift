import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The single-sender lock: a file beside the ledger (`LEDGER.sender.lock`) held with
/// `flock(LOCK_EX | LOCK_NB)` for as long as `run` (daemon or `--once`) lives.
///
/// The kernel drops the lock when the process ends, however it ends (`kill -9`
/// included), so a stale lock file never blocks the next start. The file holds the
/// holder's pid, for the message a second sender prints. Appends from other commands
/// (`ledger pay`, `import`) take the ledger's own lock and are not blocked by this one.
public final class SenderLock {
    public let path: String
    private let descriptor: Int32

    /// The lock file for `ledger`.
    public static func path(forLedger ledger: String) -> String { ledger + ".sender.lock" }

    /// Takes the lock or throws `SenderLockError.held` at once (never waits).
    public init(ledger: String) throws(SenderLockError) {
        path = Self.path(forLedger: ledger)
        // Group-writable (the umask decides): a bookkeeper in the service's group who tries `run --once`
        // is told the service holds the lock, rather than that the file cannot be opened.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o660)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = read(descriptor, &buffer, buffer.count)
            close(descriptor)
            guard reason == EWOULDBLOCK else { throw .cannotOpen(path: path, reason: String(cString: strerror(reason))) }
            let holder = count > 0 ? String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            throw .held(path: path, pid: Int(holder))
        }
        self.descriptor = descriptor
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        // Unlocked explicitly before closing: a process spawned at this moment holds a copy of
        // the descriptor until its exec closes it (O_CLOEXEC), and the flock lives as long as any
        // copy, so a close alone could leave it held for a while. The file stays (removing it
        // would race a new holder).
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

@available(*, unavailable) extension SenderLock: Sendable {}

public enum SenderLockError: Error, Equatable, CustomStringConvertible {
    /// Another `run` holds it.
    case held(path: String, pid: Int?)
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let path, let pid):
            "\(path): error: another sender is running\(pid.map { " (pid \($0))" } ?? ""); only one `dunning run` may send at a time"
        case .cannotOpen(let path, let reason):
            "\(path): error: cannot open the sender lock: \(reason)"
        }
    }
}
