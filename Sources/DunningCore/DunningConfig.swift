import Foundation

/// The validated configuration, as the engine and the daemon see it.
///
/// Loaded from YAML by `DunningStore.ConfigLoader`; every key docs/configuration.md documents
/// has a field here. Defaults live in `init`s so that code and tests can build a config
/// without YAML.
public struct DunningConfig: Sendable {
    public var company: Company
    public var ledger: String
    /// `nil`: the built-in nl/ro/en templates compiled into the binary.
    public var templates: String?
    public var delivery: Delivery
    public var retry: Retry
    public var schedule: Schedule
    public var verification: Verification
    public var bounces: BounceSettings
    public var digest: Digest?
    /// Empty: `Policy.builtInDefault` applies. First match wins.
    public var policies: [Policy]
    /// Interest tables by name (`nl-commercial`); a step's `interest:` names one.
    public var rates: [String: RateTable]
    public var limitation: [LimitationRule]
    /// Amount that replaces the €40 of `eu-flat-40` for invoices in another currency
    /// (`{RON: "199.00"}`); ours: costs are never converted between currencies.
    public var flatCompensation: [String: Decimal]

    public init(company: Company, ledger: String = "/var/lib/dunning/ledger.jsonl", templates: String? = nil,
                delivery: Delivery = Delivery(), retry: Retry = Retry(), schedule: Schedule = Schedule(),
                verification: Verification = Verification(), bounces: BounceSettings = BounceSettings(), digest: Digest? = nil,
                policies: [Policy] = [], rates: [String: RateTable] = [:], limitation: [LimitationRule] = [],
                flatCompensation: [String: Decimal] = [:]) {
        self.company = company
        self.ledger = ledger
        self.templates = templates
        self.delivery = delivery
        self.retry = retry
        self.schedule = schedule
        self.verification = verification
        self.bounces = bounces
        self.digest = digest
        self.policies = policies
        self.rates = rates
        self.limitation = limitation
        self.flatCompensation = flatCompensation
    }

    /// The policies in force: the configured ones, or the built-in default.
    public var effectivePolicies: [Policy] { policies.isEmpty ? [Policy.builtInDefault] : policies }
}

public struct Company: Sendable {
    public var name: String
    public var from: String
    public var replyTo: String?
    public var iban: String?
    /// ICU locale identifier (`nl_NL`).
    public var locale: String
    public var timeZone: TimeZone
    /// ISO 3166 alpha-2; the company's own country (ours; derived from `locale` if absent).
    public var country: String
    /// The language templates fall back to (ours; derived from `locale` if absent).
    public var language: String
    /// For every letter's footer (ours): the postal address on one line, a phone number,
    /// the trade-register entry as it should read (`KvK 12345678`, `KBO 0123.456.789`,
    /// `J40/1234/2020`) and the VAT number. Creditors must name themselves fully in a claim.
    public var address: String?
    public var phone: String?
    public var registration: String?
    public var vat: String?

    public init(name: String, from: String, replyTo: String? = nil, iban: String? = nil,
                locale: String = "nl_NL", timeZone: TimeZone = TimeZone(identifier: "Europe/Amsterdam")!,
                country: String? = nil, language: String? = nil) {
        self.name = name
        self.from = from
        self.replyTo = replyTo
        self.iban = iban
        self.locale = locale
        self.timeZone = timeZone
        let parts = locale.split(whereSeparator: { $0 == "_" || $0 == "-" })
        self.country = country ?? (parts.count > 1 ? String(parts[1]).uppercased() : "NL")
        self.language = language ?? String(parts.first ?? "nl").lowercased()
    }
}

public struct Delivery: Sendable {
    public enum Transport: String, Sendable { case outbox, smtp }
    public var transport: Transport
    public var outbox: String
    public var smtp: SMTPSettings?
    public init(transport: Transport = .outbox, outbox: String = "/var/lib/dunning/outbox", smtp: SMTPSettings? = nil) {
        self.transport = transport
        self.outbox = outbox
        self.smtp = smtp
    }
}

public struct SMTPSettings: Sendable {
    public enum TLS: String, Sendable { case starttls, implicit, none }
    public var url: String
    public var tls: TLS
    public var caFile: String?
    public var username: String?
    /// Relative paths are read from `$CREDENTIALS_DIRECTORY`.
    public var passwordFile: String?
    /// May contain `{token}` for VERP bounce matching.
    public var envelopeFrom: String?
    public var timeout: ConfigDuration
    public init(url: String, tls: TLS = .starttls, caFile: String? = nil, username: String? = nil,
                passwordFile: String? = nil, envelopeFrom: String? = nil, timeout: ConfigDuration = .seconds(30)) {
        self.url = url
        self.tls = tls
        self.caFile = caFile
        self.username = username
        self.passwordFile = passwordFile
        self.envelopeFrom = envelopeFrom
        self.timeout = timeout
    }
}

public struct Retry: Sendable {
    public var first: ConfigDuration
    public var max: ConfigDuration
    public var giveUp: ConfigDuration
    public init(first: ConfigDuration = .seconds(300), max: ConfigDuration = .seconds(3600), giveUp: ConfigDuration = .days(5)) {
        self.first = first
        self.max = max
        self.giveUp = giveUp
    }
}

/// Local wall-clock minutes after midnight, `[start, end)`.
public struct SendWindow: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

public struct Schedule: Sendable {
    public var checkInterval: ConfigDuration
    public var sendWindow: SendWindow
    public var businessDays: Set<Weekday>
    public var holidays: Set<CalendarDate>
    public init(checkInterval: ConfigDuration = .seconds(300), sendWindow: SendWindow = SendWindow(start: 9 * 60, end: 17 * 60),
                businessDays: Set<Weekday> = [.mon, .tue, .wed, .thu, .fri], holidays: Set<CalendarDate> = []) {
        self.checkInterval = checkInterval
        self.sendWindow = sendWindow
        self.businessDays = businessDays
        self.holidays = holidays
    }
}

public struct Verification: Sendable {
    public enum Mode: String, Sendable { case enforce, advisory, off }
    public var mode: Mode
    public var allowUnverified: Bool
    /// `host:port`; empty: `/etc/resolv.conf`.
    public var resolvers: [String]
    public var maxAge: ConfigDuration
    /// How long one DNS query may take, and how often it is tried.
    public var timeout: ConfigDuration = .seconds(5)
    public var tries: Int = 2
    /// How long a domain's DNS answer is reused (Debian's c-ares gives MX answers without
    /// their TTLs). Temporary failures are never kept.
    public var cacheTime: ConfigDuration = .seconds(3600)
    /// Whether the SMTP server takes SMTPUTF8, so a non-ASCII local part can be written to.
    public var smtputf8: Bool = false
    /// This many soft bounces for an address within `softBounceWindow` make it unverified.
    public var softBounces: Int = 3
    public var softBounceWindow: ConfigDuration = .days(30)
    /// Mailbox domains typos are measured against; empty: `EmailSyntax.commonDomains`.
    public var typoDomains: [String] = []

    public init(mode: Mode = .enforce, allowUnverified: Bool = false, resolvers: [String] = [], maxAge: ConfigDuration = .days(30)) {
        self.mode = mode
        self.allowUnverified = allowUnverified
        self.resolvers = resolvers
        self.maxAge = maxAge
    }
}

/// Where bounces arrive: a Maildir on this machine, an IMAP mailbox, or both.
public struct BounceSettings: Sendable {
    public var maildir: String?
    /// `imap://host/MAILBOX` or `imaps://…`.
    public var imap: String?
    public var imapUser: String?
    /// Relative paths are read from `$CREDENTIALS_DIRECTORY`.
    public var imapPasswordFile: String?
    /// As for SMTP; default `implicit` for `imaps://`, else `starttls` (required).
    public var imapTLS: SMTPSettings.TLS = .starttls
    /// A PEM file of CAs to trust besides the system's.
    public var imapCAFile: String?
    public init(maildir: String? = nil, imap: String? = nil, imapUser: String? = nil, imapPasswordFile: String? = nil) {
        self.maildir = maildir
        self.imap = imap
        self.imapUser = imapUser
        self.imapPasswordFile = imapPasswordFile
    }
}

public struct Digest: Sendable {
    public var to: String
    /// Local minutes after midnight.
    public var at: Int
    public init(to: String, at: Int = 8 * 60) {
        self.to = to
        self.at = at
    }
}

/// Which customers a policy is for; every given condition must hold, none given matches all.
public struct PolicyMatch: Sendable, Equatable {
    public var kind: CustomerKind?
    public var countries: [String]?
    public var customers: [String]?
    public init(kind: CustomerKind? = nil, countries: [String]? = nil, customers: [String]? = nil) {
        self.kind = kind
        self.countries = countries
        self.customers = customers
    }
}

public struct Policy: Sendable, Equatable {
    public var id: String
    public var appliesTo: PolicyMatch
    /// Days after the due date before an invoice counts as overdue at all.
    public var grace: Int
    /// A customer's open total (per currency) below this is not chased (`below-minimum`).
    public var minimum: Decimal?
    public var steps: [PolicyStep]
    public init(id: String, appliesTo: PolicyMatch = PolicyMatch(), grace: Int = 0, minimum: Decimal? = nil, steps: [PolicyStep]) {
        self.id = id
        self.appliesTo = appliesTo
        self.grace = grace
        self.minimum = minimum
        self.steps = steps
    }
}

public enum StepChannel: String, Sendable, Hashable {
    case email, task, handover
}

public enum StepAnchor: String, Sendable, Hashable {
    /// `after` counts from the invoice's due date.
    case due
    /// `after` counts from the day the previous step was actually sent.
    case previous
}

public struct PolicyStep: Sendable, Equatable {
    public var id: String
    public var after: ConfigDuration
    public var from: StepAnchor
    /// Template KIND (`reminder`, `notice`, ...); required for `email` steps.
    public var template: String?
    public var channel: StepChannel
    /// `nil`: no costs in this step.
    public var costs: CostRule?
    /// `nil`: no interest in this step.
    public var interest: InterestRule?
    /// Days the customer is given to pay, stated in the message as the new pay-by date (ours).
    public var payWithin: Int
    public init(id: String, after: ConfigDuration, from: StepAnchor = .due, template: String? = nil, channel: StepChannel = .email,
                costs: CostRule? = nil, interest: InterestRule? = nil, payWithin: Int = 14) {
        self.id = id
        self.after = after
        self.from = from
        self.template = template
        self.channel = channel
        self.costs = costs
        self.interest = interest
        self.payWithin = payWithin
    }
}

/// How collection costs are charged in a step.
public enum CostRule: Sendable, Equatable {
    case none
    /// NL consumers: Besluit vergoeding voor buitengerechtelijke incassokosten (staffel).
    case nlWIK
    /// BE consumers: law of 2023 (Boek XIX WER), caps by amount.
    case beConsumer
    /// Directive 2011/7/EU art. 6: €40 per invoice for business debtors.
    case euFlat40
    case fixed(Decimal)
    case percent(Decimal, min: Decimal?, max: Decimal?)
    /// The lawful default for the customer's country and kind (ours; the built-in policy uses it).
    case statutory
}

public enum InterestRule: Sendable, Equatable {
    case none
    /// A table from `rates`.
    case rates(String)
    /// The table named by country and kind: `nl-commercial`, `nl-consumer`, `be-commercial`, ... (ours).
    case statutory
}

public struct RatePeriod: Sendable, Equatable {
    public var from: CalendarDate
    /// Percent per year (`"12.25"` is 12.25 %).
    public var rate: Decimal
    public init(from: CalendarDate, rate: Decimal) {
        self.from = from
        self.rate = rate
    }
}

public struct RateTable: Sendable, Equatable {
    public enum Compounding: String, Sendable { case simple, yearly }
    public var compounding: Compounding
    /// Sorted by `from`, strictly increasing.
    public var periods: [RatePeriod]
    public init(compounding: Compounding, periods: [RatePeriod]) {
        self.compounding = compounding
        self.periods = periods
    }
}

public struct LimitationRule: Sendable, Equatable {
    public var country: String
    /// `nil`: both kinds.
    public var kind: CustomerKind?
    public var period: ConfigDuration
    public var interruptedByReminder: Bool
    /// Warn this many days before the claim would be time-barred (ours; default 60).
    public var warnDays: Int
    public init(country: String, kind: CustomerKind? = nil, period: ConfigDuration, interruptedByReminder: Bool, warnDays: Int = 60) {
        self.country = country
        self.kind = kind
        self.period = period
        self.interruptedByReminder = interruptedByReminder
        self.warnDays = warnDays
    }
}

extension Policy {
    /// The built-in default: reminder 14d after due, notice 30d after due with lawful
    /// costs and interest for the customer's country and kind, a call 7d later, handover 14d later.
    public static let builtInDefault = Policy(
        id: "default",
        steps: [
            PolicyStep(id: "reminder", after: .days(14), from: .due, template: TemplateKind.reminder.rawValue, channel: .email),
            PolicyStep(id: "notice", after: .days(30), from: .due, template: TemplateKind.notice.rawValue, channel: .email,
                       costs: .statutory, interest: .statutory),
            PolicyStep(id: "call", after: .days(7), from: .previous, channel: .task),
            PolicyStep(id: "handover", after: .days(14), from: .previous, channel: .handover,
                       costs: .statutory, interest: .statutory),
        ]
    )
}
