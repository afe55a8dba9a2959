import Foundation
import Synchronization
import MailDNS
import Testing
import TestSupport

@Suite struct MailDomainResolverTests {
    @Test("each kind of mail domain comes out as RFC 5321 §5.1 and RFC 7505 say",
          arguments: MailDNSFixture.expected.map(\.domain))
    func domain(_ domain: String) throws {
        try withDNSServer(records: MailDNSFixture.records) { server in
            let resolver = try MailDomainResolver(servers: [server.address], timeout: .seconds(2), tries: 2)
            let expected = try #require(MailDNSFixture.expected.first { $0.domain == domain }).status
            #expect(resolver.lookup(domain) == expected, "dnsmasq log:\n\(server.log())")
        }
    }

    @Test("an internationalized domain is found by its A-label")
    func internationalized() throws {
        try withDNSServer(records: MailDNSFixture.records) { server in
            let resolver = try MailDomainResolver(servers: [server.address], timeout: .seconds(2), tries: 2)
            let domain = try IDNA.toASCII("München.test").get()
            #expect(domain == "xn--mnchen-3ya.test")
            #expect(resolver.lookup(domain) == .mx(["mx.xn--mnchen-3ya.test"]))
        }
    }

    @Test("names are asked as given: no search domain is appended, case does not matter")
    func asGiven() throws {
        try withDNSServer(records: MailDNSFixture.records) { server in
            let resolver = try MailDomainResolver(servers: [server.address], timeout: .seconds(2), tries: 2)
            // "two" alone would be two.test with resolv.conf's "search test".
            #expect(resolver.lookup("two") == .temporaryFailure("DNS server \(server.address) refused the query for MX two"))
            #expect(resolver.lookup("TWO.Test") == .mx(["mx1.two.test", "mx2.two.test"]))
        }
    }

    @Test("a name DNS cannot carry (a label over 63 octets) does not exist")
    func unencodable() throws {
        try withDNSServer(records: MailDNSFixture.records) { server in
            let resolver = try MailDomainResolver(servers: [server.address], timeout: .seconds(2), tries: 1)
            #expect(resolver.lookup(String(repeating: "a", count: 64) + ".test") == .nonexistent)
        }
    }

    @Test("a server given as [IPv6]:port is asked there")
    func ipv6() throws {
        try withDNSServer(records: MailDNSFixture.records, listenAddress: "::1") { server in
            #expect(server.address.hasPrefix("[::1]:"))
            let resolver = try MailDomainResolver(servers: [server.address], timeout: .seconds(2), tries: 2)
            #expect(resolver.lookup("two.test") == .mx(["mx1.two.test", "mx2.two.test"]))
        }
    }

    @Test("many domains at once give the same answers as one by one")
    func batch() throws {
        let (records, expected) = MailDNSFixture.many(60)
        try withDNSServer(records: records) { server in
            let resolver = try MailDomainResolver(servers: [server.address], timeout: .seconds(2), tries: 2)
            let domains = expected.keys.sorted()
            // Each domain twice: asked once, keyed once.
            let together = resolver.lookup(domains + domains.reversed())
            #expect(together == expected)
            let oneByOne = Dictionary(uniqueKeysWithValues: domains.map { ($0, resolver.lookup($0)) })
            #expect(together == oneByOne)
        }
    }

    @Test("more domains than questions in flight at once (500) all get their answer")
    func manyDomains() throws {
        let (records, expected) = MailDNSFixture.many(500)
        try withDNSServer(records: records) { server in
            let resolver = try MailDomainResolver(servers: [server.address], timeout: .seconds(2), tries: 2)
            let statuses = resolver.lookup(Array(expected.keys))
            #expect(statuses.count == 500)
            #expect(statuses == expected)
        }
    }

    @Test("lookups from several threads at once each get their own answers")
    func concurrent() throws {
        let (records, expected) = MailDNSFixture.many(24)
        try withDNSServer(records: records) { server in
            let resolver = try MailDomainResolver(servers: [server.address], timeout: .seconds(2), tries: 2)
            let domains = expected.keys.sorted()
            let results = Mutex<[String: MailDomainStatus]>([:])
            DispatchQueue.concurrentPerform(iterations: domains.count) { index in
                let status = resolver.lookup(domains[index])
                results.withLock { $0[domains[index]] = status }
            }
            #expect(results.withLock { $0 } == expected)
        }
    }

    /// `127.0.0.1:PORT` and `[::1]:PORT` are asked in every other test here; these are the
    /// spellings without a port. No DNS server listens on port 53 of 127.0.0.2 or ::1 (where
    /// one does, the answer shows up in the failure), so the refusal names where the question went.
    @Test("a server given without a port, or as a bare IPv6 address, is asked on port 53 of that address", arguments: [
        ("127.0.0.2", "127.0.0.2:53"), ("127.0.0.2:53", "127.0.0.2:53"), ("::1", "[::1]:53"), ("[::1]", "[::1]:53"),
    ])
    func servers(spelling: String, asked: String) throws {
        let resolver = try MailDomainResolver(servers: [spelling], timeout: .seconds(1), tries: 1)
        #expect(resolver.lookup("two.test") == .temporaryFailure(
            "DNS server \(asked) refused the connection (no DNS server listens there) for the query for MX two.test"))
    }

    @Test("a server that is no IP address with a port is an error naming it", arguments: [
        "dns.example:53", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:", "127.0.0.1:53x", "127.0.0.1:-53",
        "[::1", "[::1]53", "::1]:53", "1.2.3:53", "", " 127.0.0.1:53", "[127.0.0.1]:53", "fe80::1%eth0",
    ])
    func unparsable(_ server: String) {
        #expect(throws: MailDomainResolverError.unparsableServer(server)) {
            try MailDomainResolver(servers: ["127.0.0.1:53", server], timeout: .seconds(1), tries: 1)
        }
        #expect(MailDomainResolverError.unparsableServer(server).description.contains("\"\(server)\""))
    }

    @Test("a timeout under 1 ms or no tries is an error")
    func limits() {
        #expect(throws: MailDomainResolverError.invalidTimeout(.zero)) {
            try MailDomainResolver(servers: [], timeout: .zero, tries: 1)
        }
        #expect(throws: MailDomainResolverError.invalidTimeout(.microseconds(999))) {
            try MailDomainResolver(servers: [], timeout: .microseconds(999), tries: 1)
        }
        #expect(throws: MailDomainResolverError.invalidTries(0)) {
            try MailDomainResolver(servers: [], timeout: .seconds(1), tries: 0)
        }
    }
}
