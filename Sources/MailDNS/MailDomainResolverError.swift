/// Why a `MailDomainResolver` cannot be made: the configuration, or c-ares itself.
public enum MailDomainResolverError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A server that is not `IPv4:port` or `[IPv6]:port` (the port may be left out: 53).
    case unparsableServer(String)
    /// A timeout under 1 ms or over 24 days (c-ares takes milliseconds in an `int`).
    case invalidTimeout(Duration)
    /// Fewer than 1 try.
    case invalidTries(Int)
    /// c-ares refused to set up a channel: the call and c-ares' text (`ares_strerror`).
    case aresFailed(call: String, reason: String)

    public var description: String {
        switch self {
        case .unparsableServer(let server):
            "DNS server \"\(server)\" is not an IP address with a port (127.0.0.1:53, [::1]:53)"
        case .invalidTimeout(let timeout): "DNS timeout \(timeout) is not between 1 ms and 24 days"
        case .invalidTries(let tries): "DNS tries \(tries) is not at least 1"
        case .aresFailed(let call, let reason): "c-ares \(call) failed: \(reason)"
        }
    }
}
