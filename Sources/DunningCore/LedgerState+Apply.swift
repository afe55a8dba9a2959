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
        if let earlier = kinds.updateValue(kind, forKey: record.id) {
            kinds[record.id] = earlier
            throw LedgerStateError(position: position, recordID: record.id, reason: .duplicateRecordID(record.id))
        }
        do {
            try fold(record, position: position)
        } catch {
            kinds.removeValue(forKey: record.id)
            throw error
        }
        count += 1
    }

    private mutating func fold(_ record: LedgerRecord, position: Int) throws(LedgerStateError) {
        func fail(_ reason: LedgerStateError.Reason) -> LedgerStateError {
            LedgerStateError(position: position, recordID: record.id, reason: reason)
        }
        func entry<Value>(_ value: Value) -> LedgerEntry<Value> {
            LedgerEntry(recordID: record.id, at: record.at, position: position, value: value)
        }
        func requireCustomer(_ id: String) throws(LedgerStateError) {
            guard customer(id) != nil else { throw fail(.unknownCustomer(id)) }
        }
        func requireInvoice(_ id: String) throws(LedgerStateError) -> InvoiceRecord {
            guard let invoice = invoice(id) else { throw fail(.unknownInvoice(id)) }
            return invoice
        }
        func requireSubject(_ subject: Subject) throws(LedgerStateError) {
            switch subject {
            case .customer(let id): try requireCustomer(id)
            case .invoice(let id): _ = try requireInvoice(id)
            }
        }

        switch record.body {
        case .unknown:
            return
        case .customer(let value):
            customers[value.customer, default: CustomerState(id: value.customer)].versions.append(entry(value))
        case .invoice(let value):
            try requireCustomer(value.customer)
            if let existing = invoice(value.invoice) {
                guard existing == value else { throw fail(.conflictingInvoice(value.invoice)) }
            } else if invoices[value.invoice] == nil {
                customers[value.customer]?.invoices.append(value.invoice)
            } else if customers[value.customer]?.invoices.contains(value.invoice) == false {
                // Every earlier version was voided and the id is reused for another customer.
                customers[value.customer]?.invoices.append(value.invoice)
            }
            invoices[value.invoice, default: InvoiceState()].versions.append(entry(value))
        case .payment(let value), .credit(let value):
            let invoice = try requireInvoice(value.invoice)
            guard invoice.currency == value.currency else {
                throw fail(.currencyMismatch(invoice: value.invoice, invoiceCurrency: invoice.currency.code,
                                             recordCurrency: value.currency.code))
            }
            if case .payment = record.body {
                invoices[value.invoice]?.payments.append(entry(value))
            } else {
                invoices[value.invoice]?.credits.append(entry(value))
            }
        case .dispute(let value):
            _ = try requireInvoice(value.invoice)
            invoices[value.invoice]?.disputes.append(entry(value))
        case .promise(let value):
            try requireSubject(value.subject)
            switch value.subject {
            case .customer(let id): customers[id]?.promises.append(entry(value))
            case .invoice(let id): invoices[id]?.promises.append(entry(value))
            }
        case .hold(let value):
            try requireSubject(value.subject)
            switch value.subject {
            case .customer(let id): customers[id]?.holds.append(entry(value))
            case .invoice(let id): invoices[id]?.holds.append(entry(value))
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
            try applyResolve(value, entry: entry(value.outcome), fail: fail)
        case .note(let value):
            try requireSubject(value.subject)
        case .void(let value):
            guard value.ref != record.id, let target = kinds[value.ref] else { throw fail(.unknownRef(value.ref)) }
            voided.insert(value.ref)
            if case .void(let earlierTarget) = target { voided.remove(earlierTarget) }
        case .contactCheck(let value):
            try requireCustomer(value.customer)
            customers[value.customer]?.contactChecks.append(entry(value))
        case .reminder(let value):
            try requireCustomer(value.customer)
            for id in value.invoices { _ = try requireInvoice(id) }
            let messageID = LedgerState.normalizedMessageID(value.messageID)
            if messages[messageID] == nil {
                messages[messageID] = MessageState(messageID: messageID, customer: value.customer, step: value.step,
                                                   invoices: value.invoices, to: value.to)
                customers[value.customer]?.messages.append(messageID)
            }
            messages[messageID]?.events.append(entry(MessageState.Event(state: value.state, reply: value.reply)))
        case .bounce(let value):
            bounces[value.address.lowercased(), default: []].append(entry(value))
        case .task(let value):
            try requireCustomer(value.customer)
            for id in value.invoices { _ = try requireInvoice(id) }
            customers[value.customer]?.tasks.append(entry(value))
        case .handover(let value):
            try requireCustomer(value.customer)
            for id in value.invoices { _ = try requireInvoice(id) }
            customers[value.customer]?.handovers.append(entry(value))
        case .digest:
            break
        }
    }

    /// `resolve --ref`: a dispute, hold, promise or arrangement by record id, else an
    /// uncertain send by Message-ID (which needs an outcome).
    private mutating func applyResolve(_ value: ResolveRecord, entry: LedgerEntry<ResolveOutcome?>,
                                       fail: (LedgerStateError.Reason) -> LedgerStateError) throws(LedgerStateError) {
        if let target = kinds[value.ref] {
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
            LedgerEntry(recordID: entry.recordID, at: entry.at, position: entry.position, value: outcome))
    }
}
