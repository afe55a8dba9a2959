import DunningCore
import Foundation
import Mail
import Phone

/// The bookkeeper's digest of one day: what happened since the previous digest and what
/// needs a person now, as finished lines in the company's language (`DigestPhrases`), money
/// formatted by Foundation for the company's locale.
///
/// From the ledger, what was recorded after the previous `digest` record (by ledger
/// position; with none, in the 24 hours before `now`): messages sent and failed, bounces,
/// call tasks, broken promises and other tasks the sender wrote. Whatever the period: every
/// message still waiting for a retry (`deferred`) and every one whose delivery is unknown
/// (`uncertain`, with its Message-ID and the `dunning ledger resolve` command that settles
/// it). From the plan as of now: items held back (dispute, hold, promise, arrangement,
/// contact, minimum; not `outside-window`, which only waits for the send window, nor
/// `deferred` and `uncertain-send`, which have their own groups), calls due but not yet
/// written as tasks, promises whose day came since the previous digest's day (today when
/// there is none) and are still pending, limitation warnings, handovers due, and overdue
/// invoices of customers no policy applies to (`needsAttention`: nobody chases them).
///
/// - Complexity: O(n log n) in the ledger's messages, bounces and tasks, plus a plan.
public struct DailyDigest: Sendable, Equatable {
    /// The day summarised (company zone).
    public var date: CalendarDate
    /// When the previous digest was recorded; `nil`: there was none, the digest covers the
    /// 24 hours before it was made.
    public var since: Date?
    public var groups: DigestGroups

    public init(date: CalendarDate, since: Date?, groups: DigestGroups) {
        self.date = date
        self.since = since
        self.groups = groups
    }

    /// The digest of `date` from `state` and `plan` (made for the same moment), at `now`
    /// (real time: ledger records carry real times).
    ///
    /// `resolveCommand` starts the command an uncertain message's line gives
    /// (`dunning ledger resolve`, with `--config PATH` when the daemon's config is not the default).
    public static func collect(config: DunningConfig, state: LedgerState, plan: Plan, date: CalendarDate, now: Date,
                               resolveCommand: String = "dunning ledger resolve") -> DailyDigest {
        let collector = DigestCollector(config: config, state: state, plan: plan, date: date, now: now,
                                        resolveCommand: resolveCommand)
        var groups = DigestGroups()
        collector.messages(into: &groups)
        groups.bounced = collector.bounces()
        collector.tasks(into: &groups)
        collector.planned(into: &groups)
        return DailyDigest(date: date, since: collector.previous?.instant(in: config.company.timeZone), groups: groups)
    }
}

/// What one digest is made from, and the helpers its groups share.
struct DigestCollector {
    let config: DunningConfig
    let state: LedgerState
    let plan: Plan
    let date: CalendarDate
    let now: Date
    let resolveCommand: String
    let say: DigestPhrases
    let zone: TimeZone
    /// The latest digest recorded (not voided): the period starts after it.
    let previous: LedgerEntry<DigestRecord>?

    init(config: DunningConfig, state: LedgerState, plan: Plan, date: CalendarDate, now: Date, resolveCommand: String) {
        self.config = config
        self.state = state
        self.plan = plan
        self.date = date
        self.now = now
        self.resolveCommand = resolveCommand
        say = DigestPhrases(language: config.company.language)
        zone = config.company.timeZone
        previous = state.digests.last { state.isActive($0.recordID) }
    }

    /// Whether a record falls in the digest's period: after the previous digest in the
    /// ledger, or with none, within 24 hours before `now`.
    func isNew<Value>(_ entry: LedgerEntry<Value>) -> Bool {
        guard let previous else { return entry.instant(in: zone) > now.addingTimeInterval(-86_400) }
        return entry.position > previous.position
    }

    /// `Bakkerij Jansen B.V. (C-1)`, the name as the ledger says it now.
    func customer(_ id: String) -> String {
        say.customer(id: id, name: state.customer(id)?.name ?? "")
    }

    /// `amount` in `currency` for the company's locale (`€ 1.234,56`).
    func money(_ amount: Decimal, _ currency: Currency) -> String {
        TemplateFormatter(localeIdentifier: config.company.locale, currency: currency).money(amount)
    }

    /// Amounts per currency, added within a currency only: `€ 100,00 + 250,00 RON`.
    func money(_ amounts: [(amount: Decimal, currency: Currency)]) -> String {
        var totals: [Currency: Decimal] = [:]
        for part in amounts { totals[part.currency, default: 0] += part.amount }
        guard !totals.isEmpty else { return money(0, .euro) }
        return totals.sorted { $0.key.code < $1.key.code }.map { money($0.value, $0.key) }.joined(separator: " + ")
    }

    func day(_ date: CalendarDate) -> String {
        TemplateFormatter(localeIdentifier: config.company.locale, currency: .euro).date(date)
    }

    /// What is still open on `invoices` of `customer`, per currency.
    func open(_ invoices: [String], of customer: String) -> [(amount: Decimal, currency: Currency)] {
        let wanted = Set(invoices)
        return Balances.customer(customer, in: state).invoices
            .filter { wanted.contains($0.invoice.invoice) }
            .map { ($0.open, $0.invoice.currency) }
    }

    /// The number to dial for `customer` (E.164 by libphonenumber, with its extension), or
    /// `nil` when there is none that is valid.
    func phone(of customer: CustomerRecord) -> String? {
        guard case .success(let number) = PhoneNumber.normalize(customer.phone, country: customer.country) else { return nil }
        return say.phone(number.e164, extension: number.extension)
    }
}
