import Foundation

extension LedgerState {
    /// Folds one record into the state; `position` is its ledger line number, for errors.
    ///
    /// Semantic checks: an invoice id repeated with other data, records about unknown
    /// invoices or customers, a payment or credit in another currency than its invoice,
    /// `void`/`resolve` of an unknown id, an arrangement mixing customers or currencies.
    /// The same invoice again with the same data is fine (idempotent). On error the state
    /// is unchanged. Unknown record types are counted and skipped.
    public mutating func apply(_ record: LedgerRecord, position: Int) throws(LedgerStateError) {
        guard let kind = RecordKind(record.body) else {
            count += 1
            return
        }
        // One hash of the id on the common path: claim it first, give it back on error.
        if kinds.insert(record.id, kind: kind) != nil {
            throw LedgerStateError(position: position, recordID: record.id, reason: .duplicateRecordID(record.id))
        }
        do {
            try fold(record, position: position, refKind: record.ref.flatMap { kinds[$0] })
        } catch {
            kinds.remove(record.id)
            throw error
        }
        count += 1
    }

    /// Folds consecutive ledger records, the first from line `firstLine` (a chunk of
    /// `LedgerStore.read(from:each:)`), stopping at the first that fails: the ones before it
    /// stay applied, it and the ones after are not.
    ///
    /// Faster than calling `apply(_:position:)` per element of a `for` loop, which copies
    /// each record (a few hundred bytes) out of the array first.
    public mutating func apply(_ records: [LedgerRecord], firstLine: Int) throws(LedgerStateError) {
        try records.withUnsafeBufferPointer { buffer throws(LedgerStateError) in
            for index in buffer.indices { try apply(buffer[index], position: firstLine + index) }
        }
    }

    /// Folds a record whose id is already claimed in `kinds`. `refKind` is the kind of the
    /// record a `void` or `resolve` names (`Body.ref`), looked up once its own id was claimed.
    mutating func fold(_ record: LedgerRecord, position: Int, refKind: RecordKind?) throws(LedgerStateError) {
        func fail(_ reason: LedgerStateError.Reason) -> LedgerStateError {
            LedgerStateError(position: position, recordID: record.id, reason: reason)
        }
        func entry<Value>(_ value: Value) -> LedgerEntry<Value> {
            LedgerEntry(recordID: record.id, at: record.at, asOf: record.asOf, position: position, value: value)
        }
        // Every lookup below finds a customer or invoice once and then works on it through
        // its `Dictionary.Index` (`values[index]` is mutated in place): a plain read of
        // `customers[id]` would copy the state and retain its ten arrays. An entry exists
        // only once a version was appended to it, so while no version is voided, finding it
        // is enough (and its versions, elsewhere in memory, are not touched).
        func activeCustomer(_ id: String) throws(LedgerStateError) -> Dictionary<String, CustomerState>.Index {
            guard let index = customers.index(forKey: id),
                  voidedVersions.isEmpty || customers.values[index].probeActive(voided: voidedVersions) else {
                throw fail(.unknownCustomer(id))
            }
            return index
        }
        func activeInvoice(_ id: String) throws(LedgerStateError) -> Dictionary<String, InvoiceState>.Index {
            guard let index = invoices.index(forKey: id),
                  voidedVersions.isEmpty || invoices.values[index].probeInForce(voided: voidedVersions) else {
                throw fail(.unknownInvoice(id))
            }
            return index
        }
        func requireInvoice(_ id: String) throws(LedgerStateError) -> InvoiceRecord {
            guard let invoice = invoices[id]?.active(voided: voidedVersions) else { throw fail(.unknownInvoice(id)) }
            return invoice
        }

        switch record.body {
        case .unknown:
            return
        case .customer(let value):
            customers[value.customer, default: CustomerState(id: value.customer)].versions.append(entry(value))
        case .invoice(let value):
            let owner = try activeCustomer(value.customer)
            let hint = currencyHint(value.currency)
            switch invoices[value.invoice, default: InvoiceState()].addVersion(entry(value), voided: voidedVersions, hint: hint) {
            case .conflict:
                throw fail(.conflictingInvoice(value.invoice))
            case .first:
                customers.values[owner].invoices.append(value.invoice)
            case .repeated:
                break
            case .reused:
                // Every earlier version was voided and the id is reused, maybe for another customer.
                if !customers.values[owner].invoices.contains(value.invoice) {
                    customers.values[owner].invoices.append(value.invoice)
                }
            }
        case .payment(let value):
            try addPayment(entry(value), isPayment: true, fail: fail)
        case .credit(let value):
            try addPayment(entry(value), isPayment: false, fail: fail)
        case .dispute(let value):
            let index = try activeInvoice(value.invoice)
            invoices.values[index].disputes.append(entry(value))
        case .promise(let value):
            switch value.subject {
            case .customer(let id):
                let index = try activeCustomer(id)
                customers.values[index].promises.append(entry(value))
            case .invoice(let id):
                let index = try activeInvoice(id)
                invoices.values[index].promises.append(entry(value))
            }
        case .hold(let value):
            switch value.subject {
            case .customer(let id):
                let index = try activeCustomer(id)
                customers.values[index].holds.append(entry(value))
            case .invoice(let id):
                let index = try activeInvoice(id)
                invoices.values[index].holds.append(entry(value))
            }
        case .arrangement(let value):
            guard let firstID = value.invoices.first, !value.instalments.isEmpty else { throw fail(.emptyArrangement) }
            let first = try requireInvoice(firstID)
            for id in value.invoices.dropFirst() {
                let other = try requireInvoice(id)
                guard other.customer == first.customer else {
                    throw fail(.mixedArrangement("invoices of different customers ('\(firstID)' of '\(first.customer)', '\(id)' of '\(other.customer)')"))
                }
                guard other.currency == first.currency else {
                    throw fail(.mixedArrangement("invoices in different currencies ('\(firstID)' in \(first.currency), '\(id)' in \(other.currency))"))
                }
            }
            customers[first.customer]?.arrangements.append(entry(value))
        case .resolve(let value):
            try applyResolve(value, target: refKind, entry: entry(value.outcome), fail: fail)
        case .note(let value):
            switch value.subject {
            case .customer(let id): _ = try activeCustomer(id)
            case .invoice(let id): _ = try activeInvoice(id)
            }
        case .void(let value):
            guard value.ref != record.id, let target = refKind else { throw fail(.unknownRef(value.ref)) }
            voided.insert(value.ref)
            if target == .customer || target == .invoice { voidedVersions.insert(value.ref) }
            voidTargets[record.id] = value.ref
            if target == .void, let earlierTarget = voidTargets[value.ref] {
                voided.remove(earlierTarget)
                voidedVersions.remove(earlierTarget)
            }
        case .contactCheck(let value):
            let index = try activeCustomer(value.customer)
            customers.values[index].contactChecks.append(entry(value))
        case .reminder(let value):
            let owner = try activeCustomer(value.customer)
            for id in value.invoices { _ = try activeInvoice(id) }
            let messageID = LedgerState.normalizedMessageID(value.messageID)
            let event = entry(MessageState.Event(state: value.state, reply: value.reply))
            let isNew = messages[messageID, default: MessageState(messageID: messageID, customer: value.customer, step: value.step,
                                                                  invoices: value.invoices, to: value.to)].append(event)
            if isNew { customers.values[owner].messages.append(messageID) }
        case .bounce(let value):
            bounces[value.address.lowercased(), default: []].append(entry(value))
            if let messageID = value.messageID {
                bouncesByMessage[LedgerState.normalizedMessageID(messageID), default: []].append(entry(value))
            }
        case .task(let value):
            let owner = try activeCustomer(value.customer)
            for id in value.invoices { _ = try activeInvoice(id) }
            customers.values[owner].tasks.append(entry(value))
        case .handover(let value):
            let owner = try activeCustomer(value.customer)
            for id in value.invoices { _ = try activeInvoice(id) }
            customers.values[owner].handovers.append(entry(value))
        case .digest(let value):
            digests.append(entry(value))
        }
    }

    /// A payment or credit: one hash of the invoice id checks it and appends in a single access.
    private mutating func addPayment(_ entry: LedgerEntry<PaymentRecord>, isPayment: Bool,
                                     fail: (LedgerStateError.Reason) -> LedgerStateError) throws(LedgerStateError) {
        let value = entry.value
        // Through the index, in place: `invoices[id]?.add` would move the state out and back.
        guard let index = invoices.index(forKey: value.invoice) else { throw fail(.unknownInvoice(value.invoice)) }
        switch invoices.values[index].add(entry, isPayment: isPayment, voided: voidedVersions, currencies: currencies) {
        case .unknownInvoice:
            throw fail(.unknownInvoice(value.invoice))
        case .currencyMismatch(let expected):
            throw fail(.currencyMismatch(invoice: value.invoice, invoiceCurrency: expected.code, recordCurrency: value.currency.code))
        case .added:
            break
        }
    }

    /// `currency`'s `InvoiceState.currencyHint`, adding it to `currencies` if new (0 once
    /// 255 are known: no hint).
    private mutating func currencyHint(_ currency: Currency) -> UInt8 {
        if let index = currencies.firstIndex(of: currency) { return UInt8(index + 1) }
        guard currencies.count < Int(UInt8.max) else { return 0 }
        currencies.append(currency)
        return UInt8(currencies.count)
    }

    /// `resolve --ref`: a dispute, hold, promise or arrangement by record id, else an
    /// uncertain send by Message-ID (which needs an outcome).
    private mutating func applyResolve(_ value: ResolveRecord, target: RecordKind?, entry: LedgerEntry<ResolveOutcome?>,
                                       fail: (LedgerStateError.Reason) -> LedgerStateError) throws(LedgerStateError) {
        if let target {
            switch target {
            case .dispute, .hold, .promise, .arrangement:
                resolvedBy[value.ref, default: []].append(entry.recordID)
                return
            default:
                if messages[LedgerState.normalizedMessageID(value.ref)] == nil {
                    throw fail(.notResolvable(ref: value.ref, type: target.name))
                }
            }
        }
        let messageID = LedgerState.normalizedMessageID(value.ref)
        guard messages[messageID] != nil else { throw fail(.unknownRef(value.ref)) }
        guard let outcome = value.outcome else { throw fail(.outcomeRequired(messageID: value.ref)) }
        messages[messageID]?.settlements.append(
            LedgerEntry(recordID: entry.recordID, at: entry.at, asOf: entry.asOf, position: entry.position, value: outcome))
    }
}

/// What adding a payment or credit to an invoice came to.
enum VersionAddition {
    /// The invoice's first record.
    case first
    /// The same data again (idempotent import).
    case repeated
    /// Every earlier version is voided; this one is now in force.
    case reused
    /// Other data under an id in force: refused, nothing appended.
    case conflict
}

/// What adding a payment or credit to an invoice came to.
enum PaymentAddition {
    case added
    case unknownInvoice
    case currencyMismatch(Currency)
}

extension InvoiceState {
    /// The version in force: the first one not voided.
    func active(voided: Set<String>) -> InvoiceRecord? {
        if voided.isEmpty { return versions.first?.value }
        return versions.first { !voided.contains($0.recordID) }?.value
    }

    func isInForce(voided: Set<String>) -> Bool {
        if voided.isEmpty { return !versions.isEmpty }
        return versions.contains { !voided.contains($0.recordID) }
    }

    /// `isInForce`, `mutating` only so that it is reached through `Dictionary`'s `_modify`
    /// accessor, in place, instead of through a getter that copies the state.
    mutating func probeInForce(voided: Set<String>) -> Bool { isInForce(voided: voided) }

    /// Appends an `invoice` record unless it contradicts the version in force.
    /// `hint` is the entry's `currencyHint`, kept if it is the first version.
    mutating func addVersion(_ entry: LedgerEntry<InvoiceRecord>, voided: Set<String>, hint: UInt8) -> VersionAddition {
        if let existing = active(voided: voided) {
            guard existing == entry.value else { return .conflict }
            versions.append(entry)
            return .repeated
        }
        let first = versions.isEmpty
        versions.append(entry)
        if first { currencyHint = hint }
        return first ? .first : .reused
    }

    /// Appends a payment or credit after checking the invoice is in force and in its currency.
    ///
    /// While no version is voided, the first is in force and `currencyHint` names its currency.
    mutating func add(_ entry: LedgerEntry<PaymentRecord>, isPayment: Bool, voided: Set<String>,
                      currencies: [Currency]) -> PaymentAddition {
        if voided.isEmpty, currencyHint != 0, currencies[Int(currencyHint) - 1] == entry.value.currency {
            if isPayment { payments.append(entry) } else { credits.append(entry) }
            return .added
        }
        // Reads the currency in place rather than copying the whole invoice record.
        let index = voided.isEmpty ? versions.indices.first : versions.firstIndex { !voided.contains($0.recordID) }
        guard let index else { return .unknownInvoice }
        guard versions[index].value.currency == entry.value.currency else { return .currencyMismatch(versions[index].value.currency) }
        if isPayment { payments.append(entry) } else { credits.append(entry) }
        return .added
    }
}

extension CustomerState {
    func hasActiveVersion(voided: Set<String>) -> Bool {
        if voided.isEmpty { return !versions.isEmpty }
        return versions.contains { !voided.contains($0.recordID) }
    }

    /// `hasActiveVersion`, `mutating` only so that it is reached through `Dictionary`'s
    /// `_modify` accessor, in place, instead of through a getter that copies the state.
    mutating func probeActive(voided: Set<String>) -> Bool { hasActiveVersion(voided: voided) }
}

extension MessageState {
    /// Appends a delivery state; `true` if it is the message's first.
    mutating func append(_ event: LedgerEntry<Event>) -> Bool {
        events.append(event)
        return events.count == 1
    }
}
