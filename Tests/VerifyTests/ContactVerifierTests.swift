import DunningCore
import Foundation
import MailDNS
import Testing
import TestSupport
import Verify

@Suite struct ContactVerifierTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func customer(_ id: String, _ email: String) -> CustomerRecord {
        CustomerRecord(customer: id, name: "Klant \(id)", email: email, phone: "", kind: .business, country: "NL", language: "nl")
    }

    static func verifier(_ resolver: TableResolver, mode: Verification.Mode = .enforce,
                         configure: (inout Verification) -> Void = { _ in }) -> ContactVerifier {
        var config = DunningConfig(company: Company(name: "Voorbeeld B.V.", from: "debiteuren@voorbeeld.nl"))
        config.verification.mode = mode
        configure(&config.verification)
        // IDNA stand-in: the one non-ASCII domain these tests use, and one it refuses.
        return ContactVerifier(config: config, resolver: resolver) { domain in
            switch domain {
            case "münchen.de": .success("xn--mnchen-3ya.de")
            case "bådnaam.nl": .failure(Refusal("disallowed character"))
            default: .success(domain.lowercased())
            }
        }
    }

    static let table: [String: MailDomainStatus] = [
        "bakkerij.nl": .mx(["mx1.bakkerij.nl", "mx2.bakkerij.nl"]),
        "eenmanszaak.nl": .implicitMX,
        "geenpost.nl": .nullMX,
        "leeg.nl": .noMailHost("no MX, A or AAAA record"),
        "storing.nl": .temporaryFailure("DNS server 127.0.0.1:5399 answered SERVFAIL"),
        "xn--mnchen-3ya.de": .mx(["mx.xn--mnchen-3ya.de"]),
        "gmial.com": .mx(["mx.gmial.com"]),
    ]

    func check(_ email: String, _ verifier: ContactVerifier, state: LedgerState = LedgerState(),
               at now: Date = now) -> ContactVerifier.Outcome {
        verifier.checkEmails(of: [Self.customer("C-1", email)], state: state, now: now)[0]
    }

    @Test("a long list is checked over several threads: every outcome is its own customer's, in the list's order")
    func manyInOrder() {
        let emails = ["jan@bakkerij.nl", "jan@geenpost.nl", "geen-apenstaartje.nl", "info@münchen.de", "jan@gmial.com"]
        let customers = (0..<1_000).map { Self.customer("C-\($0)", emails[$0 % emails.count]) }
        let outcomes = Self.verifier(TableResolver(Self.table)).checkEmails(of: customers, state: LedgerState(), now: Self.now)
        #expect(outcomes.map(\.record.customer) == customers.map(\.customer))
        #expect(outcomes.map(\.record.address) == customers.map(\.email))
        #expect(outcomes.map(\.record.result) == (0..<1_000).map { [.valid, .invalid, .invalid, .valid, .valid][$0 % 5] })
        #expect(outcomes.filter { $0.warning != nil }.count == 200)
    }

    @Test("DNS answers become results and reasons (enforce mode)", arguments: [
        ("jan@bakkerij.nl", ContactResult.valid, "MX mx1.bakkerij.nl, mx2.bakkerij.nl"),
        ("jan@eenmanszaak.nl", .valid, "no MX; eenmanszaak.nl itself has an address (implicit MX)"),
        ("jan@geenpost.nl", .invalid, "geenpost.nl accepts no mail (null MX)"),
        ("jan@bestaatniet.nl", .invalid, "bestaatniet.nl does not exist (NXDOMAIN)"),
        ("jan@leeg.nl", .invalid, "leeg.nl: no MX, A or AAAA record"),
        ("jan@storing.nl", .unverified, "DNS gave no answer for storing.nl (DNS server 127.0.0.1:5399 answered SERVFAIL); asked again next cycle"),
        ("info@münchen.de", .valid, "MX mx.xn--mnchen-3ya.de"),
    ])
    func dns(email: String, result: ContactResult, reason: String) {
        let outcome = check(email, Self.verifier(TableResolver(Self.table)))
        #expect(outcome.record == ContactCheckRecord(customer: "C-1", channel: .email, address: email, result: result, reason: reason,
                                                     mx: result == .valid && reason.hasPrefix("MX ") ? [String](reason.dropFirst(3).components(separatedBy: ", ")) : nil))
        #expect(outcome.warning == nil)
    }

    @Test("advisory mode records what DNS said as unverified, never invalid; off mode asks no DNS")
    func modes() {
        let resolver = TableResolver(Self.table)
        let advisory = check("jan@bestaatniet.nl", Self.verifier(resolver, mode: .advisory)).record
        #expect(advisory.result == .unverified && advisory.reason == "bestaatniet.nl does not exist (NXDOMAIN) (advisory mode: not blocked)")
        let off = check("jan@bestaatniet.nl", Self.verifier(resolver, mode: .off)).record
        #expect(off.result == .valid && off.reason.contains("DNS not asked"))
        #expect(resolver.questions == [["bestaatniet.nl"]])
        // Syntax still applies in off mode.
        #expect(check("jan@@x.nl", Self.verifier(resolver, mode: .off)).record.result == .invalid)
    }

    @Test("bad syntax, a refused IDN and a non-ASCII local part are decided without DNS")
    func beforeDNS() {
        let resolver = TableResolver(Self.table)
        let verifier = Self.verifier(resolver)
        #expect(check("jan..de@bakkerij.nl", verifier).record.reason == "two dots in a row before the @")
        #expect(check("", verifier).record == ContactCheckRecord(customer: "C-1", channel: .email, address: "", result: .invalid,
                                                                   reason: "no e-mail address"))
        let idn = check("jan@bådnaam.nl", verifier).record
        #expect(idn.result == .invalid && idn.reason.hasSuffix("is not a valid internationalized name: disallowed character"))
        let utf8 = check("jürgen@bakkerij.nl", verifier).record
        #expect(utf8.result == .unverified && utf8.reason.contains("SMTPUTF8"))
        #expect(resolver.questions.isEmpty)
        // With a server that takes SMTPUTF8 the address goes on to DNS.
        #expect(check("jürgen@bakkerij.nl", Self.verifier(resolver) { $0.smtputf8 = true }).record.result == .valid)
    }

    @Test("a hard bounce makes the address invalid whatever DNS says; 3 soft bounces in 30 days unverified, 2 do not")
    func bounces() throws {
        var state = LedgerState()
        func bounce(_ kind: BounceKind, daysAgo: Double, _ index: Int) throws {
            try state.apply(LedgerRecord(id: "B\(index)", at: Self.now.addingTimeInterval(-daysAgo * 86_400),
                                         body: .bounce(BounceRecord(address: "Jan@Bakkerij.nl", kind: kind, status: "4.2.2",
                                                                    diagnostic: "mailbox full"))),
                            position: index)
        }
        let verifier = Self.verifier(TableResolver(Self.table))
        try bounce(.soft, daysAgo: 40, 1)
        try bounce(.soft, daysAgo: 10, 2)
        try bounce(.soft, daysAgo: 5, 3)
        #expect(check("jan@bakkerij.nl", verifier, state: state).record.result == .valid)
        try bounce(.soft, daysAgo: 1, 4)
        let soft = check("jan@bakkerij.nl", verifier, state: state).record
        #expect(soft.result == .unverified && soft.reason.hasPrefix("3 soft bounces within 30d"))
        try state.apply(LedgerRecord(id: "B5", at: Self.now, body: .bounce(BounceRecord(
            address: "jan@bakkerij.nl", kind: .hard, status: "5.1.1", diagnostic: "user unknown"))), position: 5)
        let hard = check("jan@bakkerij.nl", verifier, state: state).record
        #expect(hard.result == .invalid && hard.reason.hasPrefix("hard bounce on ") && hard.reason.hasSuffix("5.1.1 user unknown"))
    }

    @Test("each domain is asked once per run and kept for cache_time; temporary failures are asked again")
    func cache() {
        let resolver = TableResolver(Self.table)
        let verifier = Self.verifier(resolver) { $0.cacheTime = .seconds(600) }
        let customers = [Self.customer("C-1", "a@bakkerij.nl"), Self.customer("C-2", "b@Bakkerij.NL"),
                         Self.customer("C-3", "c@storing.nl"), Self.customer("C-4", "d@eenmanszaak.nl")]
        let first = verifier.checkEmails(of: customers, state: LedgerState(), now: Self.now)
        #expect(first.map(\.record.result) == [.valid, .valid, .unverified, .valid])
        #expect(resolver.questions == [["bakkerij.nl", "eenmanszaak.nl", "storing.nl"]])
        _ = verifier.checkEmails(of: customers, state: LedgerState(), now: Self.now.addingTimeInterval(300))
        #expect(resolver.questions.last == ["storing.nl"])
        resolver.set("bakkerij.nl", .nonexistent)
        let later = verifier.checkEmails(of: customers, state: LedgerState(), now: Self.now.addingTimeInterval(601))
        #expect(resolver.questions.last == ["bakkerij.nl", "eenmanszaak.nl", "storing.nl"])
        #expect(later[0].record.result == .invalid)
    }

    @Test("phone numbers: E.164 and kind as the reason, or the refusal; an empty one is invalid")
    func phones() {
        let verifier = ContactVerifier(config: DunningConfig(company: Company(name: "V", from: "a@voorbeeld.nl")),
                                       resolver: TableResolver([:]), toASCII: { .success($0) }) { text, country in
            text == "020 555 1234" && country == "NL" ? .success("+31205551234 (fixed line)") : .failure(Refusal("not a valid phone number for \(country)"))
        }
        func customer(_ id: String, _ phone: String) -> CustomerRecord {
            CustomerRecord(customer: id, name: id, email: "", phone: phone, kind: .business, country: "NL", language: "nl")
        }
        let outcomes = verifier.checkPhones(of: [customer("C-1", "020 555 1234"), customer("C-2", "12"), customer("C-3", "  ")])
        #expect(outcomes.map(\.record) == [
            ContactCheckRecord(customer: "C-1", channel: .phone, address: "020 555 1234", result: .valid, reason: "+31205551234 (fixed line)"),
            ContactCheckRecord(customer: "C-2", channel: .phone, address: "12", result: .invalid, reason: "not a valid phone number for NL"),
            ContactCheckRecord(customer: "C-3", channel: .phone, address: "  ", result: .invalid, reason: "no phone number"),
        ])
    }

    @Test("a typo of a common domain and a quoted local part are warnings; the result stands")
    func warnings() {
        let verifier = Self.verifier(TableResolver(Self.table))
        let typo = check("jan@gmial.com", verifier)
        #expect(typo.record.result == .valid && typo.warning == "jan@gmial.com: did you mean jan@gmail.com?")
        let quoted = check("\"jan de vries\"@bakkerij.nl", verifier)
        #expect(quoted.record.result == .valid && quoted.warning?.contains("quoted local part") == true)
        let custom = check("jan@bakkerj.nl", Self.verifier(TableResolver(Self.table)) { $0.typoDomains = ["bakkerij.nl"] })
        #expect(custom.warning == "jan@bakkerj.nl: did you mean jan@bakkerij.nl?")
    }
}
