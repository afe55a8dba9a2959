import Foundation

/// UDP on 127.0.0.1 for DNS tests: free ports, and a port that takes queries and never answers.
public enum LoopbackUDP {
    /// A UDP port on 127.0.0.1 that nothing listens on now (bound, then closed again).
    ///
    /// Also the port to send to for "connection refused": the kernel answers a datagram to it
    /// with ICMP port unreachable.
    public static func freePort() throws -> Int {
        let socket = try bound()
        defer { close(socket.fd) }
        return socket.port
    }

    /// A socket (UDP unless `type` says otherwise) bound to 127.0.0.1 on a port the kernel picks.
    static func bound(_ type: __socket_type = SOCK_DGRAM) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(type.rawValue), 0)
        guard fd >= 0 else { throw LoopbackUDPError.call("socket", errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else {
            let error = errno
            close(fd)
            throw LoopbackUDPError.call("bind", error)
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// A UDP socket on 127.0.0.1 that is never read: a DNS server that takes every query and
/// never answers, so a resolver pointed at it times out. Closed when released.
public final class SilentUDPSocket {
    public let port: Int
    private let fd: Int32

    /// `127.0.0.1:PORT`, as the config's `verification.resolvers` names a server.
    public var address: String { "127.0.0.1:\(port)" }

    public init() throws {
        (fd, port) = try LoopbackUDP.bound()
    }

    deinit { close(fd) }
}

@available(*, unavailable) extension SilentUDPSocket: Sendable {}

public enum LoopbackUDPError: Error, CustomStringConvertible {
    case call(String, Int32)

    public var description: String {
        switch self {
        case .call(let name, let code): "\(name) on 127.0.0.1 failed: \(String(cString: strerror(code)))"
        }
    }
}

/// TCP on 127.0.0.1: whether a server listens yet.
public enum LoopbackTCP {
    /// Whether a connection to 127.0.0.1:`port` is accepted now.
    public static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
