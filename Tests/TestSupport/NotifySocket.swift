import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The service manager's side of sd_notify(3) for tests: an `AF_UNIX` datagram socket bound
/// in a temporary folder, whose path goes into a service's `NOTIFY_SOCKET`. Collects the
/// datagrams it receives, in order. Closed (and its folder removed) when released.
public final class NotifySocket {
    /// What to put in `NOTIFY_SOCKET`.
    public let path: String
    /// Every datagram received so far by `receive` or `waitFor`, oldest first.
    public private(set) var received: [String] = []
    private let folder: TemporaryDirectory
    private let fd: Int32

    public init() throws {
        folder = try TemporaryDirectory()
        path = folder.file("notify")
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw NotifySocketError.call("bind: path too long: \(path)", ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw NotifySocketError.call("socket", errno) }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            let error = errno
            close(fd)
            throw NotifySocketError.call("bind \(path)", error)
        }
    }

    /// The next datagram, or `nil` when none arrives within `timeout`.
    public func receive(timeout: Duration) throws -> String? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1_000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let ready = poll(&poller, 1, milliseconds)
        guard ready >= 0 else {
            if errno == EINTR { return try receive(timeout: timeout) }
            throw NotifySocketError.call("poll", errno)
        }
        guard ready > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count >= 0 else { throw NotifySocketError.call("recv", errno) }
        let message = String(decoding: buffer[..<count], as: UTF8.self)
        received.append(message)
        return message
    }

    /// Receives until a datagram satisfies `condition` (returned) or `timeout` passes (`nil`).
    public func waitFor(timeout: Duration, _ condition: (String) -> Bool) throws -> String? {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            guard let message = try receive(timeout: end - ContinuousClock.now) else { return nil }
            if condition(message) { return message }
        }
        return nil
    }

    deinit { close(fd) }
}

@available(*, unavailable) extension NotifySocket: Sendable {}

public enum NotifySocketError: Error, CustomStringConvertible {
    case call(String, Int32)

    public var description: String {
        switch self {
        case .call(let name, let code): "\(name): \(String(cString: strerror(code)))"
        }
    }
}
