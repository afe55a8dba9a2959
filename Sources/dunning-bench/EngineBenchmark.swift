import DunningCore
import Foundation

/// Times planning over a loaded `LedgerState` and rendering the plan as JSON. Target: plan ≤ 1 s.
struct EngineBenchmark {
    let state: LedgerState

    /// The synthetic ledger's policy (its reminders use step `herinnering`) and NL/BE/RO rates.
    static let config: DunningConfig = {
        var config = DunningConfig(company: Company(name: "Voorbeeld B.V.", from: "debiteuren@voorbeeld.nl"))
        config.policies = [Policy(id: "bench", grace: 3, minimum: 10, steps: [
            PolicyStep(id: "herinnering", after: .days(14), template: "reminder"),
            PolicyStep(id: "aanmaning", after: .days(30), template: "notice", costs: .statutory, interest: .statutory),
            PolicyStep(id: "bellen", after: .days(7), from: .previous, channel: .task),
            PolicyStep(id: "incasso", after: .days(14), from: .previous, channel: .handover, costs: .statutory, interest: .statutory),
        ])]
        let periods = [RatePeriod(from: CalendarDate(year: 2024, month: 1, day: 1)!, rate: Decimal(string: "12.50")!),
                       RatePeriod(from: CalendarDate(year: 2024, month: 7, day: 1)!, rate: Decimal(string: "12.25")!),
                       RatePeriod(from: CalendarDate(year: 2025, month: 1, day: 1)!, rate: Decimal(string: "11.15")!)]
        for name in ["nl-commercial", "nl-consumer", "be-commercial", "be-consumer", "ro-legal"] {
            config.rates[name] = RateTable(compounding: name.hasPrefix("nl") ? .yearly : .simple, periods: periods)
        }
        config.limitation = [LimitationRule(country: "NL", period: .months(60), interruptedByReminder: true)]
        return config
    }()

    /// Times planning over `state` and rendering the plan as JSON.
    func run() throws {
        var clock = ContinuousClock.now
        let asOf = Planner.asOfInstant(for: CalendarDate(year: 2025, month: 6, day: 2)!, config: Self.config)
        var plans: [Double] = []
        var items = 0
        for _ in 0..<3 {
            clock = .now
            let plan = Planner.plan(config: Self.config, state: state, asOf: asOf)
            plans.append(seconds(since: clock))
            items = plan.items.count
        }
        clock = .now
        let json = PlanJSON.render(Planner.plan(config: Self.config, state: state, asOf: asOf))
        let render = seconds(since: clock)
        let best = plans.min() ?? .nan
        print("plan as of 2025-06-02 over \(state.customers.count) customers, \(state.invoices.count) invoices: \(items) items in "
            + "best \(String(format: "%.2f", best)) s of 3 (+ \(String(format: "%.2f", render)) s JSON, \(json.utf8.count / 1000) kB)  [target: 1 s]")
    }


    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
