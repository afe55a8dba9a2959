import Dispatch
import DunningCore
import Foundation
import Synchronization
import MailDNS

/// Why a library refused a value: IDNA a domain (libidn2's reason), libphonenumber a phone
/// number.
public struct Refusal: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Looks up mail domains (A-label form); the real one is c-ares (`MailDomainResolver`).
public protocol DomainResolving: Sendable {
    /// Every domain's status; the domains are asked concurrently where the resolver can.
    func lookup(_ domains: [String]) -> [String: MailDomainStatus]
}

/// Checks customers' e-mail addresses before anything is sent to them, and says so in
/// `contact-check` records (docs/verification.md): syntax, then IDNA, then bounce history, then DNS.
///
/// - Syntax (`EmailSyntax`) and bounce history always apply: a malformed address, or one
///   that hard-bounced, is `invalid` in every mode; as many soft bounces as
///   `verification.soft_bounces` within `soft_bounce_window` make it `unverified`.
/// - A non-ASCII local part is `unverified` unless `verification.smtputf8` says the server
///   takes it; a domain that IDNA refuses is `invalid`.
/// - DNS (`verification.mode` enforce or advisory; `off` skips it): MX or implicit MX is
///   `valid`; null MX, NXDOMAIN or no mail host is `invalid` in enforce mode and
///   `unverified` in advisory mode (advisory never blocks; the reason still says what DNS
///   answered); a temporary failure is `unverified`, never cached, asked again next time.
/// - A typo of a common mailbox domain (`gmial.com`) and a quoted local part are warnings:
///   the result stands, the warning goes to the log.
///
/// Answers are cached per domain for `verification.cache_time`; one instance serves a
/// whole run (or the daemon's life) and is safe to use from several threads.
public final class ContactVerifier: Sendable {
    public let config: DunningConfig
    private let resolver: any DomainResolving
    private let toASCII: @Sendable (String) -> Result<String, Refusal>
    private let phoneNumber: @Sendable (_ text: String, _ country: String) -> Result<String, Refusal>
    private let cache: DomainCache

    /// One address's verdict: the record to append and, maybe, a warning to log.
    public struct Outcome: Sendable, Equatable {
        public var record: ContactCheckRecord
        public var warning: String?
    }

    /// `toASCII` turns a domain into its A-labels (IDNA) or says why it cannot;
    /// `phoneNumber` a phone number, read for a country, into E.164 and its kind
    /// (`+31612345678 (mobile)`), or says why it is not one.
    public init(config: DunningConfig, resolver: any DomainResolving,
                toASCII: @escaping @Sendable (String) -> Result<String, Refusal>,
                phoneNumber: @escaping @Sendable (_ text: String, _ country: String) -> Result<String, Refusal> = { _, _ in
                    .failure(Refusal("phone numbers are not checked"))
                }) {
        self.config = config
        self.resolver = resolver
        self.toASCII = toASCII
        self.phoneNumber = phoneNumber
        cache = DomainCache(lifetime: TimeInterval(config.verification.cacheTime.approximateSeconds))
    }

    /// Checks each customer's current e-mail address as of `now`; DNS is asked once per
    /// domain not in the cache, all of them together.
    public func checkEmails(of customers: [CustomerRecord], state: LedgerState, now: Date) -> [Outcome] {
        let pending = zip(customers, stageAll(customers, state: state, now: now)).map { (customer: $0, staged: $1) }
        let domains = pending.compactMap { if case .needsDNS(let domain, _) = $0.staged { domain } else { nil } }
        let answers = statuses(of: Array(Set(domains)), now: now)
        return pending.map { customer, staged in
            switch staged {
            case .done(let outcome):
                return outcome
            case .needsDNS(let domain, let warning):
                let status = answers[domain] ?? .temporaryFailure("no answer for \(domain)")
                return Outcome(record: record(customer, status: status, domain: domain), warning: warning)
            }
        }
    }

    /// Checks each customer's phone number (for call tasks): `valid` with its E.164 form
    /// and kind as the reason, or `invalid` with libphonenumber's reason. No network.
    public func checkPhones(of customers: [CustomerRecord]) -> [Outcome] {
        customers.map { customer in
            let phone = customer.phone.trimmingCharacters(in: .whitespaces)
            let (result, reason): (ContactResult, String) = if phone.isEmpty {
                (.invalid, "no phone number")
            } else {
                switch phoneNumber(phone, customer.country) {
                case .success(let normalized): (.valid, normalized)
                case .failure(let refusal): (.invalid, refusal.reason)
                }
            }
            return Outcome(record: ContactCheckRecord(customer: customer.customer, channel: .phone, address: customer.phone,
                                                      result: result, reason: reason), warning: nil)
        }
    }

    /// `stage` for each customer, in order; a long list is spread over the processors
    /// (syntax and IDNA take CPU, and a run waits for them before it sends anything).
    func stageAll(_ customers: [CustomerRecord], state: LedgerState, now: Date) -> [Staged] {
        let chunk = 128
        guard customers.count > chunk else { return customers.map { stage($0, state: state, now: now) } }
        let results = StagedResults(count: customers.count)
        DispatchQueue.concurrentPerform(iterations: (customers.count + chunk - 1) / chunk) { part in
            let range = (part * chunk)..<min(customers.count, (part + 1) * chunk)
            results.set(range.lowerBound, range.map { stage(customers[$0], state: state, now: now) })
        }
        return results.all
    }

    /// Results written by `concurrentPerform`'s iterations, each its own range.
    private final class StagedResults: Sendable {
        private let results: Mutex<[Staged?]>

        init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }

        func set(_ start: Int, _ staged: [Staged]) {
            results.withLock { $0.replaceSubrange(start..<(start + staged.count), with: staged) }
        }

        var all: [Staged] { results.withLock { $0.map { $0! } } }
    }

    /// Where one address stands before DNS.
    enum Staged: Sendable {
        case done(Outcome)
        case needsDNS(domain: String, warning: String?)
    }

    func stage(_ customer: CustomerRecord, state: LedgerState, now: Date) -> Staged {
        let email = customer.email
        func outcome(_ result: ContactResult, _ reason: String, warning: String? = nil) -> Staged {
            .done(Outcome(record: ContactCheckRecord(customer: customer.customer, channel: .email, address: email,
                                                     result: result, reason: reason), warning: warning))
        }
        guard !email.isEmpty else { return outcome(.invalid, "no e-mail address") }
        let known = config.verification.typoDomains.isEmpty ? EmailSyntax.commonDomains : config.verification.typoDomains
        let syntax: EmailSyntax
        switch EmailSyntax.check(email, knownDomains: known) {
        case .failure(let problem): return outcome(.invalid, problem.description)
        case .success(let value): syntax = value
        }
        var warnings: [String] = []
        if let suggestion = syntax.suggestion { warnings.append("\(email): did you mean \(syntax.local)@\(suggestion)?") }
        if syntax.quotedLocal { warnings.append("\(email): a quoted local part; some mail systems mangle it") }
        let warning = warnings.isEmpty ? nil : warnings.joined(separator: "; ")
        if let bounce = bounceVerdict(email, state: state, now: now) { return outcome(bounce.result, bounce.reason, warning: warning) }
        if syntax.needsSMTPUTF8, !config.verification.smtputf8 {
            return outcome(.unverified, "the part before the @ is not ASCII: it needs a server with SMTPUTF8 (verification.smtputf8)",
                           warning: warning)
        }
        let domain: String
        switch toASCII(syntax.domain) {
        case .failure(let error): return outcome(.invalid, "the domain \(syntax.domain) is not a valid internationalized name: \(error.reason)", warning: warning)
        case .success(let ascii): domain = ascii
        }
        if config.verification.mode == .off {
            return outcome(.valid, "syntax and bounce history fine; DNS not asked (verification.mode: off)", warning: warning)
        }
        return .needsDNS(domain: domain, warning: warning)
    }

    /// A hard bounce of the address: invalid; enough recent soft bounces: unverified.
    private func bounceVerdict(_ email: String, state: LedgerState, now: Date) -> (result: ContactResult, reason: String)? {
        guard let bounces = state.bounces[email.lowercased()]?.filter({ state.isActive($0.recordID) }), !bounces.isEmpty else { return nil }
        let zone = config.company.timeZone
        if let hard = bounces.last(where: { $0.value.kind == .hard }) {
            return (.invalid, "hard bounce on \(CalendarDate(hard.at, in: zone)): \(hard.value.status) \(hard.value.diagnostic)")
        }
        let window = TimeInterval(config.verification.softBounceWindow.approximateSeconds)
        let recent = bounces.filter { $0.value.kind == .soft && now.timeIntervalSince($0.at) <= window }
        guard recent.count >= config.verification.softBounces, let last = recent.last else { return nil }
        return (.unverified, "\(recent.count) soft bounces within \(config.verification.softBounceWindow), the last on \(CalendarDate(last.at, in: zone)): \(last.value.status) \(last.value.diagnostic)")
    }

    /// The record for what DNS said about the address's domain.
    private func record(_ customer: CustomerRecord, status: MailDomainStatus, domain: String) -> ContactCheckRecord {
        let advisory = config.verification.mode == .advisory
        func make(_ result: ContactResult, _ reason: String, mx: [String]? = nil) -> ContactCheckRecord {
            ContactCheckRecord(customer: customer.customer, channel: .email, address: customer.email, result: result,
                               reason: reason, mx: mx)
        }
        func undeliverable(_ reason: String) -> ContactCheckRecord {
            advisory ? make(.unverified, reason + " (advisory mode: not blocked)") : make(.invalid, reason)
        }
        switch status {
        case .mx(let hosts): return make(.valid, "MX " + hosts.joined(separator: ", "), mx: hosts)
        case .implicitMX: return make(.valid, "no MX; \(domain) itself has an address (implicit MX)")
        case .nullMX: return undeliverable("\(domain) accepts no mail (null MX)")
        case .nonexistent: return undeliverable("\(domain) does not exist (NXDOMAIN)")
        case .noMailHost(let detail): return undeliverable("\(domain): \(detail)")
        case .temporaryFailure(let detail): return make(.unverified, "DNS gave no answer for \(domain) (\(detail)); asked again next cycle")
        }
    }

    /// The cached statuses, and fresh ones for the rest (temporary failures not kept).
    private func statuses(of domains: [String], now: Date) -> [String: MailDomainStatus] {
        guard !domains.isEmpty else { return [:] }
        var answers: [String: MailDomainStatus] = [:]
        var missing: [String] = []
        for domain in domains {
            if let cached = cache.status(of: domain, now: now) { answers[domain] = cached } else { missing.append(domain) }
        }
        guard !missing.isEmpty else { return answers }
        for (domain, status) in resolver.lookup(missing.sorted()) {
            answers[domain] = status
            if case .temporaryFailure = status { continue }
            cache.store(status, for: domain, now: now)
        }
        return answers
    }
}

/// Domain answers with their expiry; shared by the threads of a run.
final class DomainCache: Sendable {
    private let entries = Mutex<[String: (status: MailDomainStatus, until: Date)]>([:])
    private let lifetime: TimeInterval

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    func status(of domain: String, now: Date) -> MailDomainStatus? {
        entries.withLock { entries in
            guard let entry = entries[domain], entry.until > now else { return nil }
            return entry.status
        }
    }

    func store(_ status: MailDomainStatus, for domain: String, now: Date) {
        entries.withLock { entries in
            // Expired entries go when the cache grows, so a long-running daemon stays small.
            if entries.count >= 10_000 { entries = entries.filter { $0.value.until > now } }
            entries[domain] = (status, now.addingTimeInterval(lifetime))
        }
    }
}
