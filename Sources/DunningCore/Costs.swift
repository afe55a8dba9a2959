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
/// (`Planner+Amounts.swift`, which also pools consumer costs over the invoices of one letter). Costs are never converted between currencies.
public enum Costs {
    /// NL consumers, Besluit vergoeding voor buitengerechtelijke incassokosten art. 2:
    /// 15 % of the first €2,500, 10 % of the next €2,500, 5 % of the next €5,000, 1 % of the
    /// next €190,000, 0.5 % above €200,000; at least €40, at most €6,775. Euros only.
    public static func nlWIK(principal: Decimal) -> Decimal {
        if let cents = MinorUnits.from(principal, scale: 2) {
            guard cents > 0 else { return 0 }
            // Σ slice (cents) × per mille, then ÷ 1,000 rounded half up.
            var total: Int64 = 0
            var lower: Int64 = 0
            for (upTo, perMille) in [(Int64(250_000), Int64(150)), (500_000, 100), (1_000_000, 50), (20_000_000, 10), (Int64.max, 5)]
            where cents > lower {
                total += (min(cents, upTo) - lower) * perMille
                lower = upTo
            }
            let rounded = Int64(MinorUnits.divideRoundingHalfUp(Int128(total), by: 1_000))
            return MinorUnits.decimal(min(max(rounded, 4_000), 677_500), scale: 2)
        }
        guard principal > 0 else { return 0 }
        var total: Decimal = 0
        var lower: Decimal = 0
        for band in wikBands where principal > lower {
            let slice = (band.upTo.map { min(principal, $0) } ?? principal) - lower
            total += slice * band.percent
            lower = band.upTo ?? principal
        }
        total /= 100
        return Money.rounded(min(max(total, 40), 6_775), scale: 2)
    }

    /// BE consumers, Boek XIX WER art. XIX.4 (law of 4 May 2023), maximum damages on the
    /// open balance: ≤ €150 → €20; €150.01–€500 → €30 + 10 % above €150; above €500 →
    /// €65 + 5 % above €500, at most €2,000. Euros only.
    public static func beConsumer(balance: Decimal) -> Decimal {
        if let cents = MinorUnits.from(balance, scale: 2) {
            guard cents > 0 else { return 0 }
            let hundredths: Int64 = if cents <= 15_000 {
                2_000 * 100
            } else if cents <= 50_000 {
                3_000 * 100 + (cents - 15_000) * 10
            } else {
                6_500 * 100 + (cents - 50_000) * 5
            }
            let rounded = Int64(MinorUnits.divideRoundingHalfUp(Int128(hundredths), by: 100))
            return MinorUnits.decimal(min(rounded, 200_000), scale: 2)
        }
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
        guard !principal.isZero, principal.sign == .plus else { return CostAssessment(amount: 0) }
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

    /// `total` spread over parts in proportion to `weights` (all positive), each share
    /// rounded half up to the currency's minor units and the last taking what is left, so
    /// the shares always add up to `total` exactly.
    public static func spread(_ total: Decimal, over weights: [Decimal], in currency: Currency) -> [Decimal] {
        let sum = weights.reduce(0, +)
        guard sum > 0, !weights.isEmpty else { return weights.map { _ in 0 } }
        var shares: [Decimal] = []
        var given: Decimal = 0
        for weight in weights.dropLast() {
            let share = Money.rounded(total * weight / sum, in: currency)
            shares.append(share)
            given += share
        }
        shares.append(total - given)
        return shares
    }

    /// The WIK staffel: (upper bound of the band, percent); `nil`: no upper bound.
    private static let wikBands: [(upTo: Decimal?, percent: Decimal)] = [
        (2_500, 15), (5_000, 10), (10_000, 5), (200_000, 1), (nil, Decimal(sign: .plus, exponent: -1, significand: 5)),
    ]

    /// EU member states plus the EEA (ISO 3166 alpha-2), for `statutory` business costs.
    static let euCountries: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
        "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ]
}
