import Synchronization

/// Asks DNS (through c-ares) whether mail domains can receive mail: `MailDomainStatus`.
///
/// Blocking; safe to call from several threads at once. Each call drives a c-ares channel of
/// its own (taken from a pool, made when none is free), so calls do not wait for each other.
///
/// ```swift
/// let resolver = try MailDomainResolver(servers: ["127.0.0.1:53"], timeout: .seconds(2), tries: 2)
/// resolver.lookup("xn--mnchen-3ya.de")           // .mx(["mx1.xn--mnchen-3ya.de"])
/// resolver.lookup(["example.nl", "example.be"])  // both at once on one channel
/// ```
public final class MailDomainResolver: Sendable {
    private let configuration: AresChannel.Configuration
    /// Channels not in use by a lookup now.
    private let idle: Mutex<[AresChannel]>

    /// A resolver asking `servers` (`host:port` as the config gives them: `127.0.0.1:53`,
    /// `[::1]:5353`; no port is 53), or the servers of `/etc/resolv.conf` when empty.
    ///
    /// `timeout` is the first try's; c-ares doubles it on each later round over the servers,
    /// `tries` rounds in all: 300 ms and 1 try give up after 300 ms, 1 s and 3 tries after
    /// 7 s (1 + 2 + 4). A server that does not answer, or answers SERVFAIL or REFUSED, is
    /// passed over for the next one; the first NXDOMAIN, NODATA or answer counts, and only
    /// when no server gave one is the domain a `.temporaryFailure` (the reason says what the
    /// servers said). A name is asked as given, never completed with a search domain.
    public init(servers: [String], timeout: Duration, tries: Int) throws(MailDomainResolverError) {
        var addresses: [DNSServerAddress] = []
        for server in servers {
            guard let address = DNSServerAddress(parsing: server) else { throw .unparsableServer(server) }
            addresses.append(address)
        }
        let (seconds, attoseconds) = timeout.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        guard (1...Int64(Int32.max)).contains(milliseconds) else { throw .invalidTimeout(timeout) }
        guard (1...Int(Int32.max)).contains(tries) else { throw .invalidTries(tries) }
        configuration = AresChannel.Configuration(servers: addresses, timeoutMilliseconds: Int32(milliseconds),
                                                  tries: Int32(tries))
        // The first channel now: c-ares' own objections come out here, not in a lookup.
        idle = Mutex([try AresChannel(configuration)])
    }

    /// What DNS says about `asciiDomain` (A-labels, as `IDNA.toASCII` gives): RFC 5321 §5.1,
    /// RFC 7505. A failure to get an answer is `.temporaryFailure`, never `.nonexistent` or
    /// `.noMailHost`.
    public func lookup(_ asciiDomain: String) -> MailDomainStatus {
        guard let status = lookup([asciiDomain])[asciiDomain] else {
            preconditionFailure("no status for the one domain looked up: \(asciiDomain)")
        }
        return status
    }

    /// `lookup` for each of `domains` at once, on one channel: the questions of all of them
    /// in flight together (at most 64 at a time). Keyed by the domains as given; each is
    /// asked once however often it comes.
    public func lookup(_ domains: [String]) -> [String: MailDomainStatus] {
        var seen: Set<String> = []
        let unique = domains.filter { seen.insert($0).inserted }
        let channel: AresChannel
        do {
            channel = try checkOut()
        } catch {
            return Dictionary(uniqueKeysWithValues: unique.map { ($0, .temporaryFailure("no DNS channel: \(error)")) })
        }
        defer { idle.withLock { $0.append(channel) } }
        let lookups = channel.run(unique.map { MailDomainLookup(domain: $0) })
        return Dictionary(uniqueKeysWithValues: lookups.map { lookup in
            guard let status = lookup.status else { preconditionFailure("the lookup of \(lookup.domain) ended without a status") }
            return (lookup.domain, status)
        })
    }

    /// An idle channel, or a new one when every channel is in use.
    private func checkOut() throws(MailDomainResolverError) -> AresChannel {
        if let channel = idle.withLock({ $0.popLast() }) { return channel }
        return try AresChannel(configuration)
    }
}
