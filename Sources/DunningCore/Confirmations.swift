import Foundation

/// A promise or arrangement whose written confirmation (the fifth step of an invoice's life: docs/sending.md) the sender
/// owes the customer now.
public struct DueConfirmation: Sendable, Equatable {
    public enum Agreement: Sendable, Equatable {
        case promise(PromiseRecord)
        case arrangement(ArrangementRecord)
    }

    /// Where its message stands.
    public enum Delivery: Sendable, Equatable {
        /// Not journaled yet: to be sent with `messageID`.
        case new
        /// Its message was deferred: retried with the same Message-ID once the backoff passed.
        case deferred(MessageState)
    }

    /// The promise's or arrangement's record id.
    public var recordID: String
    /// When the agreement was recorded.
    public var recordedAt: Date
    public var agreement: Agreement
    /// The customer's current data (the recipient is its email address).
    public var customer: CustomerRecord
    /// The invoices the agreement is about that still have something open, in ledger order.
    public var invoices: [InvoiceBalance]
    /// The Message-ID (without angle brackets) to send it with.
    public var messageID: String
    public var delivery: Delivery
}

/// Which agreements the send cycle confirms in writing: promises to pay and instalment
/// arrangements, each once, soon after it was recorded. Pure: the caller passes the
/// Message-ID scheme in.
///
/// The confirmation is journaled as a `reminder` with step `confirmation` and a Message-ID
/// derived from the agreement's record id, so "already confirmed" is read from the ledger
/// like every other send (at most once, settled by `resolve` when uncertain).
public enum Confirmations {
    /// The `step` of a confirmation's `reminder` records (reserved: no policy step may use it).
    public static let step = TemplateKind.confirmation.rawValue

    /// How many days after it was recorded an agreement is still confirmed (a run that was
    /// stopped for a week does not send stale letters).
    public static let maximumAge = 7

    /// The confirmations due at `asOf`, ordered by customer id, then ledger order.
    ///
    /// An agreement is due when it is not voided, not resolved, not opted out
    /// (`confirm: false`), recorded at most `maximumAge` days before as-of's day (company
    /// zone), its promised day (or an arrangement's last instalment) is not before as-of's
    /// day, its customer is known with an email address that no contact check or hard
    /// bounce marks invalid, something is still open on its invoices, and no message
    /// for it is journaled yet. Numbered ids (`-2`, …) follow a message settled `not-sent`
    /// (as for reminders, an id names one message only). An agreement whose latest message
    /// was deferred is returned as `.deferred` whatever its age, for the sender's retry.
    ///
    /// - Parameter messageID: the base Message-ID of the confirmation of agreement
    ///   `recordID` to `customer`.
    /// - Complexity: O(customers + invoices with promises + the agreements' invoices).
    public static func due(config: DunningConfig, state: LedgerState, asOf: Date,
                           messageID: (_ customer: String, _ recordID: String) -> String) -> [DueConfirmation] {
        let zone = config.company.timeZone
        let asOfDate = CalendarDate(asOf, in: zone)
        var candidates: [(customer: String, entry: LedgerEntry<DueConfirmation.Agreement>)] = []
        for (id, customer) in state.customers {
            for promise in customer.promises {
                candidates.append((id, promise.map { .promise($0) }))
            }
            for arrangement in customer.arrangements {
                candidates.append((id, arrangement.map { .arrangement($0) }))
            }
        }
        for (id, invoice) in state.invoices where !invoice.promises.isEmpty {
            guard let owner = state.invoice(id)?.customer else { continue }
            for promise in invoice.promises {
                candidates.append((owner, promise.map { .promise($0) }))
            }
        }
        candidates.sort { ($0.customer, $0.entry.position) < ($1.customer, $1.entry.position) }

        var due: [DueConfirmation] = []
        var balances: (customer: String, invoices: [InvoiceBalance])?
        for (customerID, entry) in candidates {
            let agreement = entry.value
            guard agreement.confirm, state.isActive(entry.recordID), !state.isResolved(entry.recordID),
                  let lastDay = agreement.lastDay, lastDay >= asOfDate,
                  let customer = state.customer(customerID), !customer.email.isEmpty,
                  let history = state.customers[customerID] else { continue }
            if case .blocked = Planner.contactStatus(customer, history: history, state: state, config: config, asOf: asOf) {
                continue
            }
            if balances?.customer != customerID {
                balances = (customerID, Balances.customer(customerID, in: state).invoices)
            }
            let covered = agreement.invoices(in: balances?.invoices ?? [])
            guard !covered.isEmpty else { continue }
            let base = messageID(customerID, entry.recordID)
            let delivery: DueConfirmation.Delivery
            let id: String
            switch journaled(base, state: state) {
            case .none(let fresh):
                guard entry.day(in: zone) >= asOfDate.adding(days: -maximumAge) else { continue }
                (delivery, id) = (.new, fresh)
            case .deferred(let message):
                (delivery, id) = (.deferred(message), message.messageID)
            case .done:
                continue
            }
            due.append(DueConfirmation(recordID: entry.recordID, recordedAt: entry.at, agreement: agreement,
                                       customer: customer, invoices: covered, messageID: id, delivery: delivery))
        }
        return due
    }

    private enum Journaled {
        /// No message counts yet: the id to use.
        case none(String)
        case deferred(MessageState)
        /// Sent, sending, uncertain or failed: nothing more to do by itself.
        case done
    }

    /// The state of the confirmation's latest message: `base`, then `base-2`, … past each
    /// one settled `not-sent` or whose records were all voided.
    private static func journaled(_ base: String, state: LedgerState) -> Journaled {
        var candidate = base
        var counter = 1
        while let message = state.messages[LedgerState.normalizedMessageID(candidate)] {
            let events = message.events.filter { state.isActive($0.recordID) }
            let settlement = message.settlements.last { state.isActive($0.recordID) }
            if events.isEmpty || settlement?.value == .notSent {
                counter += 1
                candidate = LedgerState.numberedMessageID(base, counter)
                continue
            }
            if settlement == nil, events.last?.value.state == .deferred { return .deferred(message) }
            return .done
        }
        return .none(candidate)
    }
}

extension DueConfirmation.Agreement {
    var confirm: Bool {
        switch self {
        case .promise(let promise): promise.confirm
        case .arrangement(let arrangement): arrangement.confirm
        }
    }

    /// The promised day, or the arrangement's last instalment's due date.
    var lastDay: CalendarDate? {
        switch self {
        case .promise(let promise): promise.until
        case .arrangement(let arrangement): arrangement.instalments.map(\.due).max()
        }
    }

    /// The balances of the invoices it is about (a customer-wide promise: all the
    /// customer's) with something open.
    func invoices(in balances: [InvoiceBalance]) -> [InvoiceBalance] {
        let open = balances.filter { $0.open > 0 }
        switch self {
        case .promise(let promise):
            guard case .invoice(let id) = promise.subject else { return open }
            return open.filter { $0.invoice.invoice == id }
        case .arrangement(let arrangement):
            return open.filter { arrangement.invoices.contains($0.invoice.invoice) }
        }
    }
}

extension LedgerEntry {
    /// The same entry with its value transformed.
    func map<Other: Sendable & Equatable>(_ transform: (Value) -> Other) -> LedgerEntry<Other> {
        LedgerEntry<Other>(recordID: recordID, at: at, position: position, value: transform(value))
    }
}
