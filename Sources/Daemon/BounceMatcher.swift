import Bounces
import DunningCore

/// Ties one bounced recipient to the reminder (and customer) it is about.
///
/// In order of trust:
/// 1. the VERP token of the bounce address (`bounce+TOKEN@…`, our envelope sender): the local
///    part of a Message-ID in the ledger;
/// 2. the original Message-ID from the returned headers (or the bounce's own references);
/// 3. the failed address: the customer whose current email it is (case-insensitive). When
///    several customers share it, the one we wrote to last; a customer never written to
///    only when no other has the address.
///
/// When a message matched, the `bounce` record names the address we sent it to (the
/// reminder's `to`), so the contact check and the plan see the customer's own address even
/// when a forward further down failed; the final recipient then goes into the diagnostic.
struct BounceMatcher {
    let state: LedgerState
    /// Message-ID local part → Message-ID, for VERP tokens; built on first use.
    private var byToken: [String: String]?

    init(state: LedgerState) { self.state = state }

    struct Match: Equatable {
        var customer: String
        /// The reminder (normalized Message-ID) the bounce is about, when known.
        var messageID: String?
        /// The address the `bounce` record names.
        var address: String
        /// `verp`, `message-id` or `address`: how it matched, for the log.
        var via: String
        var invoices: [String]
    }

    mutating func match(_ report: BounceReport) -> Match? {
        if let token = report.verpToken, let id = messageID(forToken: token), let match = match(message: id, report, via: "verp") {
            return match
        }
        if let original = report.originalMessageID,
           let match = match(message: LedgerState.normalizedMessageID(original), report, via: "message-id") {
            return match
        }
        return matchAddress(report)
    }

    /// The bookkeeper's digest the bounce is about (its VERP token or the returned
    /// Message-ID), when it matched no customer's message: its `digest.to` is dead.
    func digest(_ report: BounceReport) -> DigestRecord? {
        let ids = [report.verpToken, report.originalMessageID.map { LedgerState.normalizedMessageID($0) }].compactMap { $0?.lowercased() }
        guard !ids.isEmpty else { return nil }
        return state.digests.last { entry in
            let id = LedgerState.normalizedMessageID(entry.value.messageID).lowercased()
            let token = id.split(separator: "@").first.map(String.init) ?? id
            return ids.contains(id) || ids.contains(token)
        }?.value
    }

    private func match(message id: String, _ report: BounceReport, via: String) -> Match? {
        guard let message = state.messages[id], state.customer(message.customer) != nil else { return nil }
        return Match(customer: message.customer, messageID: id, address: message.to.lowercased(), via: via, invoices: message.invoices)
    }

    private func matchAddress(_ report: BounceReport) -> Match? {
        let address = report.address.lowercased()
        var best: (customer: String, lastWritten: Int)?
        for history in state.customers.values {
            guard let current = state.customer(history.id), current.email.lowercased() == address else { continue }
            // The position of the last message to this address, -1 for none.
            let last = history.messages.reversed().lazy.compactMap { state.messages[$0] }
                .first { $0.to.lowercased() == address }?.events.last?.position ?? -1
            if best == nil || last > best!.lastWritten || (last == best!.lastWritten && history.id < best!.customer) {
                best = (history.id, last)
            }
        }
        guard let best else { return nil }
        return Match(customer: best.customer, messageID: nil, address: address, via: "address", invoices: [])
    }

    private mutating func messageID(forToken token: String) -> String? {
        if byToken == nil {
            var index: [String: String] = [:]
            for id in state.messages.keys {
                guard let at = id.lastIndex(of: "@") else { continue }
                index[String(id[..<at]).lowercased()] = id
            }
            byToken = index
        }
        return byToken?[token.lowercased()]
    }
}
