import MailDNS
import Testing
import TestSupport

/// With several servers, a SERVFAIL or REFUSED answer sends the question on to the next server;
/// only when every server refused or failed is it a temporary failure.
@Suite struct MailDomainResolverNextServerTests {
    @Test("a server that refuses is passed over: the next server's answers count, for every kind of domain")
    func refusedThenAnswered() throws {
        try withDNSServer(zone: nil, records: []) { refusing in
            try withDNSServer(records: MailDNSFixture.records) { answering in
                let resolver = try MailDomainResolver(servers: [refusing.address, answering.address], timeout: .seconds(2), tries: 1)
                let statuses = resolver.lookup(MailDNSFixture.expected.map(\.domain))
                for (domain, expected) in MailDNSFixture.expected {
                    #expect(statuses[domain] == expected, "\(domain); dnsmasq log:\n\(answering.log())")
                }
            }
        }
    }

    @Test("a server that answers SERVFAIL is passed over: the next server's answer counts")
    func servfailThenAnswered() throws {
        try withDNSServer(records: MailDNSFixture.records) { answering in
            let failing = try DNSServer(servfailingOver: answering)
            defer { failing.stop() }
            let resolver = try MailDomainResolver(servers: [failing.address, answering.address], timeout: .seconds(2), tries: 1)
            #expect(resolver.lookup("two.test") == .mx(["mx1.two.test", "mx2.two.test"]), "dnsmasq log:\n\(failing.log())")
        }
    }

    @Test("past a silent server and a refusing one, the third server answers")
    func threeServers() throws {
        let silent = try SilentUDPSocket()
        try withDNSServer(zone: nil, records: []) { refusing in
            try withDNSServer(records: MailDNSFixture.records) { answering in
                let resolver = try MailDomainResolver(servers: [silent.address, refusing.address, answering.address],
                                                      timeout: .milliseconds(200), tries: 1)
                #expect(resolver.lookup("partial.test") == .mx(["mx.partial.test"]))
            }
        }
    }

    @Test("NXDOMAIN and NODATA from the first server are final: the next server is not asked")
    func nameErrorIsFinal() throws {
        // The second server would make both domains valid.
        let other: [DNSRecord] = [.mx("missing.test", host: "mx.missing.test", preference: 10), .address("mx.missing.test", "192.0.2.9"),
                                  .address("txt.test", "192.0.2.10")]
        try withDNSServer(records: MailDNSFixture.records) { first in
            try withDNSServer(records: other) { second in
                let resolver = try MailDomainResolver(servers: [first.address, second.address], timeout: .seconds(2), tries: 1)
                #expect(resolver.lookup(["missing.test", "txt.test"])
                        == ["missing.test": .nonexistent, "txt.test": .noMailHost("no MX, A or AAAA record")])
            }
        }
    }

    @Test("every server refusing is a temporary failure naming them all")
    func allRefused() throws {
        try withDNSServer(zone: nil, records: []) { first in
            try withDNSServer(zone: nil, records: []) { second in
                let resolver = try MailDomainResolver(servers: [first.address, second.address], timeout: .seconds(2), tries: 1)
                #expect(resolver.lookup("two.test")
                        == .temporaryFailure("DNS servers \(first.address), \(second.address) refused the query for MX two.test"))
            }
        }
    }

    @Test("SERVFAIL from one server and REFUSED from the next: the failure says what each said")
    func servfailThenRefused() throws {
        try withDNSServer(records: MailDNSFixture.records) { upstream in
            let failing = try DNSServer(servfailingOver: upstream)
            defer { failing.stop() }
            try withDNSServer(zone: nil, records: []) { refusing in
                let resolver = try MailDomainResolver(servers: [failing.address, refusing.address], timeout: .seconds(2), tries: 1)
                #expect(resolver.lookup("two.test") == .temporaryFailure(
                    "DNS server \(failing.address) answered SERVFAIL (server failure) to the query for MX two.test, "
                        + "DNS server \(refusing.address) refused it"))
            }
        }
    }

    @Test("a refusal, then no answer from the next server: the failure names both")
    func refusedThenSilent() throws {
        let silent = try SilentUDPSocket()
        try withDNSServer(zone: nil, records: []) { refusing in
            let resolver = try MailDomainResolver(servers: [refusing.address, silent.address], timeout: .milliseconds(200), tries: 1)
            #expect(resolver.lookup("two.test") == .temporaryFailure(
                "DNS server \(refusing.address) refused the query for MX two.test; "
                    + "DNS server \(silent.address) did not answer the query for MX two.test (timeout 200 ms, 1 try)"))
        }
    }

    @Test("many domains at once with the first server refusing all resolve at the second")
    func batch() throws {
        let (records, expected) = MailDNSFixture.many(300)
        try withDNSServer(zone: nil, records: []) { refusing in
            try withDNSServer(records: records) { answering in
                let resolver = try MailDomainResolver(servers: [refusing.address, answering.address], timeout: .seconds(2), tries: 2)
                let statuses = resolver.lookup(expected.keys.sorted())
                let wrong = expected.keys.sorted().filter { statuses[$0] != expected[$0] }
                let first = wrong.first.map { "\($0): \(String(describing: statuses[$0]))" } ?? ""
                #expect(wrong.isEmpty, "\(wrong.count) of \(expected.count) wrong, the first \(first)")
            }
        }
    }
}
