import DunningCore
import Foundation
import Yams

/// `policies` (steps, cost and interest rules, templates), `rates`, `limitation`, `flat_compensation`.
extension ConfigReader {
    /// Template KINDs compiled into the binary (docs/templates.md).
    static let builtInTemplates = TemplateKind.allCases.map(\.rawValue)

    func policies(_ node: Node, rates: [String: RateTable], templates: String?, language: String) -> [Policy] {
        guard let items = list(node, name: "policies") else { return [] }
        var policies: [Policy] = []
        var seen: [String: Mark?] = [:]
        for (index, item) in items.enumerated() {
            guard let policy = policy(item, index: index, rates: rates, templates: templates, language: language)
            else { continue }
            if let first = seen[policy.id] {
                invalid("policies: duplicate policy id '\(policy.id)' (first at line \(first?.line ?? 1))", at: item)
            } else if let everyone = policies.first(where: { $0.appliesTo == PolicyMatch() }) {
                invalid("policies[\(policy.id)] can never apply: policy '\(everyone.id)' before it applies to everyone "
                    + "(first match wins)", at: item)
            }
            seen[policy.id] = item.mark
            policies.append(policy)
        }
        return policies
    }

    private func policy(_ node: Node, index: Int, rates: [String: RateTable], templates: String?, language: String) -> Policy? {
        guard let fields = keyed(node, .policy, name: "policies[\(index)]"),
              let id = fields.required("id", in: self).flatMap({ identifier($0, name: "policies[\(index)].id") })
        else { return nil }
        let name = "policies[\(id)]"
        var policy = Policy(id: id, steps: [])
        if let node = fields["applies_to"] { policy.appliesTo = match(node, name: "\(name).applies_to") }
        if let node = fields["grace"], let days = days(node, name: "\(name).grace") { policy.grace = days }
        if let node = fields["minimum"] { policy.minimum = money(node, name: "\(name).minimum") }
        guard let stepsNode = fields.required("steps", in: self),
              let items = list(stepsNode, name: "\(name).steps") else { return nil }
        if items.isEmpty { invalid("\(name).steps: a policy needs at least one step", at: stepsNode) }
        var seen: Set<String> = []
        var lastDue: PolicyStep?
        for (index, item) in items.enumerated() {
            guard let step = step(item, policy: name, index: index, rates: rates, templates: templates, language: language,
                                  consumers: policy.appliesTo.kind != .business)
            else { continue }
            if step.id == Confirmations.step {
                invalid("\(name): step id '\(step.id)' is reserved for the confirmations of promises and arrangements", at: item)
            }
            if !seen.insert(step.id).inserted {
                invalid("\(name): duplicate step id '\(step.id)'", at: item)
            }
            if index == 0, step.from == .previous {
                invalid("\(name).steps[\(step.id)]: the first step cannot be 'from: previous' (there is no previous step); "
                    + "use 'from: due'", at: item)
            }
            if step.from == .due {
                if let lastDue, step.after.approximateSeconds <= lastDue.after.approximateSeconds {
                    invalid("\(name).steps[\(step.id)]: steps must be in order: 'after: \(step.after)' from due is not later "
                        + "than step '\(lastDue.id)' (after: \(lastDue.after) from due)", at: item)
                }
                lastDue = step
            }
            policy.steps.append(step)
        }
        return policy
    }

    private func match(_ node: Node, name: String) -> PolicyMatch {
        var match = PolicyMatch()
        guard let fields = keyed(node, .appliesTo, name: name) else { return match }
        if let node = fields["kind"] { match.kind = choice(node, name: "\(name).kind", among: CustomerKind.allCases) }
        if let node = fields["country"], let codes = stringList(node, name: "\(name).country", single: true) {
            match.countries = codes.enumerated().compactMap { index, code in
                countryCode(code, name: "\(name).country", at: Self.item(node, index))
            }
        }
        if let node = fields["customers"] {
            match.customers = stringList(node, name: "\(name).customers", single: true)
        }
        return match
    }

    /// One step; `consumers`: whether the policy can match consumers (no `kind: business`).
    private func step(_ node: Node, policy: String, index: Int, rates: [String: RateTable], templates: String?,
                      language: String, consumers: Bool) -> PolicyStep? {
        guard let fields = keyed(node, .step, name: "\(policy).steps[\(index)]"),
              let id = fields.required("id", in: self).flatMap({ identifier($0, name: "\(policy).steps[\(index)].id") })
        else { return nil }
        let name = "\(policy).steps[\(id)]"
        guard let afterNode = fields.required("after", in: self), let after = duration(afterNode, name: "\(name).after")
        else { return nil }
        if case .seconds = after {
            invalid("\(name).after: '\(after)' must be in days, weeks, months or years (14d, 2w, 1mo)", at: afterNode)
        }
        var step = PolicyStep(id: id, after: after)
        if let node = fields["from"], let value = choice(node, name: "\(name).from", among: [StepAnchor.due, .previous]) { step.from = value }
        if let node = fields["channel"], let value = choice(node, name: "\(name).channel", among: [StepChannel.email, .task, .handover]) {
            step.channel = value
        }
        if let node = fields["template"] {
            step.template = template(node, name: "\(name).template", stepLine: fields.mark?.line ?? 1, directory: templates,
                                     language: language)
        } else if step.channel == .email {
            report(.missingKey("template", section: "\(name) (an email step needs one)"), at: fields.mark)
        }
        if let node = fields["costs"] {
            step.costs = costRule(node, name: "\(name).costs")
            // Directive 2011/7/EU is for transactions between businesses only: charging its
            // €40 to a consumer has no basis (use `statutory`, or restrict the policy).
            if consumers, step.costs == .euFlat40 {
                invalid("\(name).costs: 'eu-flat-40' is for business debtors only (Directive 2011/7/EU), and this policy "
                    + "can apply to consumers; add 'kind: business' to its applies_to, or use 'statutory'", at: node)
            }
        }
        if let node = fields["interest"] { step.interest = interestRule(node, name: "\(name).interest", rates: rates) }
        if let node = fields["pay_within"], let days = days(node, name: "\(name).pay_within") { step.payWithin = days }
        return step
    }

    /// A template KIND: a built-in, or one whose three files exist in `directory/language/`.
    private func template(_ node: Node, name: String, stepLine: Int, directory: String?, language: String) -> String? {
        guard let kind = identifier(node, name: name) else { return nil }
        if Self.builtInTemplates.contains(kind) { return kind }
        guard let directory else {
            let hint = Suggestion.closest(to: kind, in: Self.builtInTemplates).map { " (did you mean '\($0)'?)" } ?? ""
            invalid("\(name): unknown template '\(kind)'\(hint); the built-ins are "
                + "\(Self.builtInTemplates.joined(separator: ", ")); other kinds need 'templates:' pointing to a folder "
                + "with \(language)/\(kind).subject.mustache, .text.mustache and .html.mustache", at: node)
            return nil
        }
        var complete = true
        for part in ["subject", "text", "html"] {
            let file = URL(fileURLWithPath: directory).appendingPathComponent(language)
                .appendingPathComponent("\(kind).\(part).mustache").path
            if !FileManager.default.isReadableFile(atPath: file) {
                invalid("\(name): template '\(kind)' needs the file \(file), which does not exist "
                    + "(step at line \(stepLine))", at: node)
                complete = false
            }
        }
        return complete ? kind : nil
    }

    /// `none`, `nl-wik`, `be-consumer`, `eu-flat-40`, `statutory`, `{fixed: A}` or `{percent: P, min: A, max: A}`.
    func costRule(_ node: Node, name: String) -> CostRule? {
        let named: [String: CostRule] = ["none": .none, "nl-wik": .nlWIK, "be-consumer": .beConsumer,
                                         "eu-flat-40": .euFlat40, "statutory": .statutory]
        if case .scalar(let scalar) = node {
            if let rule = named[scalar.string] { return rule }
            let names = named.keys.sorted()
            let hint = Suggestion.closest(to: scalar.string, in: names).map { " (did you mean '\($0)'?)" } ?? ""
            invalid("\(name): unknown cost rule '\(scalar.string)'\(hint); expected one of \(names.joined(separator: ", ")), "
                + "{fixed: \"25.00\"} or {percent: \"10\", min: \"40.00\", max: \"500.00\"}", at: node)
            return nil
        }
        guard let fields = keyed(node, .costs, name: name) else { return nil }
        switch (fields["fixed"], fields["percent"]) {
        case (let fixed?, nil):
            if fields["min"] != nil || fields["max"] != nil {
                invalid("\(name): 'min' and 'max' only go with 'percent'", at: node)
            }
            return money(fixed, name: "\(name).fixed").map(CostRule.fixed)
        case (nil, let percentNode?):
            let percent = money(percentNode, name: "\(name).percent")
            let min = fields["min"].flatMap { money($0, name: "\(name).min") }
            let max = fields["max"].flatMap { money($0, name: "\(name).max") }
            if let percent, percent <= 0 || percent > 100 {
                invalid("\(name).percent: '\(percent)' must be more than 0 and at most 100", at: percentNode)
            }
            if let min, let max, min > max {
                invalid("\(name): min \(min) is more than max \(max)", at: node)
            }
            return percent.map { CostRule.percent($0, min: min, max: max) }
        default:
            invalid("\(name): a cost map needs exactly one of 'fixed' or 'percent'", at: node)
            return nil
        }
    }

    /// `none`, `statutory`, or the name of a `rates` table.
    func interestRule(_ node: Node, name: String, rates: [String: RateTable]) -> InterestRule? {
        guard let text = string(node, name: name) else { return nil }
        switch text {
        case "none": return InterestRule.none
        case "statutory": return .statutory
        case _ where rates[text] != nil: return .rates(text)
        default:
            let names = rates.keys.sorted()
            let hint = Suggestion.closest(to: text, in: names + ["none", "statutory"]).map { " (did you mean '\($0)'?)" } ?? ""
            invalid("\(name): no rates table named '\(text)'\(hint); defined: "
                + (names.isEmpty ? "none" : names.joined(separator: ", ")) + " (or use 'none' or 'statutory')", at: node)
            return nil
        }
    }

    func rates(_ node: Node) -> [String: RateTable] {
        guard let entries = dictionary(node, name: "rates") else { return [:] }
        var tables: [String: RateTable] = [:]
        for (key, keyMark, value) in entries {
            guard !["none", "statutory", ""].contains(key) else {
                report(.invalidValue("rates: '\(key)' is reserved and cannot name a table"), at: keyMark)
                continue
            }
            let name = "rates.\(key)"
            guard let fields = keyed(value, .rateTable, name: name) else { continue }
            let compounding = fields.required("compounding", in: self)
                .flatMap { choice($0, name: "\(name).compounding", among: [RateTable.Compounding.simple, .yearly]) }
            guard let periodsNode = fields.required("periods", in: self),
                  let items = list(periodsNode, name: "\(name).periods") else { continue }
            if items.isEmpty { invalid("\(name).periods: a rates table needs at least one period", at: periodsNode) }
            var periods: [RatePeriod] = []
            for (index, item) in items.enumerated() {
                guard let period = keyed(item, .ratePeriod, name: "\(name).periods[\(index)]") else { continue }
                let from = period.required("from", in: self).flatMap { date($0, name: "\(name).periods[\(index)].from") }
                let rate = period.required("rate", in: self).flatMap { money($0, name: "\(name).periods[\(index)].rate") }
                guard let from, let rate else { continue }
                if let previous = periods.last {
                    if from == previous.from {
                        invalid("\(name).periods: duplicate period from \(from)", at: item)
                    } else if from < previous.from {
                        invalid("\(name).periods: periods must be sorted by 'from': \(from) comes after \(previous.from)",
                                at: item)
                    }
                }
                periods.append(RatePeriod(from: from, rate: rate))
            }
            if let compounding { tables[key] = RateTable(compounding: compounding, periods: periods) }
        }
        return tables
    }

    func limitation(_ node: Node) -> [LimitationRule] {
        guard let items = list(node, name: "limitation") else { return [] }
        var rules: [LimitationRule] = []
        for (index, item) in items.enumerated() {
            let name = "limitation[\(index)]"
            guard let fields = keyed(item, .limitation, name: name) else { continue }
            let country = fields.required("country", in: self).flatMap { countryCode($0, name: "\(name).country") }
            let kind = fields["kind"].flatMap { choice($0, name: "\(name).kind", among: CustomerKind.allCases) }
            let periodNode = fields.required("period", in: self)
            let period = periodNode.flatMap { duration($0, name: "\(name).period") }
            if let period, let periodNode, case .seconds = period {
                invalid("\(name).period: '\(period)' must be in days, months or years (5y)", at: periodNode)
            }
            let interrupted = fields["interrupted_by_reminder"].flatMap { bool($0, name: "\(name).interrupted_by_reminder") }
            let warnDays = fields["warn_days"].flatMap { integer($0, name: "\(name).warn_days") }
            guard let country, let period else { continue }
            if rules.contains(where: { $0.country == country && $0.kind == kind }) {
                invalid("\(name): a rule for \(country) \(kind?.rawValue ?? "(both kinds)") is already given", at: item)
            }
            rules.append(LimitationRule(country: country, kind: kind, period: period,
                                        interruptedByReminder: interrupted ?? false, warnDays: warnDays ?? 60))
        }
        return rules
    }

    /// `{RON: "199.00"}`: the amount `eu-flat-40` charges in a currency other than EUR.
    func flatCompensation(_ node: Node) -> [String: Decimal] {
        guard let entries = dictionary(node, name: "flat_compensation") else { return [:] }
        var amounts: [String: Decimal] = [:]
        for (code, keyMark, value) in entries {
            guard let currency = Currency(code: code) else {
                report(.invalidValue("flat_compensation: unknown currency '\(code)' (an ISO 4217 code such as RON)"),
                       at: keyMark)
                continue
            }
            guard code != "EUR" else {
                report(.invalidValue("flat_compensation: EUR is fixed at 40.00 by Directive 2011/7/EU art. 6"), at: keyMark)
                continue
            }
            amounts[code] = money(value, name: "flat_compensation.\(code)", currency: currency)
        }
        return amounts
    }

    /// An id or template KIND: lower-case letters, digits, `-` and `_`, starting with a letter or digit.
    private func identifier(_ node: Node, name: String) -> String? {
        guard let text = nonEmpty(node, name: name) else { return nil }
        let allowed = text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        guard allowed, let first = text.unicodeScalars.first, first != "-", first != "_" else {
            invalid("\(name): '\(text)' may only use a-z, 0-9, '-' and '_'", at: node)
            return nil
        }
        return text
    }
}
