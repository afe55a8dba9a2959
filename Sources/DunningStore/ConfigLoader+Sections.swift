import DunningCore
import Foundation
import Yams

/// `company`, `delivery`, `retry`, `schedule`, `verification`, `bounces`, `digest`.
extension ConfigReader {
    /// Languages of the template set compiled into the binary.
    static let builtInLanguages = ["nl", "ro", "en"]

    /// The company; with `builtInTemplates`, its language must be one the binary has templates for.
    func company(_ node: Node, builtInTemplates: Bool) -> Company? {
        guard let fields = keyed(node, .company, name: "company") else { return nil }
        let name = fields.required("name", in: self).flatMap { nonEmpty($0, name: "company.name") }
        let from = fields.required("from", in: self).flatMap { address($0, name: "company.from") }
        let replyTo = fields["reply_to"].flatMap { address($0, name: "company.reply_to") }
        let iban = fields["iban"].flatMap { ibanValue($0) }
        let locale = fields["locale"].flatMap { localeValue($0) } ?? "nl_NL"
        let zone: TimeZone?
        if let node = fields["time_zone"] {
            zone = timeZoneValue(node)
        } else {
            zone = TimeZone(identifier: "Europe/Amsterdam")
            if zone == nil { invalid("company.time_zone: the default Europe/Amsterdam is not known here (install tzdata)", at: node) }
        }
        let country = fields["country"].flatMap { countryCode($0, name: "company.country") }
        let language = fields["language"].flatMap { languageValue($0) }
        guard let name, let from, let zone else { return nil }
        var company = Company(name: name, from: from, replyTo: replyTo, iban: iban, locale: locale, timeZone: zone,
                              country: country, language: language)
        company.address = fields["address"].flatMap { line($0, name: "company.address") }
        company.phone = fields["phone"].flatMap { line($0, name: "company.phone") }
        company.registration = fields["registration"].flatMap { line($0, name: "company.registration") }
        company.vat = fields["vat"].flatMap { line($0, name: "company.vat") }
        if builtInTemplates, !Self.builtInLanguages.contains(company.language) {
            invalid("company.language '\(company.language)' has no built-in templates "
                + "(\(Self.builtInLanguages.joined(separator: ", "))): set 'templates' to a folder with "
                + "\(company.language)/ templates", at: fields["language"] ?? fields["locale"] ?? node)
        }
        return company
    }

    func delivery(_ node: Node, base: String) -> Delivery {
        var delivery = Delivery()
        guard let fields = keyed(node, .delivery, name: "delivery") else { return delivery }
        if let node = fields["transport"], let value = choice(node, name: "delivery.transport", among: [Delivery.Transport.outbox, .smtp]) {
            delivery.transport = value
        }
        if let node = fields["outbox"], let path = nonEmpty(node, name: "delivery.outbox") {
            delivery.outbox = ConfigLoader.resolve(path, against: base)
        }
        if let node = fields["smtp"] { delivery.smtp = smtp(node, base: base) }
        if delivery.transport == .smtp, fields["smtp"] == nil {
            report(.missingKey("smtp", section: "delivery (needed by transport: smtp)"), at: fields.mark)
        }
        return delivery
    }

    private func smtp(_ node: Node, base: String) -> SMTPSettings? {
        guard let fields = keyed(node, .smtp, name: "delivery.smtp"),
              let urlNode = fields.required("url", in: self), let url = nonEmpty(urlNode, name: "delivery.smtp.url")
        else { return nil }
        let components = URLComponents(string: url)
        if components?.password != nil {
            report(.inlineSecret(key: "delivery.smtp.url", use: "password_file"), at: urlNode.mark)
        } else if !["smtp", "smtps"].contains(components?.scheme ?? "") || (components?.host ?? "").isEmpty {
            invalid("delivery.smtp.url: '\(url)' is not an smtp:// or smtps:// URL", at: urlNode)
        }
        var settings = SMTPSettings(url: url, tls: components?.scheme == "smtps" ? .implicit : .starttls)
        if let node = fields["tls"], let value = choice(node, name: "delivery.smtp.tls", among: [SMTPSettings.TLS.starttls, .implicit, .none]) {
            settings.tls = value
        }
        if let node = fields["ca_file"], let path = nonEmpty(node, name: "delivery.smtp.ca_file") {
            settings.caFile = ConfigLoader.resolve(path, against: base)
        }
        settings.username = fields["username"].flatMap { nonEmpty($0, name: "delivery.smtp.username") }
        settings.passwordFile = fields["password_file"].flatMap { nonEmpty($0, name: "delivery.smtp.password_file") }
        settings.envelopeFrom = fields["envelope_from"].flatMap { address($0, name: "delivery.smtp.envelope_from") }
        if let node = fields["timeout"], let value = clockDuration(node, name: "delivery.smtp.timeout") {
            settings.timeout = value
        }
        return settings
    }

    func retry(_ node: Node) -> Retry {
        var retry = Retry()
        guard let fields = keyed(node, .retry, name: "retry") else { return retry }
        if let node = fields["first"], let value = clockDuration(node, name: "retry.first") { retry.first = value }
        if let node = fields["max"], let value = clockDuration(node, name: "retry.max") { retry.max = value }
        if let node = fields["give_up"], let value = duration(node, name: "retry.give_up") { retry.giveUp = value }
        if retry.first.approximateSeconds > retry.max.approximateSeconds {
            invalid("retry.first (\(retry.first)) must not be longer than retry.max (\(retry.max))", at: node)
        }
        return retry
    }

    func schedule(_ node: Node) -> Schedule {
        var schedule = Schedule()
        guard let fields = keyed(node, .schedule, name: "schedule") else { return schedule }
        if let node = fields["check_interval"], let value = clockDuration(node, name: "schedule.check_interval") {
            schedule.checkInterval = value
        }
        if let node = fields["send_window"], let value = sendWindow(node) { schedule.sendWindow = value }
        if let node = fields["business_days"], let names = stringList(node, name: "schedule.business_days") {
            var days: Set<Weekday> = []
            for (index, name) in names.enumerated() {
                guard let day = Weekday(rawValue: name.lowercased()) else {
                    let hint = Suggestion.closest(to: name, in: Weekday.allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" }
                    invalid("schedule.business_days: unknown day '\(name)'\(hint ?? ""); expected mon, tue, wed, thu, fri, sat, sun",
                            at: Self.item(node, index))
                    continue
                }
                days.insert(day)
            }
            if names.isEmpty {
                invalid("schedule.business_days must name at least one day", at: node)
            }
            schedule.businessDays = days
        }
        if let node = fields["holidays"], let items = list(node, name: "schedule.holidays") {
            schedule.holidays = Set(items.compactMap { date($0, name: "schedule.holidays") })
        }
        return schedule
    }

    func verification(_ node: Node) -> Verification {
        var verification = Verification()
        guard let fields = keyed(node, .verification, name: "verification") else { return verification }
        if let node = fields["mode"], let value = choice(node, name: "verification.mode", among: [Verification.Mode.enforce, .advisory, .off]) {
            verification.mode = value
        }
        if let node = fields["allow_unverified"], let value = bool(node, name: "verification.allow_unverified") {
            verification.allowUnverified = value
        }
        if let node = fields["resolvers"], let values = stringList(node, name: "verification.resolvers") {
            for (index, value) in values.enumerated() where !Self.isHostPort(value) {
                invalid("verification.resolvers: '\(value)' is not HOST:PORT (\"127.0.0.1:53\", \"[::1]:53\")",
                        at: Self.item(node, index))
            }
            verification.resolvers = values
        }
        // Each key parsed by its reader into the field of the same meaning.
        func read<Value>(_ key: String, into field: WritableKeyPath<Verification, Value>, _ parse: (Node, String) -> Value?) {
            if let node = fields[key], let value = parse(node, "verification.\(key)") { verification[keyPath: field] = value }
        }
        read("max_age", into: \.maxAge, duration)
        read("timeout", into: \.timeout, duration)
        read("cache_time", into: \.cacheTime, duration)
        read("soft_bounce_window", into: \.softBounceWindow, duration)
        read("smtputf8", into: \.smtputf8, bool)
        read("tries", into: \.tries) { integer($0, name: $1, minimum: 1) }
        read("soft_bounces", into: \.softBounces) { integer($0, name: $1, minimum: 1) }
        if let node = fields["typo_domains"], let values = stringList(node, name: "verification.typo_domains") {
            for (index, value) in values.enumerated() {
                if case .failure(let problem) = EmailSyntax.check("x@" + value, knownDomains: []) {
                    invalid("verification.typo_domains: '\(value)' is not a mail domain (\(problem))", at: Self.item(node, index))
                }
            }
            verification.typoDomains = values
        }
        return verification
    }

    func bounces(_ node: Node, base: String) -> BounceSettings {
        var bounces = BounceSettings()
        guard let fields = keyed(node, .bounces, name: "bounces") else { return bounces }
        if let node = fields["maildir"], let path = nonEmpty(node, name: "bounces.maildir") {
            bounces.maildir = ConfigLoader.resolve(path, against: base)
        }
        if let node = fields["imap"], let url = nonEmpty(node, name: "bounces.imap") {
            let components = URLComponents(string: url)
            if components?.password != nil {
                report(.inlineSecret(key: "bounces.imap", use: "imap_password_file"), at: node.mark)
            } else if !["imap", "imaps"].contains(components?.scheme ?? "") {
                invalid("bounces.imap: '\(url)' is not an imap:// or imaps:// URL", at: node)
            }
            bounces.imap = url
            bounces.imapTLS = components?.scheme == "imaps" ? .implicit : .starttls
        }
        if let node = fields["imap_tls"], let value = choice(node, name: "bounces.imap_tls", among: [SMTPSettings.TLS.starttls, .implicit, .none]) {
            bounces.imapTLS = value
        }
        if let node = fields["imap_ca_file"], let path = nonEmpty(node, name: "bounces.imap_ca_file") {
            bounces.imapCAFile = ConfigLoader.resolve(path, against: base)
        }
        bounces.imapUser = fields["imap_user"].flatMap { nonEmpty($0, name: "bounces.imap_user") }
        bounces.imapPasswordFile = fields["imap_password_file"].flatMap { nonEmpty($0, name: "bounces.imap_password_file") }
        return bounces
    }

    func digest(_ node: Node) -> Digest? {
        guard let fields = keyed(node, .digest, name: "digest"),
              let to = fields.required("to", in: self).flatMap({ address($0, name: "digest.to") }) else { return nil }
        var digest = Digest(to: to)
        if let node = fields["at"], let minutes = clockTime(node, name: "digest.at") { digest.at = minutes }
        return digest
    }

    // MARK: Values

    /// `HH:MM-HH:MM`, start before end; `24:00` may end the window.
    private func sendWindow(_ node: Node) -> SendWindow? {
        guard let text = string(node, name: "schedule.send_window") else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1], allowMidnight: true)
        else {
            invalid("schedule.send_window: '\(text)' is not a window HH:MM-HH:MM (\"09:00-17:00\")", at: node)
            return nil
        }
        guard start < end else {
            invalid("schedule.send_window: '\(text)' ends before it starts (a window within one day: \"09:00-17:00\")", at: node)
            return nil
        }
        return SendWindow(start: start, end: end)
    }

    /// `HH:MM` as minutes after midnight.
    private func clockTime(_ node: Node, name: String) -> Int? {
        guard let text = string(node, name: name) else { return nil }
        guard let minutes = Self.minutes(text) else {
            invalid("\(name): '\(text)' is not a time of day HH:MM (\"08:00\")", at: node)
            return nil
        }
        return minutes
    }

    /// A duration in seconds, minutes or hours (a clock interval, not a calendar one).
    private func clockDuration(_ node: Node, name: String) -> ConfigDuration? {
        guard let value = duration(node, name: name) else { return nil }
        guard case .seconds(let seconds) = value, seconds > 0 else {
            invalid("\(name): '\(value)' must be a positive number of seconds, minutes or hours (30s, 5m, 2h)", at: node)
            return nil
        }
        return value
    }

    /// Minutes after midnight for `HH:MM` (hours 00–23, or `24:00` when allowed).
    static func minutes(_ text: String, allowMidnight: Bool = false) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), minutes < 60 else { return nil }
        if hours == 24, minutes == 0, allowMidnight { return 24 * 60 }
        return hours < 24 ? hours * 60 + minutes : nil
    }

    /// An email address `local@domain`: one `@`, no spaces (deeper checks are the verifier's).
    private func address(_ node: Node, name: String) -> String? {
        guard let text = nonEmpty(node, name: name) else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !text.contains(where: \.isWhitespace) else {
            invalid("\(name): '\(text)' is not an email address (name@example.nl)", at: node)
            return nil
        }
        return text
    }

    /// An IBAN with a valid ISO 13616 check (mod 97 = 1); spaces are removed.
    private func ibanValue(_ node: Node) -> String? {
        guard let text = nonEmpty(node, name: "company.iban") else { return nil }
        let compact = text.filter { $0 != " " }.uppercased()
        var remainder = 0
        var valid = (15...34).contains(compact.count) && compact.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        for character in (compact.dropFirst(4) + compact.prefix(4)) where valid {
            guard let value = character.isNumber ? character.wholeNumberValue
                    : character.asciiValue.map({ Int($0) - 55 }) else { valid = false; break }
            remainder = (value >= 10 ? remainder * 100 + value : remainder * 10 + value) % 97
        }
        guard valid, remainder == 1 else {
            invalid("company.iban: '\(text)' is not a valid IBAN (its check digits do not match)", at: node)
            return nil
        }
        return compact
    }

    private func localeValue(_ node: Node) -> String? {
        guard let text = string(node, name: "company.locale") else { return nil }
        let identifier = text.replacingOccurrences(of: "-", with: "_")
        let known = Locale.availableIdentifiers
        guard known.contains(identifier) else {
            let hint = Suggestion.closest(to: identifier, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            invalid("company.locale: unknown locale '\(text)'\(hint); expected an ICU locale such as nl_NL", at: node)
            return nil
        }
        return identifier
    }

    private func timeZoneValue(_ node: Node) -> TimeZone? {
        guard let text = string(node, name: "company.time_zone") else { return nil }
        let known = TimeZone.knownTimeZoneIdentifiers
        guard known.contains(text) || text == "UTC", let zone = TimeZone(identifier: text) else {
            let hint = Suggestion.closest(to: text, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            invalid("company.time_zone: unknown time zone '\(text)'\(hint); expected an IANA name such as Europe/Amsterdam",
                    at: node)
            return nil
        }
        return zone
    }

    /// An ISO 3166 alpha-2 code, upper-cased.
    func countryCode(_ node: Node, name: String) -> String? {
        guard let text = string(node, name: name) else { return nil }
        return countryCode(text, name: name, at: node)
    }

    func countryCode(_ text: String, name: String, at node: Node) -> String? {
        let code = text.uppercased()
        guard ISOCodes.isCountry(code) else {
            invalid("\(name): '\(text)' is not an ISO 3166 alpha-2 country code (NL, BE, RO)", at: node)
            return nil
        }
        return code
    }

    private func languageValue(_ node: Node) -> String? {
        guard let text = string(node, name: "company.language") else { return nil }
        let code = text.lowercased()
        guard ISOCodes.isLanguage(code) else {
            invalid("company.language: '\(text)' is not an ISO 639 language code (nl, ro, en)", at: node)
            return nil
        }
        return code
    }

    private static func isHostPort(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (1...65535).contains(port) else { return false }
        return colon > text.startIndex
    }

    /// The `index`th item of a list node (for positions), or the node itself.
    static func item(_ node: Node, _ index: Int) -> Node {
        if case .sequence(let sequence) = node, index < sequence.count { return sequence[index] }
        return node
    }
}
