@testable import MailDNS
import Testing

/// The lookup's decisions on answers dnsmasq cannot be made to give (a failure for one
/// question and not another, answers out of order).
@Suite struct MailDomainLookupTests {
    private typealias Q = DNSQuestion

    @Test("the domain's own A with a failing AAAA is still an implicit MX")
    func implicitWithOneFailure() {
        var lookup = MailDomainLookup(domain: "example.nl")
        #expect(lookup.start() == [Q(name: "example.nl", type: .mx)])
        #expect(lookup.receive(.noData, for: Q(name: "example.nl", type: .mx))
                == [Q(name: "example.nl", type: .a), Q(name: "example.nl", type: .aaaa)])
        #expect(lookup.receive(.failure("AAAA timed out"), for: Q(name: "example.nl", type: .aaaa)) == [])
        #expect(lookup.status == nil)
        #expect(lookup.receive(.address, for: Q(name: "example.nl", type: .a)) == [])
        #expect(lookup.status == .implicitMX)
    }

    @Test("no A and a failing AAAA is a temporary failure, not a domain without mail host")
    func implicitUnknown() {
        var lookup = MailDomainLookup(domain: "example.nl")
        _ = lookup.start()
        _ = lookup.receive(.noData, for: Q(name: "example.nl", type: .mx))
        _ = lookup.receive(.noData, for: Q(name: "example.nl", type: .a))
        _ = lookup.receive(.failure("AAAA timed out"), for: Q(name: "example.nl", type: .aaaa))
        #expect(lookup.status == .temporaryFailure("AAAA timed out"))
    }

    @Test("MX hosts: one with an address is enough, a failure of another does not matter")
    func oneHostResolves() {
        var lookup = MailDomainLookup(domain: "example.nl")
        _ = lookup.start()
        let next = lookup.receive(.mx([MXRecord(preference: 10, exchange: "a.example.nl"),
                                       MXRecord(preference: 20, exchange: "b.example.nl")]),
                                  for: Q(name: "example.nl", type: .mx))
        #expect(next == [Q(name: "a.example.nl", type: .a), Q(name: "a.example.nl", type: .aaaa),
                         Q(name: "b.example.nl", type: .a), Q(name: "b.example.nl", type: .aaaa)])
        _ = lookup.receive(.failure("refused"), for: Q(name: "a.example.nl", type: .a))
        _ = lookup.receive(.failure("refused"), for: Q(name: "a.example.nl", type: .aaaa))
        _ = lookup.receive(.nameError, for: Q(name: "b.example.nl", type: .a))
        #expect(lookup.status == nil)
        _ = lookup.receive(.address, for: Q(name: "b.example.nl", type: .aaaa))
        #expect(lookup.status == .mx(["b.example.nl"]))
    }

    @Test("the reason of a failure is the first question's, whatever order the answers come in")
    func firstFailure() {
        var lookup = MailDomainLookup(domain: "example.nl")
        _ = lookup.start()
        _ = lookup.receive(.mx([MXRecord(preference: 10, exchange: "a.example.nl")]), for: Q(name: "example.nl", type: .mx))
        _ = lookup.receive(.failure("AAAA refused"), for: Q(name: "a.example.nl", type: .aaaa))
        _ = lookup.receive(.failure("A refused"), for: Q(name: "a.example.nl", type: .a))
        #expect(lookup.status == .temporaryFailure("A refused"))
    }

    @Test("MX hosts in preference order, the answer's order among equals, each once, lower-cased")
    func order() {
        var lookup = MailDomainLookup(domain: "example.nl")
        _ = lookup.start()
        let records = [MXRecord(preference: 20, exchange: "c.example.nl"), MXRecord(preference: 10, exchange: "B.example.nl"),
                       MXRecord(preference: 10, exchange: "a.example.nl"), MXRecord(preference: 30, exchange: "b.example.nl")]
        let next = lookup.receive(.mx(records), for: Q(name: "example.nl", type: .mx))
        #expect(next.map(\.name) == ["b.example.nl", "b.example.nl", "a.example.nl", "a.example.nl", "c.example.nl", "c.example.nl"])
        for question in next { _ = lookup.receive(.address, for: question) }
        #expect(lookup.status == .mx(["b.example.nl", "a.example.nl", "c.example.nl"]))
    }

    @Test("an MX of the root that is not the null MX is a host without address", arguments: [
        ([MXRecord(preference: 10, exchange: "")], MailDomainStatus.noMailHost("MX host . has no address")),
        ([MXRecord(preference: 0, exchange: ""), MXRecord(preference: 0, exchange: "")], .noMailHost("MX host . has no address")),
    ])
    func rootNotNull(records: [MXRecord], expected: MailDomainStatus) {
        var lookup = MailDomainLookup(domain: "example.nl")
        _ = lookup.start()
        #expect(lookup.receive(.mx(records), for: Q(name: "example.nl", type: .mx)) == [])
        #expect(lookup.status == expected)
    }

    @Test("a root MX beside a real one: the real one is the mail host")
    func rootBesideHost() {
        var lookup = MailDomainLookup(domain: "example.nl")
        _ = lookup.start()
        let next = lookup.receive(.mx([MXRecord(preference: 0, exchange: ""), MXRecord(preference: 10, exchange: "mx.example.nl")]),
                                  for: Q(name: "example.nl", type: .mx))
        #expect(next == [Q(name: "mx.example.nl", type: .a), Q(name: "mx.example.nl", type: .aaaa)])
        for question in next { _ = lookup.receive(.noData, for: question) }
        #expect(lookup.status == .noMailHost("MX hosts ., mx.example.nl have no address"))
    }

    @Test("the first answer decides alone: NXDOMAIN, null MX, a failure", arguments: [
        (DNSAnswer.nameError, MailDomainStatus.nonexistent),
        (.mx([MXRecord(preference: 0, exchange: "")]), .nullMX),
        (.failure("DNS server 192.0.2.53:53 refused the query for MX example.nl"),
         .temporaryFailure("DNS server 192.0.2.53:53 refused the query for MX example.nl")),
    ])
    func decidedByMX(answer: DNSAnswer, expected: MailDomainStatus) {
        var lookup = MailDomainLookup(domain: "example.nl")
        _ = lookup.start()
        #expect(lookup.receive(answer, for: Q(name: "example.nl", type: .mx)) == [])
        #expect(lookup.status == expected)
    }
}
