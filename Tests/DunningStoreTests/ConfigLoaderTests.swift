import DunningCore
import DunningStore
import Foundation
import Testing

@Suite struct ConfigLoaderTests {
    @Test("only company given: every default of the model, and the built-in policy")
    func defaults() throws {
        let config = try ConfigLoader.load(yaml: company, path: "/etc/dunning/dunning.yaml")
        #expect(config.company.name == "Voorbeeld B.V.")
        #expect(config.company.locale == "nl_NL")
        #expect(config.company.timeZone.identifier == "Europe/Amsterdam")
        #expect(config.company.country == "NL")
        #expect(config.company.language == "nl")
        #expect(config.ledger == "/var/lib/dunning/ledger.jsonl")
        #expect(config.templates == nil)
        #expect(config.delivery.transport == .outbox)
        #expect(config.schedule.sendWindow == SendWindow(start: 540, end: 1020))
        #expect(config.schedule.businessDays == [.mon, .tue, .wed, .thu, .fri])
        #expect(config.verification.mode == .enforce)
        #expect(config.digest == nil)
        #expect(config.policies.isEmpty)
        #expect(config.effectivePolicies == [Policy.builtInDefault])
        let empty = try ConfigLoader.load(yaml: company + "policies: []\nrates: {}\n", path: "/etc/dunning/dunning.yaml")
        #expect(empty.effectivePolicies == [Policy.builtInDefault])
    }

    @Test("relative paths resolve against the config file's folder; credentials stay as written")
    func relativePaths() throws {
        let yaml = company + """
            ledger: data/ledger.jsonl
            delivery:
              outbox: ../spool/./outbox
              smtp: {url: "smtps://mail.example.nl", ca_file: ca.pem, password_file: smtp-password}
            bounces: {maildir: /var/mail/bounces, imap_password_file: imap-password}

            """
        let config = try ConfigLoader.load(yaml: yaml, path: "/srv/dunning/etc/dunning.yaml")
        #expect(config.ledger == "/srv/dunning/etc/data/ledger.jsonl")
        #expect(config.delivery.outbox == "/srv/dunning/spool/outbox")
        #expect(config.delivery.smtp?.caFile == "/srv/dunning/etc/ca.pem")
        #expect(config.delivery.smtp?.passwordFile == "smtp-password")
        #expect(config.delivery.smtp?.tls == .implicit)
        #expect(config.bounces.maildir == "/var/mail/bounces")
        #expect(config.bounces.imapPasswordFile == "imap-password")

        let relative = try ConfigLoader.load(yaml: yaml, path: "config/dunning.yaml")
        let cwd = FileManager.default.currentDirectoryPath
        #expect(relative.ledger == URL(fileURLWithPath: cwd).appendingPathComponent("config/data/ledger.jsonl").path)
    }

    @Test("the config path: $DUNNING_CONFIG, else /etc/dunning/dunning.yaml")
    func defaultPath() {
        #expect(ConfigLoader.defaultPath(environment: [:]) == "/etc/dunning/dunning.yaml")
        #expect(ConfigLoader.defaultPath(environment: ["DUNNING_CONFIG": ""]) == "/etc/dunning/dunning.yaml")
        #expect(ConfigLoader.defaultPath(environment: ["DUNNING_CONFIG": "/tmp/d.yaml"]) == "/tmp/d.yaml")
    }

    @Test("a file is read from disk; a missing one is an error at 1:1")
    func files() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dunning-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { removeFolder(folder) }
        let file = folder.appendingPathComponent("dunning.yaml")
        try Data((company + "ledger: ledger.jsonl\n").utf8).write(to: file)
        let config = try ConfigLoader.load(path: file.path)
        #expect(config.ledger == folder.appendingPathComponent("ledger.jsonl").path)

        let missing = folder.appendingPathComponent("missing.yaml").path
        #expect(throws: ConfigError.unreadable(path: missing, reason: "no such file")) {
            try ConfigLoader.load(path: missing)
        }
        #expect(ConfigError.unreadable(path: missing, reason: "no such file").description
            == "\(missing):1:1: error: cannot read the config file: no such file")

        try Data([0x63, 0x6F, 0xFF, 0x0A]).write(to: file)
        #expect(throws: ConfigError.unreadable(path: file.path, reason: "the file is not UTF-8 text")) {
            try ConfigLoader.load(path: file.path)
        }
    }

    @Test("several problems are reported together, in file order")
    func collects() {
        let yaml = company + "schedule: {send_window: \"17:00-09:00\", holidays: [2026-02-30]}\npolcies: []\nretry: {first: 14x}\n"
        #expect(configIssues(yaml) == [
            "/etc/dunning/dunning.yaml:2:25: error: schedule.send_window: '17:00-09:00' ends before it starts "
                + "(a window within one day: \"09:00-17:00\")",
            "/etc/dunning/dunning.yaml:2:51: error: schedule.holidays: '2026-02-30' is not a day on the calendar",
            "/etc/dunning/dunning.yaml:3:1: error: unknown key 'polcies' in the top level (did you mean 'policies'?)",
            "/etc/dunning/dunning.yaml:4:16: error: retry.first: '14x' is not a duration (expected a whole number "
                + "and a unit: 30s, 5m, 2h, 14d, 2w, 1mo, 5y)",
        ])
    }

    @Test("policies: applies_to forms, merge keys, costs, interest and step fields reach the model")
    func policies() throws {
        let yaml = company + """
            rates:
              nl-commercial: {compounding: yearly, periods: [{from: 2025-01-01, rate: "11.15"}, {from: 2025-07-01, rate: "10.15"}]}
            policies:
              - id: noorwegen
                applies_to: {country: NO, customers: 1001}
                steps: [{id: a, after: 1mo, template: reminder}]
              - id: zakelijk
                applies_to: {kind: business, country: [nl, BE]}
                grace: 2w
                minimum: "10.00"
                steps:
                  - &step {id: herinnering, after: 14d, template: reminder, pay_within: 7d}
                  - {<<: *step, id: aanmaning, after: 30d, template: notice, costs: {percent: "10", min: "40.00"},
                     interest: nl-commercial}
                  - {id: bellen, after: 7d, from: previous, channel: task, costs: statutory, interest: statutory}
                  - {id: incasso, after: 14d, from: previous, channel: handover, costs: {fixed: "25.00"}, interest: none}

            """
        let config = try ConfigLoader.load(yaml: yaml, path: "/etc/dunning/dunning.yaml")
        #expect(config.policies.map(\.appliesTo) == [
            PolicyMatch(countries: ["NO"], customers: ["1001"]),
            PolicyMatch(kind: .business, countries: ["NL", "BE"]),
        ])
        let policy = try #require(config.policies.last)
        #expect(policy.grace == 14)
        #expect(policy.minimum == Decimal(10))
        #expect(policy.steps == [
            PolicyStep(id: "herinnering", after: .days(14), template: "reminder", payWithin: 7),
            PolicyStep(id: "aanmaning", after: .days(30), template: "notice", costs: .percent(10, min: 40, max: nil),
                       interest: .rates("nl-commercial"), payWithin: 7),
            PolicyStep(id: "bellen", after: .days(7), from: .previous, channel: .task, costs: .statutory, interest: .statutory),
            PolicyStep(id: "incasso", after: .days(14), from: .previous, channel: .handover, costs: .fixed(25), interest: InterestRule.none),
        ])
        #expect(config.rates["nl-commercial"] == RateTable(compounding: .yearly, periods: [
            RatePeriod(from: try CalendarDate.parse("2025-01-01"), rate: try Money.parse("11.15")),
            RatePeriod(from: try CalendarDate.parse("2025-07-01"), rate: try Money.parse("10.15")),
        ]))
    }

    @Test("schedule, verification, digest, limitation and flat compensation reach the model")
    func sections() throws {
        let yaml = company + """
            schedule: {check_interval: 1m, send_window: "08:30-24:00", business_days: [mon, sat], holidays: [2026-12-25]}
            verification: {mode: off, allow_unverified: yes, resolvers: ["127.0.0.1:5353", "[::1]:53"], max_age: 2w,
                           timeout: 300s, tries: 4, cache_time: 10m, smtputf8: true, soft_bounces: 2, soft_bounce_window: 1w,
                           typo_domains: [firma.nl, Bedrijf.BE]}
            digest: {to: boekhouding@voorbeeld.nl, at: "07:45"}
            retry: {first: 30s, max: 2h, give_up: 1w}
            limitation: [{country: ro, period: 3y}, {country: NL, kind: consumer, period: 2y, interrupted_by_reminder: true, warn_days: 90}]
            flat_compensation: {RON: "199.00"}

            """
        let config = try ConfigLoader.load(yaml: yaml, path: "/etc/dunning/dunning.yaml")
        #expect(config.schedule.checkInterval == .seconds(60))
        #expect(config.schedule.sendWindow == SendWindow(start: 510, end: 1440))
        #expect(config.schedule.businessDays == [.mon, .sat])
        #expect(config.schedule.holidays == [try CalendarDate.parse("2026-12-25")])
        #expect(config.verification.mode == .off)
        #expect(config.verification.allowUnverified)
        #expect(config.verification.resolvers == ["127.0.0.1:5353", "[::1]:53"])
        #expect(config.verification.maxAge == .days(14))
        #expect(config.verification.timeout == .seconds(300) && config.verification.tries == 4)
        #expect(config.verification.cacheTime == .seconds(600) && config.verification.smtputf8)
        #expect(config.verification.softBounces == 2 && config.verification.softBounceWindow == .days(7))
        #expect(config.verification.typoDomains == ["firma.nl", "Bedrijf.BE"])
        #expect(config.digest?.to == "boekhouding@voorbeeld.nl")
        #expect(config.digest?.at == 465)
        #expect(config.retry.first == .seconds(30))
        #expect(config.retry.giveUp == .days(7))
        #expect(config.limitation == [
            LimitationRule(country: "RO", period: .months(36), interruptedByReminder: false),
            LimitationRule(country: "NL", kind: .consumer, period: .months(24), interruptedByReminder: true, warnDays: 90),
        ])
        #expect(config.flatCompensation == ["RON": Decimal(199)])
    }
}
