import Foundation

/// The collection costs of one invoice under one rule, with why they are what they are.
public struct CostAssessment: Sendable, Equatable {
    /// In the invoice's currency, rounded half up to its minor units.
    public var amount: Decimal
    /// Why there are no (or capped) costs, for the plan's detail; `nil` when unremarkable.
    public var detail: String?

    public init(amount: Decimal, detail: String? = nil) {
        self.amount = amount
        self.detail = detail
    }
}

/// Lawful extrajudicial collection costs, per country and kind of debtor.
///
/// Pure arithmetic on the open principal of one invoice; *when* a step may charge them (the
/// NL 14-day letter, the free first BE reminder) is the planner's concern
/// (`Planner+Costs.swift`). Costs are never converted between currencies.
public enum Costs {
    /// NL consumers, Besluit vergoeding voor buitengerechtelijke incassokosten art. 2:
    /// 15 % of the first €2,500, 10 % of the next €2,500, 5 % of the next €5,000, 1 % of the
    /// next €190,000, 0.5 % above €200,000; at least €40, at most €6,775. Euros only.
    public static func nlWIK(principal: Decimal) -> Decimal {
        guard principal > 0 else { return 0 }
        let bands: [(upTo: Decimal, percent: Decimal)] = [
            (2_500, 15), (5_000, 10), (10_000, 5), (200_000, 1), (Decimal.greatestFiniteMagnitude, Decimal(string: "0.5")!),
        ]
        var total: Decimal = 0
        var lower: Decimal = 0
        for band in bands where principal > lower {
            let slice = min(principal, band.upTo) - lower
            total += slice * band.percent / 100
            lower = band.upTo
        }
        return Money.rounded(min(max(total, 40), 6_775), scale: 2)
    }

    /// BE consumers, Boek XIX WER art. XIX.4 (law of 4 May 2023), maximum damages on the
    /// open balance: ≤ €150 → €20; €150.01–€500 → €30 + 10 % above €150; above €500 →
    /// €65 + 5 % above €500, at most €2,000. Euros only.
    public static func beConsumer(balance: Decimal) -> Decimal {
        guard balance > 0 else { return 0 }
        let amount: Decimal
        if balance <= 150 {
            amount = 20
        } else if balance <= 500 {
            amount = 30 + (balance - 150) * 10 / 100
        } else {
            amount = min(65 + (balance - 500) * 5 / 100, 2_000)
        }
        return Money.rounded(amount, scale: 2)
    }

    /// The concrete rule `statutory` stands for (ours): NL consumer → `nlWIK`, BE consumer →
    /// `beConsumer`, a business in an EU/EEA country → `euFlat40` (Directive 2011/7/EU art. 6),
    /// anything else (RO consumers included) → `none`. Other rules are returned unchanged.
    public static func concrete(_ rule: CostRule, country: String, kind: CustomerKind) -> CostRule {
        guard rule == .statutory else { return rule }
        switch (country, kind) {
        case ("NL", .consumer): return .nlWIK
        case ("BE", .consumer): return .beConsumer
        case (_, .business) where euCountries.contains(country): return .euFlat40
        default: return .none
        }
    }

    /// The costs of one invoice with `principal` open, under a concrete rule (`statutory`
    /// must be resolved with `concrete` first).
    ///
    /// `flatCompensation` replaces the €40 of `eu-flat-40` for other currencies
    /// (`DunningConfig.flatCompensation`); without an entry there are no costs.
    public static func assess(_ rule: CostRule, principal: Decimal, currency: Currency,
                              flatCompensation: [String: Decimal] = [:]) -> CostAssessment {
        guard principal > 0 else { return CostAssessment(amount: 0) }
        let isEuro = currency.code == "EUR"
        switch rule {
        case .none, .statutory:
            return CostAssessment(amount: 0)
        case .nlWIK:
            guard isEuro else {
                return CostAssessment(amount: 0, detail: "no WIK costs: the staffel is in euros and \(currency.code) is never converted")
            }
            return CostAssessment(amount: nlWIK(principal: principal))
        case .beConsumer:
            guard isEuro else {
                return CostAssessment(amount: 0, detail: "no BE consumer costs: the caps are in euros and \(currency.code) is never converted")
            }
            return CostAssessment(amount: beConsumer(balance: principal))
        case .euFlat40:
            if isEuro { return CostAssessment(amount: 40) }
            guard let flat = flatCompensation[currency.code] else {
                return CostAssessment(amount: 0, detail: "no flat compensation for \(currency.code) configured (flat_compensation); EUR 40 is never converted")
            }
            return CostAssessment(amount: Money.rounded(flat, in: currency))
        case .fixed(let amount):
            return CostAssessment(amount: Money.rounded(amount, in: currency))
        case .percent(let percent, let minimum, let maximum):
            var amount = principal * percent / 100
            if let minimum { amount = max(amount, minimum) }
            if let maximum { amount = min(amount, maximum) }
            return CostAssessment(amount: Money.rounded(amount, in: currency))
        }
    }

    /// EU member states plus the EEA (ISO 3166 alpha-2), for `statutory` business costs.
    static let euCountries: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
        "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ]
}
