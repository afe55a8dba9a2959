import DunningCore
import Foundation
import MailDNS
import Synchronization
import TestSupport
import Verify

/// `dunning-bench verify [--customers 10000] [--domains 500]`: the contact verifier over
/// many customers sharing few domains, against dnsmasq on a loopback port (c-ares, libidn2,
/// the per-domain cache). Target: ≥ 2,000 addresses/s, each domain asked once.
struct VerifyBenchmark {
    let customers: Int
    let domains: Int

    /// Counts the domains the verifier asks the real resolver for.
    final class Counting: DomainResolving, Sendable {
        let resolver: MailDomainResolver
        private let counts = Mutex<[String: Int]>([:])
        var asked: [String: Int] { counts.withLock { $0 } }
        init(_ resolver: MailDomainResolver) { self.resolver = resolver }
        func lookup(_ domains: [String]) -> [String: MailDomainStatus] {
            counts.withLock { for domain in domains { $0[domain, default: 0] += 1 } }
            return resolver.lookup(domains)
        }
    }

    func run() throws {
        // Every third domain has an MX, every third only an address, every third nothing (NXDOMAIN).
        var records: [DNSRecord] = []
        for index in 0..<domains where index % 3 != 2 {
            if index % 3 == 0 {
                records += [.mx("d\(index).test", host: "mx.d\(index).test", preference: 10), .address("mx.d\(index).test", "192.0.2.1")]
            } else {
                records.append(.address("d\(index).test", "192.0.2.2"))
            }
        }
        try withDNSServer(records: records) { dns in
            var config = DunningConfig(company: Company(name: "Voorbeeld B.V.", from: "debiteuren@voorbeeld.nl"))
            config.verification.resolvers = [dns.address]
            let counting = Counting(try MailDomainResolver(servers: [dns.address], timeout: .seconds(2), tries: 2))
            let verifier = ContactVerifier(config: config, resolver: counting, toASCII: { IDNA.toASCII($0).mapError { Refusal($0.description) } })
            let people = (0..<customers).map {
                CustomerRecord(customer: "C-\($0)", name: "Klant \($0)", email: "debiteuren\($0)@d\($0 % domains).test", phone: "",
                               kind: .business, country: "NL", language: "nl")
            }
            for pass in ["cold cache", "warm cache"] {
                let start = ContinuousClock.now
                let outcomes = verifier.checkEmails(of: people, state: LedgerState(), now: Date())
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                var results: [ContactResult: Int] = [:]
                for outcome in outcomes { results[outcome.record.result, default: 0] += 1 }
                let askedTwice = counting.asked.values.filter { $0 > 1 }.count
                print(String(format: "verify %@: %d addresses over %d domains in %.3f s = %.0f addresses/s; ", pass, customers, domains,
                             seconds, Double(customers) / seconds)
                    + "valid \(results[.valid] ?? 0), invalid \(results[.invalid] ?? 0), unverified \(results[.unverified] ?? 0); "
                    + "domains asked \(counting.asked.count), more than once \(askedTwice)  [target: 2000/s, each once]")
            }
        }
    }
}
