import Foundation
import Synchronization

/// Decides, for one moment, which policy step is due for which customer, with which
/// invoices and amounts, or why it is blocked. Pure: no clock, files or network.
///
/// Items (one per customer, step and currency; all the customer's invoices at that step
/// together) have a `status`:
/// - `due`: at least one invoice's step date has come. At the first step every overdue
///   invoice in that currency goes along (never a pile of letters); at later steps only
///   the invoices whose own step date has come, the others get a `waiting` item of the same
///   step (a notice must not overtake the pay-by date its reminder stated).
/// - `waiting`: invoices are overdue (past due + grace) but no step is due yet;
///   `stepDueOn` says when (JSON `"status": "waiting"`, `"due_on"`).
/// - `blocked`: paused (dispute, hold, promise, arrangement) or a due step that must not go
///   out now; `blocked` and `detail` say why.
///
/// Also: customers no policy applies to are listed in `Plan.unchased` (not chased); invoices
/// that went through every step (handed over) are no longer listed; broken promises
/// propose a `broken-promise` task (`Plan.tasks`) until one is recorded.
///
/// Blocks, first match wins: customer hold or pending promise; every invoice paused
/// (dispute, hold, promise; single paused invoices are only left out, see `excluded`);
/// arrangement kept; then for a due step: `uncertain-send` (a `sending` without outcome or an
/// unsettled `uncertain`), `deferred`, `contact-invalid` for a `failed` send to the current
/// address (never re-sent there by itself; a new address makes the step due again),
/// `below-minimum` (the customer's open total in the currency), then for email only:
/// `contact-invalid`/`contact-unverified` from checks and hard bounces (no check yet is not a
/// block: the sender verifies first), and `outside-window` (tasks and handovers are for
/// humans and the digest, so the send window does not hold them back).
public enum Planner {
    /// The instant `--as-of D` stands for: day D in the company's zone when its send window opens.
    public static func asOfInstant(for date: CalendarDate, config: DunningConfig) -> Date {
        date.instant(atMinute: config.schedule.sendWindow.start, in: config.company.timeZone)
    }


    /// The first effective policy whose `appliesTo` matches (kind, country, customer id).
    public static func policy(for customer: CustomerRecord, in config: DunningConfig) -> Policy? {
        config.effectivePolicies.first { policy in
            let match = policy.appliesTo
            if let kind = match.kind, kind != customer.kind { return false }
            if let countries = match.countries, !countries.contains(customer.country) { return false }
            if let customers = match.customers, !customers.contains(customer.customer) { return false }
            return true
        }
    }

    /// The plan at `asOf`.
    ///
    /// Customers are planned independently, so a large state is split into runs of customers
    /// (in id order) planned on all cores and joined in order: the same plan as one run.
    ///
    /// - Complexity: O(n log n) in the number of records (customers are sorted once; each
    ///   customer's records are read a constant number of times).
    public static func plan(config: DunningConfig, state: LedgerState, asOf: Date) -> Plan {
        let customers = state.customers.count
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let runs = customers < parallelMinimum || cores < 2 ? 1 : min(4 * cores, customers / (parallelMinimum / 4))
        return plan(config: config, state: state, asOf: asOf, runs: runs)
    }

    /// The plan made in `runs` runs of customers, on as many threads as the system gives.
    static func plan(config: DunningConfig, state: LedgerState, asOf: Date, runs: Int) -> Plan {
        let calendar = BusinessCalendar(config: config)
        let next = calendar.nextSendMoment(after: asOf)
        var plan = Plan(asOf: calendar.date(of: asOf), asOfInstant: asOf, nextSendMoment: next,
                        nextSendDescription: calendar.describe(next), items: [], tasks: [], warnings: [],
                        credits: [], unchased: [])
        let ids = state.customers.keys.sorted()
        guard runs > 1, ids.count > 1 else {
            planCustomers(ids[...], config: config, state: state, calendar: calendar, into: &plan)
            return plan
        }
        let empty = plan
        let parts = Mutex([Plan](repeating: empty, count: runs))
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let range = ids.count * run / runs ..< ids.count * (run + 1) / runs
            var part = empty
            planCustomers(ids[range], config: config, state: state, calendar: calendar, into: &part)
            parts.withLock { $0[run] = part }
        }
        for part in parts.withLock({ $0 }) {
            plan.items += part.items
            plan.tasks += part.tasks
            plan.warnings += part.warnings
            plan.credits += part.credits
            plan.unchased += part.unchased
        }
        return plan
    }

    /// Below this many customers a plan is made on one thread.
    static let parallelMinimum = 2_000

    /// Plans `ids` (in order) into `plan`.
    private static func planCustomers(_ ids: ArraySlice<String>, config: DunningConfig, state: LedgerState,
                                      calendar: BusinessCalendar, into plan: inout Plan) {
        let context = Context(config: config, state: state, asOf: plan.asOfInstant, asOfDate: plan.asOf, calendar: calendar)
        for id in ids {
            guard let history = state.customers[id],
                  let customer = history.versions.last(where: { context.active.isActive($0.recordID) })?.value else { continue }
            context.planCustomer(customer, history: history, into: &plan)
        }
    }
}

/// What every customer's planning shares. A class so that the config and state are
/// passed by reference, not copied field by field into every item builder.
final class Context {
    let config: DunningConfig
    let state: LedgerState
    let asOf: Date
    let asOfDate: CalendarDate
    let calendar: BusinessCalendar
    let zone: TimeZone
    let days: ZoneDays
    /// `state.isActive` without hashing most ids.
    let active: ActiveFilter
    /// Whether messages may leave at as-of, and if not, the block's detail (the same for every item).
    let outsideWindow: String?

    init(config: DunningConfig, state: LedgerState, asOf: Date, asOfDate: CalendarDate, calendar: BusinessCalendar) {
        self.config = config
        self.state = state
        self.asOf = asOf
        self.asOfDate = asOfDate
        self.calendar = calendar
        self.zone = config.company.timeZone
        self.days = ZoneDays(zone: config.company.timeZone)
        self.active = ActiveFilter(state)
        self.outsideWindow = calendar.isSendAllowed(at: asOf) ? nil
            : "next send window opens \(calendar.describe(calendar.nextSendMoment(after: asOf)))"
    }

    func planCustomer(_ customer: CustomerRecord, history: CustomerState, into plan: inout Plan) {
        let active = self.active
        let (balances, credits) = Balances.customer(history, in: state, active: active.isActive, skipSettled: true)
        plan.credits += credits
        // Indices into `balances`: InvoiceBalance is large, copying it per filter is not free.
        let open = balances.indices.filter { !balances[$0].open.isZero }
        guard !open.isEmpty else { return }
        guard let policy = Planner.policy(for: customer, in: config), !policy.steps.isEmpty else {
            let overdue = open.filter { asOfDate > balances[$0].invoice.due }
            if !overdue.isEmpty {
                var totals: [Currency: MoneySum] = [:]
                for position in overdue {
                    let currency = balances[position].invoice.currency
                    totals[currency, default: MoneySum(scale: currency.minorUnits)].add(balances[position].open)
                }
                plan.unchased.append(UnchasedCustomer(
                    customer: customer.customer, invoices: overdue.map { balances[$0].invoice.invoice },
                    detail: "no policy applies to this \(customer.kind.rawValue) customer in \(customer.country); not chased",
                    open: totals.sorted { $0.key.code < $1.key.code }.map { CurrencyAmount(currency: $0.key, amount: $0.value.value) }))
            }
            return
        }
        let progress = CustomerProgress(customer: history, state: state, days: days)
        let arrangements = history.arrangements.isEmpty ? []
            : Planner.arrangements(history, state: state,
                                   balances: Dictionary(balances.map { ($0.invoice.invoice, $0) }, uniquingKeysWith: { first, _ in first }),
                                   asOf: asOfDate, grace: policy.grace, zone: zone)
        let arranged = Set(arrangements.flatMap(\.invoices))
        let overdue = open.filter {
            asOfDate > balances[$0].invoice.due.adding(days: policy.grace) || arranged.contains(balances[$0].invoice.invoice)
        }
        guard !overdue.isEmpty else { return }

        var warnings: [String: LimitationWarning] = [:]
        for balance in config.limitation.isEmpty ? [] : overdue.map({ balances[$0] }) {
            if let warning = Planner.limitationWarning(for: balance.invoice, customer: customer, config: config,
                                                       progress: progress, asOf: asOfDate) {
                warnings[balance.invoice.invoice] = warning
                plan.warnings.append(warning)
            }
        }

        var customerPause = Planner.holdPause(history.holds, state: state, asOf: asOfDate)
        let customerPromise = history.promises.isEmpty ? nil
            : Planner.promiseStatus(history.promises, state: state, asOf: asOfDate, grace: policy.grace,
                                    zone: zone, open: openTotal(open, in: balances)) { day in
                paid(on: history.invoices, since: day)
            }
        handle(customerPromise, customer: customer.customer, invoices: open.map { balances[$0].invoice.invoice },
               history: history, pause: &customerPause, plan: &plan)

        var groups: [GroupKey: Group] = [:]
        for position in overdue where arranged.isEmpty || !arranged.contains(balances[position].invoice.invoice) {
            let balance = balances[position]
            let id = balance.invoice.invoice
            let index = progress.nextStepIndex(invoice: id, steps: policy.steps)
            guard index < policy.steps.count else { continue }
            var pause: Pause?
            if balance.pausable, let invoiceState = state.invoices[id] {
                pause = Planner.invoicePause(invoiceState, state: state, asOf: asOfDate)
                let promise = invoiceState.promises.isEmpty ? nil
                    : Planner.promiseStatus(invoiceState.promises, state: state, asOf: asOfDate, grace: policy.grace,
                                            zone: zone, open: balance.open) { day in paid(on: [id], since: day) }
                if pause == nil {
                    handle(promise, customer: customer.customer, invoices: [id], history: history, pause: &pause, plan: &plan)
                }
            }
            // The first step takes every overdue invoice along; a later step only those whose
            // own date has come (the others must not be overtaken before their pay-by date).
            let early = index > 0 && asOfDate < progress.stepDueOn(invoice: balance.invoice, index: index, policy: policy)
            let key = GroupKey(index: index, currency: balance.invoice.currency.code, waiting: early)
            if let pause {
                groups[key, default: Group()].excluded.append(ExcludedInvoice(id: id, reason: pause.reason, detail: pause.detail))
                groups[key, default: Group()].paused.append(balance)
            } else {
                groups[key, default: Group()].members.append(balance)
            }
        }

        let builder = ItemBuilder(context: self, customer: customer, history: history, policy: policy,
                                  progress: progress, balances: balances, warnings: warnings, customerPause: customerPause)
        var items: [PlanItem] = []
        for key in groups.keys.sorted(by: { ($0.index, $0.currency, $0.waiting ? 1 : 0) < ($1.index, $1.currency, $1.waiting ? 1 : 0) }) {
            guard let group = groups[key] else { continue }
            items.append(builder.item(index: key.index, group: group))
        }
        for arrangement in arrangements {
            items.append(builder.arrangementItem(arrangement, progress: progress))
        }
        // Stable: within one step and currency, the due item stays before the waiting one.
        let ordered = items.enumerated().sorted {
            ($0.element.stepIndex, $0.element.currency.code, $0.element.arrangement ?? "", $0.offset)
                < ($1.element.stepIndex, $1.element.currency.code, $1.element.arrangement ?? "", $1.offset)
        }
        items = ordered.map(\.element)
        plan.items += items
    }

    /// Payments (not voided) on `invoices` dated on or after `day`.
    func paid(on invoices: [String], since day: CalendarDate) -> Decimal {
        var total: MoneySum?
        for id in invoices {
            for payment in state.invoices[id]?.payments ?? [] where active.isActive(payment.recordID) && payment.value.date >= day {
                total = total ?? MoneySum(scale: payment.value.currency.minorUnits)
                total?.add(payment.value.amount)
            }
        }
        return total?.value ?? 0
    }

    /// The open amounts added up (exact whatever the currencies: `MoneySum` keeps what does
    /// not fit its scale as `Decimal`).
    private func openTotal(_ positions: [Int], in balances: [InvoiceBalance]) -> Decimal {
        guard let first = positions.first else { return 0 }
        var total = MoneySum(scale: balances[first].invoice.currency.minorUnits)
        for position in positions { total.add(balances[position].open) }
        return total.value
    }

    /// A pending promise pauses; a broken one proposes a task unless one was recorded since.
    private func handle(_ status: PromiseStatus?, customer: String, invoices: [String], history: CustomerState,
                        pause: inout Pause?, plan: inout Plan) {
        switch status {
        case .pending(let promisePause):
            pause = pause ?? promisePause
        case .broken(let recordID, let text):
            // A broken-promise task written after the promise (ledger order, whatever the clocks said).
            let promiseLine = promisePosition(recordID, history: history) ?? 0
            let recorded = history.tasks.contains { task in
                state.isActive(task.recordID) && task.value.kind == .brokenPromise && task.position > promiseLine
            }
            if !recorded {
                plan.tasks.append(ProposedTask(customer: customer, kind: .brokenPromise, invoices: invoices, text: text, ref: recordID))
            }
        case .kept, nil:
            break
        }
    }

    private func promisePosition(_ recordID: String, history: CustomerState) -> Int? {
        if let promise = history.promises.first(where: { $0.recordID == recordID }) { return promise.position }
        for id in history.invoices {
            if let promise = state.invoices[id]?.promises.first(where: { $0.recordID == recordID }) { return promise.position }
        }
        return nil
    }
}

struct GroupKey: Hashable {
    var index: Int
    var currency: String
    /// Invoices at a later step whose own date has not come yet: a separate, waiting item.
    var waiting: Bool
}

/// The invoices of one customer at one step in one currency.
struct Group {
    var members: [InvoiceBalance] = []
    /// Paused on their own (dispute, hold, promise): taken out, shown as `excluded`.
    var paused: [InvoiceBalance] = []
    var excluded: [ExcludedInvoice] = []
}
