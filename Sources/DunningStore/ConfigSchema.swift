/// The maps of `dunning.yaml` and the keys each one allows.
///
/// One table for the loader (unknown keys, suggestions) and for the test that checks the
/// shipped example documents every key. Maps keyed by data (`rates`, `flat_compensation`)
/// are not sections.
enum ConfigSection: String, CaseIterable, Sendable {
    case root = "the top level"
    case company
    case delivery
    case smtp = "delivery.smtp"
    case retry
    case schedule
    case verification
    case bounces
    case digest
    case policy = "a policy"
    case appliesTo = "applies_to"
    case step = "a policy step"
    case costs = "a cost rule"
    case rateTable = "a rates table"
    case ratePeriod = "a rates period"
    case limitation = "a limitation rule"

    var keys: [String] {
        switch self {
        case .root:
            ["company", "ledger", "templates", "delivery", "retry", "schedule", "verification", "bounces", "digest",
             "policies", "rates", "limitation", "flat_compensation"]
        case .company: ["name", "from", "reply_to", "iban", "locale", "time_zone", "country", "language", "address", "phone", "registration", "vat"]
        case .delivery: ["transport", "outbox", "smtp"]
        case .smtp: ["url", "tls", "ca_file", "username", "password_file", "envelope_from", "timeout"]
        case .retry: ["first", "max", "give_up"]
        case .schedule: ["check_interval", "send_window", "business_days", "holidays"]
        case .verification: ["mode", "allow_unverified", "resolvers", "max_age", "timeout", "tries", "cache_time", "smtputf8",
                             "soft_bounces", "soft_bounce_window", "typo_domains"]
        case .bounces: ["maildir", "imap", "imap_user", "imap_password_file", "imap_tls", "imap_ca_file"]
        case .digest: ["to", "at"]
        case .policy: ["id", "applies_to", "grace", "minimum", "steps"]
        case .appliesTo: ["kind", "country", "customers"]
        case .step: ["id", "after", "from", "template", "channel", "costs", "interest", "pay_within"]
        case .costs: ["fixed", "percent", "min", "max"]
        case .rateTable: ["compounding", "periods"]
        case .ratePeriod: ["from", "rate"]
        case .limitation: ["country", "kind", "period", "interrupted_by_reminder", "warn_days"]
        }
    }
}

/// "Did you mean" for a misspelt word.
enum Suggestion {
    /// The candidate closest to `word` by edit distance, if close enough to be a typo
    /// (at most 2 edits, or a third of the word for long words).
    static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate)
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.unicodeScalars), b = Array(rhs.unicodeScalars)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
