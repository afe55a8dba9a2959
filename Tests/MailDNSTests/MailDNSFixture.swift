import MailDNS
import TestSupport

/// The zone `test` the resolver tests ask dnsmasq about, and what each name must come out as.
enum MailDNSFixture {
    static let records: [DNSRecord] = [
        // Two MX; dnsmasq answers them in the reverse order of preference.
        .mx("two.test", host: "mx2.two.test", preference: 20),
        .mx("two.test", host: "mx1.two.test", preference: 10),
        .address("mx1.two.test", "192.0.2.1"),
        .address("mx2.two.test", "2001:db8::2"),
        // The preferred MX host has no address: the other one is the mail host.
        .mx("partial.test", host: "gone.partial.test", preference: 10),
        .mx("partial.test", host: "mx.partial.test", preference: 20),
        .address("mx.partial.test", "192.0.2.3"),
        // MX hosts without an address (one NXDOMAIN, one with only a TXT record).
        .mx("dead.test", host: "nowhere.dead.test", preference: 10),
        .mx("dead2.test", host: "nowhere.dead2.test", preference: 10),
        .mx("dead2.test", host: "txt.dead2.test", preference: 20),
        .txt("txt.dead2.test", "no address here"),
        // The MX host is an alias (CNAME) of a host with an address.
        .mx("alias.test", host: "mx.alias.test", preference: 10),
        .cname("mx.alias.test", target: "mx1.two.test"),
        .address("a.test", "192.0.2.5"),
        .address("aaaa.test", "2001:db8::5"),
        .nullMX("null.test"),
        .txt("txt.test", "v=spf1 -all"),
        // münchen.test
        .mx("xn--mnchen-3ya.test", host: "mx.xn--mnchen-3ya.test", preference: 10),
        .address("mx.xn--mnchen-3ya.test", "192.0.2.7"),
    ]

    static let expected: [(domain: String, status: MailDomainStatus)] = [
        ("two.test", .mx(["mx1.two.test", "mx2.two.test"])),
        ("partial.test", .mx(["mx.partial.test"])),
        ("dead.test", .noMailHost("MX host nowhere.dead.test has no address")),
        ("dead2.test", .noMailHost("MX hosts nowhere.dead2.test, txt.dead2.test have no address")),
        ("alias.test", .mx(["mx.alias.test"])),
        ("a.test", .implicitMX),
        ("aaaa.test", .implicitMX),
        ("null.test", .nullMX),
        ("missing.test", .nonexistent),
        ("txt.test", .noMailHost("no MX, A or AAAA record")),
        ("xn--mnchen-3ya.test", .mx(["mx.xn--mnchen-3ya.test"])),
    ]

    /// `count` domains of every kind, numbered, with the records for them and what each must come out as.
    static func many(_ count: Int) -> (records: [DNSRecord], expected: [String: MailDomainStatus]) {
        var records: [DNSRecord] = []
        var expected: [String: MailDomainStatus] = [:]
        for index in 0..<count {
            let domain = "d\(index).test"
            switch index % 6 {
            case 0:
                records += [.mx(domain, host: "mx.\(domain)", preference: 10), .address("mx.\(domain)", "192.0.2.\(index % 250 + 1)")]
                expected[domain] = .mx(["mx.\(domain)"])
            case 1:
                records += [.mx(domain, host: "mx.\(domain)", preference: 10), .mx(domain, host: "backup.\(domain)", preference: 5),
                            .address("mx.\(domain)", "2001:db8::\(index)"), .address("backup.\(domain)", "192.0.2.1")]
                expected[domain] = .mx(["backup.\(domain)", "mx.\(domain)"])
            case 2:
                records.append(.address(domain, "192.0.2.2"))
                expected[domain] = .implicitMX
            case 3:
                records.append(.nullMX(domain))
                expected[domain] = .nullMX
            case 4:
                expected[domain] = .nonexistent
            default:
                records.append(.txt(domain, "nothing for mail"))
                expected[domain] = .noMailHost("no MX, A or AAAA record")
            }
        }
        return (records, expected)
    }
}
