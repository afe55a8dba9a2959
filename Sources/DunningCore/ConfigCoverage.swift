import Foundation

/// What a config silently leaves undone for the customers in the ledger: statutory interest
/// without its rates table, overdue invoices no policy covers. `check` prints these as
/// warnings (the config is valid, the result is probably not what was meant).
public enum ConfigCoverage {
    /// Steps with `interest: statutory` whose table, for customers the policy applies to,
    /// is not in `rates`: those customers are charged no interest.
    ///
    /// The customers are those in the ledger the policy is the first match for, and, for a
    /// policy naming both `kind` and `country`, every such country even without customers.
    /// Countries without a statutory table (the plan says so) are not warned about.
    public static func missingRates(config: DunningConfig, state: LedgerState) -> [String] {
        // policy → (country, kind) → customer ids (empty: from the policy's applies_to).
        var needs: [String: [Segment: [String]]] = [:]
        for policy in config.effectivePolicies {
            guard let kind = policy.appliesTo.kind, let countries = policy.appliesTo.countries else { continue }
            for country in countries { needs[policy.id, default: [:]][Segment(country: country, kind: kind)] = [] }
        }
        for id in state.customers.keys.sorted() {
            guard let customer = state.customer(id), let policy = Planner.policy(for: customer, in: config) else { continue }
            needs[policy.id, default: [:]][Segment(country: customer.country, kind: customer.kind), default: []].append(id)
        }
        var warnings: [String] = []
        for policy in config.effectivePolicies {
            guard let segments = needs[policy.id] else { continue }
            for step in policy.steps where step.interest == .statutory {
                for (segment, customers) in segments.sorted(by: { $0.key < $1.key }) {
                    guard let table = Interest.statutoryTableName(country: segment.country, kind: segment.kind),
                          config.rates[table] == nil else { continue }
                    let who = customers.isEmpty ? "" : " (" + list(customers) + ")"
                    warnings.append("policy '\(policy.id)' step '\(step.id)': interest 'statutory' needs the rates table "
                        + "'\(table)' for \(segment.kind.rawValue) customers in \(segment.country)\(who), which is not "
                        + "configured: they are charged no interest (copy the table from the example config, or say "
                        + "'interest: none')")
                }
            }
        }
        return warnings
    }

    /// One line per customer with overdue invoices that no policy applies to (not chased).
    public static func uncovered(_ plan: Plan) -> [String] {
        plan.unchased.map { customer in
            "customer \(customer.customer): overdue \(customer.invoices.joined(separator: ", ")) "
                + "(\(customer.open.map(\.text).joined(separator: " + "))): \(customer.detail)"
        }
    }

    private static func list(_ ids: [String]) -> String {
        ids.count <= 5 ? ids.joined(separator: ", ") : ids.prefix(5).joined(separator: ", ") + " and \(ids.count - 5) more"
    }

    private struct Segment: Hashable, Comparable {
        var country: String
        var kind: CustomerKind

        static func < (lhs: Segment, rhs: Segment) -> Bool {
            (lhs.country, lhs.kind.rawValue) < (rhs.country, rhs.kind.rawValue)
        }
    }
}
