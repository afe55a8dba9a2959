import Foundation
import Testing
import TestSupport

/// `dunning verify` and the verification `run --once` does first, against dnsmasq on a
/// loopback port (and aiosmtpd for the run).
@Suite struct VerifyTests {
    /// The zone `test` as dnsmasq serves it: a domain with MX, one with only an address, a
    /// null MX; everything else under `test` does not exist.
    static let records: [DNSRecord] = [
        .mx("bakkerij.test", host: "mx.bakkerij.test", preference: 10), .address("mx.bakkerij.test", "192.0.2.10"),
        .address("winkel.test", "192.0.2.20"),
        .nullMX("geenpost.test"),
        .mx("xn--mnchen-3ya.test", host: "mx.xn--mnchen-3ya.test", preference: 10), .address("mx.xn--mnchen-3ya.test", "192.0.2.30"),
    ]

    static func verification(_ resolver: String, mode: String = "enforce") -> String {
        "{mode: \(mode), resolvers: [\"\(resolver)\"], timeout: 1s, tries: 1, typo_domains: [bakkerij.test]}"
    }

    static let customers: [RunFixture.Customer] = [
        .init(id: "C-1", name: "Bakkerij", email: "jan@bakkerij.test"),
        .init(id: "C-2", name: "Winkel", email: "info@winkel.test"),
        .init(id: "C-3", name: "Geen Post", email: "post@geenpost.test"),
        .init(id: "C-4", name: "Nergens", email: "a@nergens.test"),
        .init(id: "C-5", name: "Typo", email: "b@bakkerj.test"),
        .init(id: "C-6", name: "Ștefan", email: "ștefan@bakkerij.test"),
        .init(id: "C-7", name: "München", email: "info@münchen.test"),
    ]

    /// The `contact-check` records, by customer and channel.
    static func checks(_ cli: DunningCLI) throws -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for record in try cli.records() where record["type"] as? String == "contact-check" {
            result["\(record["customer"] as? String ?? "")/\(record["channel"] as? String ?? "")"] = record
        }
        return result
    }

    @Test("verify: every customer's e-mail and phone checked against DNS and libphonenumber, recorded, tabled; plan blocks the bad ones")
    func verifyCommand() throws {
        try withDNSServer(records: Self.records) { dns in
            let cli = try RunFixture.imported(port: 1, customers: Self.customers, verification: Self.verification(dns.address))
            let result = try cli.run(["verify"])
            #expect(result.status == 0, "\(result)")
            let checks = try Self.checks(cli)
            func email(_ id: String) -> (String?, String?) {
                (checks["\(id)/email"]?["result"] as? String, checks["\(id)/email"]?["reason"] as? String)
            }
            #expect(email("C-1") == ("valid", "MX mx.bakkerij.test"))
            #expect(checks["C-1/email"]?["mx"] as? [String] == ["mx.bakkerij.test"])
            #expect(email("C-2") == ("valid", "no MX; winkel.test itself has an address (implicit MX)"))
            #expect(email("C-3") == ("invalid", "geenpost.test accepts no mail (null MX)"))
            #expect(email("C-4") == ("invalid", "nergens.test does not exist (NXDOMAIN)"))
            #expect(email("C-5") == ("invalid", "bakkerj.test does not exist (NXDOMAIN)"))
            #expect(email("C-6").0 == "unverified" && email("C-6").1?.contains("SMTPUTF8") == true)
            // Asked by its A-label (libidn2), recorded as the customer wrote it.
            #expect(email("C-7") == ("valid", "MX mx.xn--mnchen-3ya.test"))
            #expect(checks["C-7/email"]?["address"] as? String == "info@münchen.test")
            #expect(checks["C-1/phone"]?["result"] as? String == "valid")
            #expect(checks["C-1/phone"]?["reason"] as? String == "+31302345678 (fixed line)")
            #expect(result.stderr.contains("warning: b@bakkerj.test: did you mean b@bakkerij.test?"), "\(result)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("CUSTOMER") == true && lines.count == 1 + 14, "\(result.stdout)")
            #expect(lines.contains { $0.hasPrefix("C-4 ") && $0.contains(" email ") && $0.contains(" invalid ") })

            let plan = try cli.planJSON(asOf: RunFixture.asOf)
            func blocked(_ id: String) -> String? { cli.items(plan, customer: id).first?["blocked"] as? String }
            #expect(blocked("C-1") == nil && blocked("C-2") == nil && blocked("C-7") == nil)
            #expect(blocked("C-3") == "contact-invalid" && blocked("C-4") == "contact-invalid" && blocked("C-5") == "contact-invalid")
            #expect(blocked("C-6") == "contact-unverified")
        }
    }

    @Test("run --once verifies before it writes: the good address gets its reminder, the dead one is blocked and never written to")
    func runVerifiesFirst() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        try withDNSServer(records: Self.records) { dns in
            let cli = try RunFixture.imported(port: server.port, customers: Array(Self.customers.prefix(4)),
                                              verification: Self.verification(dns.address))
            let result = try cli.runOnce()
            #expect(result.status == 0, "\(result)")
            let received = try server.messages().flatMap(\.recipients).sorted()
            #expect(received == ["info@winkel.test", "jan@bakkerij.test"], "\(result)")
            let checks = try Self.checks(cli)
            #expect(["C-1", "C-2", "C-3", "C-4"].map { checks["\($0)/email"]?["result"] as? String }
                == ["valid", "valid", "invalid", "invalid"])
            #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix("blocked customer=C-4 ") && $0.contains("reason=contact-invalid") },
                    "\(result)")
            // Checked within max_age: a second run asks DNS nothing and records no new check.
            let before = try cli.records().count
            let again = try cli.runOnce()
            #expect(again.status == 0)
            #expect(try cli.records().filter { $0["type"] as? String == "contact-check" }.count == 4)
            #expect(try cli.records().count == before)
        }
    }

    @Test("a resolver that refuses: unverified with the reason, and blocked contact-unverified in enforce mode")
    func refused() throws {
        try withDNSServer(zone: nil, records: []) { dns in
            let cli = try RunFixture.imported(port: 1, customers: Array(Self.customers.prefix(1)),
                                              verification: Self.verification(dns.address))
            let result = try cli.run(["verify", "--customer", "C-1"])
            #expect(result.status == 0, "\(result)")
            let check = try #require(try Self.checks(cli)["C-1/email"])
            #expect(check["result"] as? String == "unverified")
            #expect((check["reason"] as? String)?.contains("refused the query") == true, "\(check)")
            let item = cli.items(try cli.planJSON(asOf: RunFixture.asOf), customer: "C-1").first
            #expect(item?["blocked"] as? String == "contact-unverified")
            #expect((item?["detail"] as? String)?.contains("could not be verified") == true, "\(String(describing: item))")
        }
    }

    @Test("a resolver that never answers: unverified (asked again later), blocked in enforce mode, sent in advisory mode")
    func timeout() throws {
        let silent = try SilentUDPSocket()
        let server = try SMTPServer()
        defer { server.stop() }
        let customers = Array(Self.customers.prefix(1))
        let enforce = try RunFixture.imported(port: server.port, customers: customers,
                                              verification: Self.verification(silent.address))
        let verified = try enforce.run(["verify", "--customer", "C-1"])
        #expect(verified.status == 0, "\(verified)")
        let check = try #require(try Self.checks(enforce)["C-1/email"])
        #expect(check["result"] as? String == "unverified")
        #expect((check["reason"] as? String)?.contains("did not answer") == true, "\(check)")
        let plan = try enforce.planJSON(asOf: RunFixture.asOf)
        #expect(enforce.items(plan, customer: "C-1").first?["blocked"] as? String == "contact-unverified")

        let advisory = try RunFixture.imported(port: server.port, customers: customers,
                                               verification: Self.verification(silent.address, mode: "advisory"))
        let run = try advisory.runOnce()
        #expect(run.status == 0, "\(run)")
        #expect(try server.messages().flatMap(\.recipients) == ["jan@bakkerij.test"], "\(run)")
        #expect(try Self.checks(advisory)["C-1/email"]?["result"] as? String == "unverified")
        withExtendedLifetime(silent) {}
    }
}
