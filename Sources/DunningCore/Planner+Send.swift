import Foundation

/// What the ledger says about the customer's current email address.
enum ContactStatus: Equatable {
    case valid
    /// No check (within `max_age`) yet: not blocked, the sender verifies before sending.
    case unchecked(String)
    /// Unverified but allowed (advisory/off mode, or `allow_unverified`).
    case allowed(String)
    case blocked(Pause)
}

extension Planner {
    /// Whether the customer's current e-mail address has no contact check within
    /// `verification.max_age` (and no hard bounce that blocks it anyway): the sender
    /// verifies such an address before it writes to it.
    public static func needsEmailCheck(customer id: String, state: LedgerState, config: DunningConfig, asOf: Date) -> Bool {
        guard let customer = state.customer(id), let history = state.customers[id] else { return false }
        if case .unchecked = contactStatus(customer, history: history, state: state, config: config, asOf: asOf) { return true }
        return false
    }

    /// What a collection agency needs and the customer record lacks: `name and address`,
    /// `name` or `address` (the `address` column of the customers CSV, kept in `extra`);
    /// `nil` when both are there.
    static func handoverGaps(_ customer: CustomerRecord) -> String? {
        let name = !customer.name.trimmingCharacters(in: .whitespaces).isEmpty
        let address = !(customer.extra["address"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        switch (name, address) {
        case (true, true): return nil
        case (false, false): return "name and address (the customers CSV's address column)"
        case (false, true): return "name"
        case (true, false): return "address (the customers CSV's address column)"
        }
    }

    /// `jan@gmial.com: did you mean jan@gmail.com?` when the domain is a likely typo of a
    /// common mailbox domain (`verification.typo_domains`); the plan notes it on the item.
    static func typoWarning(_ email: String, config: DunningConfig) -> String? {
        let known = config.verification.typoDomains.isEmpty ? EmailSyntax.commonDomains : config.verification.typoDomains
        guard case .success(let syntax) = EmailSyntax.check(email, knownDomains: known), let suggestion = syntax.suggestion else {
            return nil
        }
        return "\(email): did you mean \(syntax.local)@\(suggestion)?"
    }

    /// The current email address against contact checks and hard bounces.
    ///
    /// An address that fails the syntax check (RFC 5321/5322) is blocked before anything
    /// else. Then the latest check of exactly this address decides: `invalid` blocks in every mode (the
    /// verifier records DNS-only failures as `unverified` outside enforce mode); `unverified`
    /// blocks only in enforce mode without `allow_unverified`. A hard bounce for the address
    /// blocks unless a later check found it valid.
    static func contactStatus(_ customer: CustomerRecord, history: CustomerState, state: LedgerState,
                              config: DunningConfig, asOf: Date) -> ContactStatus {
        let email = customer.email
        guard !email.isEmpty else {
            return .blocked(Pause(reason: .contactInvalid, detail: "no email address on file for \(customer.customer)"))
        }
        // The syntax check always applies, whatever verification.mode says: the plan shows
        // what the sender would refuse.
        if case .failure(let problem) = EmailSyntax.check(email, knownDomains: []) {
            return .blocked(Pause(reason: .contactInvalid, detail: "\(email) is not a valid e-mail address: \(problem)"))
        }
        let address = email.lowercased()
        let zone = config.company.timeZone
        let check = history.contactChecks.last {
            state.isActive($0.recordID) && $0.value.channel == .email && $0.value.address.lowercased() == address
        }
        if let bounce = state.bounces[address]?.last(where: { state.isActive($0.recordID) && $0.value.kind == .hard }) {
            let cleared = check.map { $0.position > bounce.position && $0.value.result == .valid } ?? false
            if !cleared {
                let day = bounce.day(in: zone)
                return .blocked(Pause(reason: .contactInvalid,
                                      detail: "\(email) hard-bounced on \(day) (\(bounce.value.status) \(bounce.value.diagnostic))"))
            }
        }
        guard let check, asOf.timeIntervalSince(check.instant(in: zone)) <= Double(config.verification.maxAge.approximateSeconds) else {
            return .unchecked("\(email) not verified recently; the sender verifies it before sending")
        }
        let checked = check.day(in: zone)
        switch check.value.result {
        case .valid:
            return .valid
        case .invalid:
            return .blocked(Pause(reason: .contactInvalid, detail: "\(email) is invalid (\(check.value.reason); checked \(checked))"))
        case .unverified:
            let detail = "\(email) could not be verified (\(check.value.reason); checked \(checked))"
            if config.verification.mode == .enforce && !config.verification.allowUnverified {
                return .blocked(Pause(reason: .contactUnverified, detail: detail))
            }
            return .allowed(detail + "; sent anyway (verification \(config.verification.mode.rawValue))")
        }
    }

    /// An earlier message of this step for any of the invoices that is still in flight,
    /// waiting for a retry, or failed to the current address.
    static func deliveryBlock(step: String, invoices: [String], progress: CustomerProgress,
                              currentEmail: String, zone: TimeZone) -> Pause? {
        var deferred: Pause?
        var failed: Pause?
        for invoice in invoices {
            guard let latest = progress.deliveries[invoice]?[step] else { continue }
            switch latest.delivery {
            case .pending(let messageID, let since):
                return Pause(reason: .uncertainSend,
                             detail: "message <\(messageID)> of \(since) has no delivery outcome; never re-sent by itself: settle it with `dunning ledger resolve --ref \(messageID) --outcome sent|not-sent`")
            case .deferred(let messageID, let reply):
                deferred = deferred ?? Pause(reason: .deferred,
                                             detail: "a retry is waiting for message <\(messageID)>" + (reply.map { " (\($0))" } ?? ""))
            case .failed(let to, let reply) where to.lowercased() == currentEmail.lowercased():
                failed = failed ?? Pause(reason: .contactInvalid,
                                         detail: "the last message to \(to) failed permanently" + (reply.map { " (\($0))" } ?? "")
                                             + "; not re-sent to the same address: record a new address")
            case .sent, .notSent, .failed:
                continue
            }
        }
        return deferred ?? failed
    }
}
