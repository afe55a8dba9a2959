import MailDNS
import Testing
import TestSupport

/// No answer to rely on is `.temporaryFailure` with the reason, never `.nonexistent` or `.noMailHost`.
@Suite struct MailDomainResolverFailureTests {
    @Test("a server that refuses (REFUSED) is a temporary failure naming it")
    func refused() throws {
        // dnsmasq without a zone or an upstream server refuses every query.
        try withDNSServer(zone: nil, records: []) { server in
            let resolver = try MailDomainResolver(servers: [server.address], timeout: .seconds(2), tries: 2)
            #expect(resolver.lookup("two.test") == .temporaryFailure("DNS server \(server.address) refused the query for MX two.test"))
        }
    }

    @Test("MX hosts whose addresses cannot be asked are a temporary failure, not a missing mail host")
    func refusedMailHost() throws {
        // mx.example.org is outside the zone: dnsmasq refuses to say.
        try withDNSServer(records: [.mx("outside.test", host: "mx.example.org", preference: 10)]) { server in
            let resolver = try MailDomainResolver(servers: [server.address], timeout: .seconds(2), tries: 1)
            #expect(resolver.lookup("outside.test")
                    == .temporaryFailure("DNS server \(server.address) refused the query for A mx.example.org"))
        }
    }

    @Test("a server that never answers is a temporary failure after the timeout")
    func timeout() throws {
        let silent = try SilentUDPSocket()
        let resolver = try MailDomainResolver(servers: [silent.address], timeout: .milliseconds(300), tries: 1)
        let start = ContinuousClock.now
        let status = resolver.lookup("two.test")
        let elapsed = ContinuousClock.now - start
        #expect(status == .temporaryFailure("DNS server \(silent.address) did not answer the query for MX two.test (timeout 300 ms, 1 try)"))
        #expect(elapsed >= .milliseconds(290))
        #expect(elapsed < .seconds(2))
    }

    @Test("a port where no server listens (connection refused) is a temporary failure")
    func connectionRefused() throws {
        let server = "127.0.0.1:\(try LoopbackUDP.freePort())"
        let resolver = try MailDomainResolver(servers: [server], timeout: .seconds(2), tries: 1)
        let start = ContinuousClock.now
        #expect(resolver.lookup("two.test") == .temporaryFailure(
            "DNS server \(server) refused the connection (no DNS server listens there) for the query for MX two.test"))
        // Refused at once (ICMP port unreachable), not after the timeout.
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test("when the first server never answers, the second is asked")
    func fallback() throws {
        let silent = try SilentUDPSocket()
        try withDNSServer(records: MailDNSFixture.records) { server in
            let resolver = try MailDomainResolver(servers: [silent.address, server.address], timeout: .milliseconds(200), tries: 1)
            #expect(resolver.lookup("two.test") == .mx(["mx1.two.test", "mx2.two.test"]))
        }
    }

    @Test("every server failing names them all")
    func allServersFail() throws {
        let silent = try SilentUDPSocket()
        try withDNSServer(zone: nil, records: []) { refusing in
            let resolver = try MailDomainResolver(servers: [silent.address, refusing.address], timeout: .milliseconds(200), tries: 1)
            guard case .temporaryFailure(let reason) = resolver.lookup("two.test") else {
                Issue.record("expected a temporary failure")
                return
            }
            #expect(reason.hasPrefix("DNS servers \(silent.address), \(refusing.address) "))
        }
    }

    @Test("many domains against a server that never answers all fail, within about one timeout")
    func batchTimeout() throws {
        let silent = try SilentUDPSocket()
        let resolver = try MailDomainResolver(servers: [silent.address], timeout: .milliseconds(300), tries: 1)
        let domains = (0..<20).map { "d\($0).test" }
        let start = ContinuousClock.now
        let statuses = resolver.lookup(domains)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(statuses == Dictionary(uniqueKeysWithValues: domains.map {
            ($0, MailDomainStatus.temporaryFailure("DNS server \(silent.address) did not answer the query for MX \($0) (timeout 300 ms, 1 try)"))
        }))
    }
}
