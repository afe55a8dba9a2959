/// The DNS lookup of one mail domain, as a value: answers in, the next questions out, no I/O.
///
/// RFC 5321 §5.1: ask the domain's MX records; with MX records, the hosts they name must have
/// an address (A or AAAA); without (NODATA), the domain's own address is the implicit MX.
/// RFC 7505: a single MX `0 .` is the null MX. A failure (SERVFAIL, REFUSED, timeout) never
/// makes the domain invalid: without an answer that proves otherwise it is a
/// `.temporaryFailure`.
///
/// ```swift
/// var lookup = MailDomainLookup(domain: "example.nl")
/// var questions = lookup.start()              // [MX example.nl]
/// questions = lookup.receive(.noData, for: questions[0])   // [A example.nl, AAAA example.nl]
/// …
/// lookup.status                               // .implicitMX, once every question is answered
/// ```
struct MailDomainLookup: Sendable {
    /// The domain, in A-label form.
    let domain: String
    /// The result, once every question asked has its answer; `nil` before.
    private(set) var status: MailDomainStatus?

    private var phase = Phase.mx
    private var pending: Set<DNSQuestion> = []
    /// The questions in the order asked, and the failures among their answers: the first
    /// question's failure is the reason when nothing resolves (whichever answer came first).
    private var asked: [DNSQuestion] = []
    private var failures: [DNSQuestion: String] = [:]
    private var failure: String? { asked.lazy.compactMap { failures[$0] }.first }

    private enum Phase: Sendable {
        /// The domain's MX records were asked.
        case mx
        /// The MX hosts' addresses were asked: the hosts in preference order, those with one.
        case mailHosts([String], resolved: Set<String>)
        /// No MX record: the domain's own addresses were asked.
        case implicitMX(hasAddress: Bool)
    }

    init(domain: String) {
        self.domain = domain
    }

    /// The first question: the domain's MX records.
    mutating func start() -> [DNSQuestion] {
        precondition(pending.isEmpty && status == nil, "lookup of \(domain) started twice")
        return ask([DNSQuestion(name: domain, type: .mx)])
    }

    /// Takes the answer to `question`; returns the questions to ask next (none once `status` is set).
    mutating func receive(_ answer: DNSAnswer, for question: DNSQuestion) -> [DNSQuestion] {
        guard status == nil, pending.remove(question) != nil else {
            preconditionFailure("lookup of \(domain): an answer to \(question), which is not asked")
        }
        switch phase {
        case .mx:
            return receiveMX(answer)
        case .mailHosts(let hosts, var resolved):
            if answer == .address { resolved.insert(question.name) }
            note(answer, for: question)
            phase = .mailHosts(hosts, resolved: resolved)
            if pending.isEmpty { status = Self.status(hosts: hosts, resolved: resolved, failure: failure) }
        case .implicitMX(let hasAddress):
            note(answer, for: question)
            phase = .implicitMX(hasAddress: hasAddress || answer == .address)
            if pending.isEmpty {
                status = if hasAddress || answer == .address { .implicitMX }
                    else if let failure { .temporaryFailure(failure) }
                    else { .noMailHost("no MX, A or AAAA record") }
            }
        }
        return []
    }

    private mutating func receiveMX(_ answer: DNSAnswer) -> [DNSQuestion] {
        switch answer {
        case .nameError:
            status = .nonexistent
        case .failure(let reason):
            status = .temporaryFailure(reason)
        case .noData, .mx([]):
            phase = .implicitMX(hasAddress: false)
            return ask([DNSQuestion(name: domain, type: .a), DNSQuestion(name: domain, type: .aaaa)])
        case .mx(let records):
            if records == [MXRecord(preference: 0, exchange: "")] {
                status = .nullMX
                return []
            }
            let hosts = Self.hosts(records)
            phase = .mailHosts(hosts, resolved: [])
            // The root (an MX "." beside others, against RFC 7505 §3) has no address to ask.
            let questions = hosts.filter { $0 != "." }.flatMap { host in
                [DNSQuestion(name: host, type: .a), DNSQuestion(name: host, type: .aaaa)]
            }
            if questions.isEmpty { status = Self.status(hosts: hosts, resolved: [], failure: nil) }
            return ask(questions)
        case .address:
            preconditionFailure("lookup of \(domain): an address in answer to its MX question")
        }
        return []
    }

    /// The MX hosts in preference order (the answer's order among equals), lower-cased, each
    /// once; the root as `.`.
    private static func hosts(_ records: [MXRecord]) -> [String] {
        let ordered = records.enumerated().sorted { ($0.element.preference, $0.offset) < ($1.element.preference, $1.offset) }
        var seen: Set<String> = []
        return ordered.compactMap { record in
            let host = record.element.exchange.isEmpty ? "." : record.element.exchange.lowercased()
            return seen.insert(host).inserted ? host : nil
        }
    }

    private static func status(hosts: [String], resolved: Set<String>, failure: String?) -> MailDomainStatus {
        let usable = hosts.filter(resolved.contains)
        if !usable.isEmpty { return .mx(usable) }
        if let failure { return .temporaryFailure(failure) }
        return hosts.count == 1 ? .noMailHost("MX host \(hosts[0]) has no address")
            : .noMailHost("MX hosts \(hosts.joined(separator: ", ")) have no address")
    }

    private mutating func note(_ answer: DNSAnswer, for question: DNSQuestion) {
        if case .failure(let reason) = answer { failures[question] = reason }
    }

    private mutating func ask(_ questions: [DNSQuestion]) -> [DNSQuestion] {
        pending.formUnion(questions)
        asked.append(contentsOf: questions)
        return questions
    }
}
