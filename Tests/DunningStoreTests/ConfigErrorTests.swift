import DunningCore
import DunningStore
import Testing

/// A bad config, where its (first) error must be reported, and a fragment of the message.
struct BadConfig: Sendable, CustomTestStringConvertible {
    var yaml: String
    /// `LINE:COL`.
    var at: String
    var message: String
    var testDescription: String { message }

    init(_ yaml: String, at: String, _ message: String) {
        self.yaml = yaml
        self.at = at
        self.message = message
    }
}

/// Every problem of `yaml` as printed, loaded as `/etc/dunning/dunning.yaml`.
func configIssues(_ yaml: String) -> [String] {
    do {
        _ = try ConfigLoader.load(yaml: yaml, path: "/etc/dunning/dunning.yaml")
        return []
    } catch {
        return error.issues.map(\.description)
    }
}

func expectError(_ bad: BadConfig, sourceLocation: SourceLocation = #_sourceLocation) {
    let issues = configIssues(bad.yaml)
    let prefix = "/etc/dunning/dunning.yaml:\(bad.at): error: "
    #expect(issues.contains { $0.hasPrefix(prefix) && $0.contains(bad.message) },
            "expected \(prefix)…\(bad.message)… in \(issues)", sourceLocation: sourceLocation)
}

let company = "company: {name: Voorbeeld B.V., from: debiteuren@voorbeeld.nl}\n"

@Suite struct ConfigErrorTests {
    @Test("YAML syntax errors point where libyaml stopped", arguments: [
        BadConfig("company: {name: X, from: a@b.nl\nledger: x\n", at: "2:7", "invalid YAML: did not find expected ',' or '}'"),
        BadConfig(company + "ledger: [a\n", at: "3:1", "invalid YAML"),
        BadConfig(company + "  bad indent: 1\n", at: "2:3", "invalid YAML: did not find expected key"),
        BadConfig(company + "ledger: *nothing\n", at: "2:9", "undefined alias"),
        BadConfig(company + "ledger: a\nledger: b\n", at: "2:1", "key 'ledger' appears more than once"),
        BadConfig(company + "---\nledger: b\n", at: "2:1", "invalid YAML: but found another document"),
        BadConfig(company + "ledger: ab\u{7}c\n", at: "2:11", "invalid YAML: control characters are not allowed"),
        BadConfig("company:\n\tname: X\n", at: "2:1", "invalid YAML: found character that cannot start any token"),
        BadConfig("company:\n  name: X\n  from: a@b.nl\n  name: Y\n", at: "2:3", "key 'name' appears more than once"),
    ])
    func syntax(bad: BadConfig) { expectError(bad) }

    @Test("a value of the wrong shape names the key and what was found", arguments: [
        BadConfig("company: [a, b]\n", at: "1:10", "company: expected a map, found a list"),
        BadConfig("- a\n", at: "1:1", "the config file: expected a map, found a list"),
        BadConfig(company + "verification: {allow_unverified: abc}\n", at: "2:34",
                  "verification.allow_unverified: expected true or false, found the string 'abc'"),
        BadConfig(company + "schedule:\n  business_days: 5\n", at: "3:18",
                  "schedule.business_days: expected a list, found the number 5"),
        BadConfig(company + "verification:\n  resolvers: [[a]]\n", at: "3:15", "expected a list of strings, found a list"),
        BadConfig(company + "ledger: {a: b}\n", at: "2:9", "ledger: expected a string, found a map"),
        BadConfig(company + "limitation: [{country: NL, period: 5y, warn_days: soon}]\n", at: "2:51",
                  "warn_days: expected a whole number of at least 0"),
        BadConfig("", at: "1:1", "the config file is empty"),
    ])
    func types(bad: BadConfig) { expectError(bad) }

    @Test("unknown keys at every level, with a suggestion", arguments: [
        BadConfig(company + "polcies: []\n", at: "2:1", "unknown key 'polcies' in the top level (did you mean 'policies'?)"),
        BadConfig(company + "schedule: {send_windw: \"09:00-17:00\"}\n", at: "2:12",
                  "unknown key 'send_windw' in schedule (did you mean 'send_window'?)"),
        BadConfig("company: {name: X, from: a@b.nl, tz: UTC}\n", at: "1:34", "unknown key 'tz' in company"),
        BadConfig(company + "delivery: {smtp: {url: \"smtp://h:25\", timout: 5s}}\n", at: "2:39",
                  "unknown key 'timout' in delivery.smtp (did you mean 'timeout'?)"),
        BadConfig(company + "policies: [{id: p, stepz: []}]\n", at: "2:20", "unknown key 'stepz' in policies[0] (did you mean 'steps'?)"),
        BadConfig(company + "policies: [{id: p, steps: [{id: a, after: 1d, template: reminder, chanel: email}]}]\n",
                  at: "2:67", "unknown key 'chanel' in policies[p].steps[0] (did you mean 'channel'?)"),
        BadConfig(company + "policies: [{id: p, applies_to: {kinds: business}, steps: [{id: a, after: 1d, template: reminder}]}]\n",
                  at: "2:33", "unknown key 'kinds' in policies[p].applies_to (did you mean 'kind'?)"),
        BadConfig(company + "rates: {x: {compounding: simple, periods: [{from: 2026-01-01, rates: \"4\"}]}}\n",
                  at: "2:63", "unknown key 'rates' in rates.x.periods[0] (did you mean 'rate'?)"),
        BadConfig(company + "limitation: [{country: NL, perod: 5y}]\n", at: "2:28", "(did you mean 'period'?)"),
    ])
    func unknownKeys(bad: BadConfig) { expectError(bad) }

    @Test("missing required keys are reported at the map", arguments: [
        BadConfig("company: {name: X}\n", at: "1:10", "missing required key 'from' in company"),
        BadConfig("company:\n  from: a@b.nl\n", at: "2:3", "missing required key 'name' in company"),
        BadConfig("ledger: x\n", at: "1:1", "missing required key 'company' in the top level"),
        BadConfig(company + "digest: {at: \"08:00\"}\n", at: "2:9", "missing required key 'to' in digest"),
        BadConfig(company + "delivery: {transport: smtp}\n", at: "2:11", "missing required key 'smtp'"),
    ])
    func missing(bad: BadConfig) { expectError(bad) }

    @Test("durations are a whole number and a unit", arguments: [
        BadConfig(company + "retry: {first: 14x}\n", at: "2:16", "retry.first: '14x' is not a duration"),
        BadConfig(company + "retry: {give_up: d14}\n", at: "2:18", "'d14' is not a duration"),
        BadConfig(company + "retry: {give_up: ''}\n", at: "2:18", "'' is not a duration"),
        BadConfig(company + "retry: {give_up: -3d}\n", at: "2:18", "'-3d' is not a duration"),
        BadConfig(company + "verification: {max_age: 30}\n", at: "2:25", "'30' is not a duration"),
        BadConfig(company + "verification: {cache_time: soon}\n", at: "2:28", "'soon' is not a duration"),
        BadConfig(company + "schedule: {check_interval: 2d}\n", at: "2:28", "must be a positive number of seconds"),
    ])
    func durations(bad: BadConfig) { expectError(bad) }

    @Test("verification: typo domains must be mail domains, tries at least 1", arguments: [
        BadConfig(company + "verification: {typo_domains: [gmail.com, 'gm ail.com']}\n", at: "2:42",
                  "verification.typo_domains: 'gm ail.com' is not a mail domain (' ' is not allowed in a domain)"),
        BadConfig(company + "verification: {typo_domains: [localhost]}\n", at: "2:31",
                  "verification.typo_domains: 'localhost' is not a mail domain"),
        BadConfig(company + "verification: {tries: 0}\n", at: "2:23", "verification.tries"),
    ])
    func verificationValues(bad: BadConfig) { expectError(bad) }

    @Test("time zones, locales, countries, languages and currencies must exist", arguments: [
        BadConfig("company: {name: X, from: a@b.nl, time_zone: Europe/Amsterdan}\n", at: "1:45",
                  "unknown time zone 'Europe/Amsterdan' (did you mean 'Europe/Amsterdam'?)"),
        BadConfig("company: {name: X, from: a@b.nl, locale: xx_YY}\n", at: "1:42", "unknown locale 'xx_YY'"),
        BadConfig("company: {name: X, from: a@b.nl, country: NLD}\n", at: "1:43", "not an ISO 3166 alpha-2"),
        BadConfig("company: {name: X, from: a@b.nl, language: qq}\n", at: "1:44", "not an ISO 639 language code"),
        BadConfig("company: {name: X, from: a@b.nl, language: de}\n", at: "1:44", "has no built-in templates"),
        BadConfig("company: {name: X, from: not-an-address}\n", at: "1:26", "is not an email address"),
        // Columns count characters as editors do, not UTF-8 bytes.
        BadConfig("company: {name: Ţară Exemplu SRL, from: ţară}\n", at: "1:41", "'ţară' is not an email address"),
        BadConfig("company: {name: X, from: a@b.nl, iban: NL91ABNA0417164301}\n", at: "1:40", "is not a valid IBAN"),
        BadConfig(company + "flat_compensation: {XYZ: \"10.00\"}\n", at: "2:21", "unknown currency 'XYZ'"),
        BadConfig(company + "flat_compensation: {RON: \"19.999\"}\n", at: "2:26", "more than 2 decimals"),
        BadConfig(company + "flat_compensation: {RON: 199.5}\n", at: "2:26", "write amounts as quoted strings (\"199.5\")"),
        BadConfig(company + "policies: [{id: p, minimum: 10.5, steps: [{id: a, after: 1d, template: reminder}]}]\n",
                  at: "2:29", "policies[p].minimum: write amounts as quoted strings"),
    ])
    func identifiers(bad: BadConfig) { expectError(bad) }

    @Test("send windows, business days and holidays", arguments: [
        BadConfig(company + "schedule: {send_window: \"17:00-09:00\"}\n", at: "2:25", "ends before it starts"),
        BadConfig(company + "schedule: {send_window: 9-17}\n", at: "2:25", "is not a window HH:MM-HH:MM"),
        BadConfig(company + "schedule: {send_window: \"09:00-25:00\"}\n", at: "2:25", "is not a window HH:MM-HH:MM"),
        BadConfig(company + "digest: {to: a@b.nl, at: \"25:00\"}\n", at: "2:26", "is not a time of day"),
        BadConfig(company + "schedule: {business_days: [mon, tue, wedn]}\n", at: "2:38", "unknown day 'wedn' (did you mean 'wed'?)"),
        BadConfig(company + "schedule: {holidays: [2026-12-25, 2026-02-30]}\n", at: "2:35", "'2026-02-30' is not a day on the calendar"),
        BadConfig(company + "schedule: {holidays: [25-12-2026]}\n", at: "2:23", "is not a date"),
    ])
    func schedule(bad: BadConfig) { expectError(bad) }

    @Test("secrets are refused inline", arguments: [
        BadConfig(company + "delivery: {smtp: {url: \"smtp://h:25\", password: hunter2}}\n", at: "2:39",
                  "secrets are never written in the config: remove 'password' and use 'password_file'"),
        BadConfig(company + "bounces: {imap_password: x}\n", at: "2:11", "use 'bounces.imap_password_file'"),
        BadConfig(company + "delivery: {smtp: {url: \"smtp://u:hunter2@h:25\"}}\n", at: "2:24", "$CREDENTIALS_DIRECTORY"),
    ])
    func secrets(bad: BadConfig) { expectError(bad) }

    @Test("delivery, bounces and resolver addresses", arguments: [
        BadConfig(company + "delivery: {transport: pigeon}\n", at: "2:23", "unknown value 'pigeon'; expected one of: outbox, smtp"),
        BadConfig(company + "delivery: {smtp: {url: \"http://mail.example.nl\"}}\n", at: "2:24", "is not an smtp:// or smtps:// URL"),
        BadConfig(company + "delivery: {smtp: {url: \"smtp://h:25\", tls: ssl}}\n", at: "2:44",
                  "unknown value 'ssl'; expected one of: starttls, implicit, none"),
        BadConfig(company + "bounces: {imap: \"imaps://u:pw@imap.example.nl/INBOX\"}\n", at: "2:17",
                  "remove 'bounces.imap' and use 'imap_password_file'"),
        BadConfig(company + "verification: {resolvers: [\"127.0.0.1\"]}\n", at: "2:28", "'127.0.0.1' is not HOST:PORT"),
        BadConfig(company + "verification: {mode: strict}\n", at: "2:22", "expected one of: enforce, advisory, off"),
        BadConfig(company + "retry: {first: 2h, max: 1h}\n", at: "2:8", "retry.first (2h) must not be longer than retry.max (1h)"),
    ])
    func delivery(bad: BadConfig) { expectError(bad) }
}
