import DunningCore
import DunningStore
import Foundation
import Testing

/// `policies:` with `company` on line 1, so every case's policy is on line 3 and its steps below.
private func policy(_ steps: String, rates: String = "") -> String {
    company + rates + "policies:\n  - id: p\n    steps:\n" + steps
}

@Suite struct ConfigPolicyErrorTests {
    @Test("policy steps: channels, anchors, order, ids, templates", arguments: [
        BadConfig(policy("      - {id: a, after: 14d, template: reminder, channel: fax}\n"), at: "5:58",
                  "policies[p].steps[a].channel: unknown value 'fax'; expected one of: email, task, handover"),
        BadConfig(policy("      - {id: a, after: 14d, template: reminder, channel: emial}\n"), at: "5:58",
                  "unknown value 'emial' (did you mean 'email'?)"),
        BadConfig(policy("      - {id: a, after: 14d, from: invoice, template: reminder}\n"), at: "5:35",
                  "policies[p].steps[a].from: unknown value 'invoice'"),
        BadConfig(policy("      - {id: a, after: 14d, from: previous, template: reminder}\n"), at: "5:9",
                  "the first step cannot be 'from: previous'"),
        BadConfig(policy("      - {id: a, after: 14d, template: reminder}\n      - {id: b, after: 14d, template: notice}\n"),
                  at: "6:9", "policies[p].steps[b]: steps must be in order: 'after: 14d' from due is not later than step 'a'"),
        BadConfig(policy("      - {id: a, after: 30d, template: reminder}\n      - {id: c, after: 7d, from: previous, channel: task}\n"
                         + "      - {id: b, after: 2w, template: notice}\n"), at: "7:9", "steps must be in order"),
        BadConfig(policy("      - {id: a, after: 14d, template: reminder}\n      - {id: a, after: 30d, template: notice}\n"),
                  at: "6:9", "policies[p]: duplicate step id 'a'"),
        BadConfig(policy("      - {id: confirmation, after: 14d, template: reminder}\n"), at: "5:9",
                  "policies[p]: step id 'confirmation' is reserved for the confirmations of promises and arrangements"),
        BadConfig(policy("      - {id: a, after: 14d, channel: email}\n"), at: "5:9",
                  "missing required key 'template' in policies[p].steps[a] (an email step needs one)"),
        BadConfig(policy("      - {id: a, after: 14d, template: remindr}\n"), at: "5:39",
                  "unknown template 'remindr' (did you mean 'reminder'?)"),
        BadConfig(policy("      - {id: a, after: 14d, template: zakelijk}\n"), at: "5:39",
                  "other kinds need 'templates:' pointing to a folder with nl/zakelijk.subject.mustache"),
        BadConfig(policy("      - {id: a, after: 2h, template: reminder}\n"), at: "5:24", "must be in days, weeks, months or years"),
        BadConfig(policy("      - {id: a, after: 14d, template: reminder, pay_within: 2mo}\n"), at: "5:61", "must be given in days or weeks"),
        BadConfig(policy("      - {id: A B, after: 14d, template: reminder}\n"), at: "5:14", "may only use a-z, 0-9"),
        BadConfig(policy("      - {after: 14d, template: reminder}\n"), at: "5:9", "missing required key 'id' in policies[p].steps[0]"),
        BadConfig(policy("      []\n"), at: "5:7", "a policy needs at least one step"),
        BadConfig(company + "policies:\n  - {id: p, steps: [{id: a, after: 1d, template: reminder}]}\n"
                  + "  - {id: p, steps: [{id: a, after: 1d, template: reminder}]}\n", at: "4:5", "duplicate policy id 'p'"),
        BadConfig(company + "policies:\n  - {id: alle, steps: [{id: a, after: 1d, template: reminder}]}\n"
                  + "  - {id: b2b, applies_to: {kind: business}, steps: [{id: a, after: 1d, template: reminder}]}\n", at: "4:5",
                  "policies[b2b] can never apply: policy 'alle' before it applies to everyone (first match wins)"),
        BadConfig(company + "policies:\n  - {id: p, applies_to: {kind: company}, steps: [{id: a, after: 1d, template: reminder}]}\n",
                  at: "3:32", "unknown value 'company'; expected one of: business, consumer"),
        BadConfig(company + "policies:\n  - {id: p, applies_to: {country: [NL, XX]}, steps: [{id: a, after: 1d, template: reminder}]}\n",
                  at: "3:40", "'XX' is not an ISO 3166 alpha-2 country code"),
    ])
    func steps(bad: BadConfig) { expectError(bad) }

    @Test("cost rules and interest", arguments: [
        BadConfig(policy("      - {id: a, after: 14d, template: notice, costs: wik}\n"), at: "5:54",
                  "unknown cost rule 'wik'"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, costs: eu-flat40}\n"), at: "5:54",
                  "(did you mean 'eu-flat-40'?)"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, costs: {percent: \"x\"}}\n"), at: "5:64",
                  "policies[p].steps[a].costs.percent: 'x' is not a decimal amount"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, costs: {percent: \"0\"}}\n"), at: "5:64",
                  "must be more than 0 and at most 100"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, costs: {percent: \"10\", min: \"50.00\", max: \"40.00\"}}\n"),
                  at: "5:54", "min 50 is more than max 40"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, costs: {fixed: \"25.00\", percent: \"10\"}}\n"),
                  at: "5:54", "needs exactly one of 'fixed' or 'percent'"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, costs: {fixed: \"25.00\", max: \"30.00\"}}\n"),
                  at: "5:54", "'min' and 'max' only go with 'percent'"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, costs: {fixed: 25}}\n"), at: "5:62",
                  "write amounts as quoted strings (\"25\")"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, costs: {fxed: \"1.00\"}}\n"), at: "5:55",
                  "unknown key 'fxed' in policies[p].steps[a].costs (did you mean 'fixed'?)"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, costs: [none]}\n"), at: "5:54",
                  "costs: expected a map, found a list"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, interest: nl-comercial}\n",
                         rates: "rates: {nl-commercial: {compounding: yearly, periods: [{from: 2026-01-01, rate: \"10.15\"}]}}\n"),
                  at: "6:57", "no rates table named 'nl-comercial' (did you mean 'nl-commercial'?); defined: nl-commercial"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, interest: be-commercial}\n"), at: "5:57",
                  "no rates table named 'be-commercial'; defined: none"),
        BadConfig(policy("      - {id: a, after: 14d, template: notice, costs: eu-flat-40}\n"), at: "5:54",
                  "policies[p].steps[a].costs: 'eu-flat-40' is for business debtors only (Directive 2011/7/EU), "
                  + "and this policy can apply to consumers"),
        BadConfig(company + "policies:\n  - {id: p, applies_to: {kind: consumer},\n"
                  + "     steps: [{id: a, after: 1d, template: notice, costs: eu-flat-40}]}\n", at: "4:58",
                  "'eu-flat-40' is for business debtors only"),
    ])
    func costs(bad: BadConfig) { expectError(bad) }

    @Test("rates tables and limitation rules", arguments: [
        BadConfig(company + "rates:\n  x:\n    compounding: monthly\n    periods: [{from: 2026-01-01, rate: \"4\"}]\n",
                  at: "4:18", "rates.x.compounding: unknown value 'monthly'; expected one of: simple, yearly"),
        BadConfig(company + "rates:\n  x:\n    periods: [{from: 2026-01-01, rate: \"4\"}]\n", at: "4:5",
                  "missing required key 'compounding' in rates.x"),
        BadConfig(company + "rates:\n  x:\n    compounding: simple\n    periods:\n      - {from: 2026-07-01, rate: \"4\"}\n"
                  + "      - {from: 2026-01-01, rate: \"5\"}\n", at: "7:9",
                  "periods must be sorted by 'from': 2026-01-01 comes after 2026-07-01"),
        BadConfig(company + "rates:\n  x:\n    compounding: simple\n    periods:\n      - {from: 2026-01-01, rate: \"4\"}\n"
                  + "      - {from: 2026-01-01, rate: \"5\"}\n", at: "7:9", "duplicate period from 2026-01-01"),
        BadConfig(company + "rates:\n  x:\n    compounding: simple\n    periods: [{from: 2026-01-01, rate: 4.5}]\n", at: "5:40",
                  "write amounts as quoted strings (\"4.5\")"),
        BadConfig(company + "rates:\n  x: {compounding: simple, periods: []}\n", at: "3:37", "needs at least one period"),
        BadConfig(company + "rates: {none: {compounding: simple, periods: [{from: 2026-01-01, rate: \"4\"}]}}\n", at: "2:9",
                  "'none' is reserved"),
        BadConfig(company + "limitation: [{country: NL, period: 5y, interrupted_by_reminder: maybe}]\n", at: "2:65",
                  "interrupted_by_reminder: expected true or false, found the string 'maybe'"),
        BadConfig(company + "limitation: [{country: NL, period: 2h}]\n", at: "2:36", "must be in days, months or years"),
        BadConfig(company + "limitation: [{country: RO, period: 3y}, {country: ro, period: 5y}]\n", at: "2:41",
                  "a rule for RO (both kinds) is already given"),
        BadConfig(company + "limitation: {country: NL}\n", at: "2:13", "limitation: expected a list, found a map"),
        BadConfig(company + "flat_compensation: {EUR: \"40.00\"}\n", at: "2:21", "EUR is fixed at 40.00"),
    ])
    func rates(bad: BadConfig) { expectError(bad) }

    @Test("a custom template KIND needs its three files in TEMPLATES/LANG/")
    func templateFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dunning-templates-\(UUID().uuidString)")
        defer { removeFolder(folder) }
        let nl = folder.appendingPathComponent("nl")
        try FileManager.default.createDirectory(at: nl, withIntermediateDirectories: true)
        for part in ["subject", "text", "html"] {
            try Data("x".utf8).write(to: nl.appendingPathComponent("zakelijk.\(part).mustache"))
        }
        try Data("x".utf8).write(to: nl.appendingPathComponent("laatste.subject.mustache"))
        let yaml = company + "templates: \(folder.path)\n"
            + "policies:\n  - id: p\n    steps:\n      - {id: a, after: 14d, template: zakelijk}\n"
        let config = try ConfigLoader.load(yaml: yaml, path: "/etc/dunning/dunning.yaml")
        #expect(config.policies.first?.steps.first?.template == "zakelijk")

        let missing = yaml + "      - {id: b, after: 30d, template: laatste}\n"
        let issues = configIssues(missing)
        #expect(issues == [
            "/etc/dunning/dunning.yaml:7:39: error: policies[p].steps[b].template: template 'laatste' needs the file "
                + "\(nl.path)/laatste.text.mustache, which does not exist (step at line 7)",
            "/etc/dunning/dunning.yaml:7:39: error: policies[p].steps[b].template: template 'laatste' needs the file "
                + "\(nl.path)/laatste.html.mustache, which does not exist (step at line 7)",
        ])
        #expect(configIssues(company + "templates: /nonexistent/dunning\n")
            == ["/etc/dunning/dunning.yaml:2:12: error: templates: '/nonexistent/dunning' is not a directory"])
    }
}

/// Deletes a test's temp folder; a failure is recorded, not ignored.
func removeFolder(_ url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        try FileManager.default.removeItem(at: url)
    } catch {
        Issue.record(error, "cannot remove \(url.path)", sourceLocation: sourceLocation)
    }
}
