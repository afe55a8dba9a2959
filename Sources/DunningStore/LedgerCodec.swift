import DunningCore
import Foundation

/// One ledger line ⇄ one `LedgerRecord`, per the record table in docs/ledger.md.
///
/// Lines are written with keys in a fixed order: `type`, `id`, `at`, then the table's
/// order; optional fields that are `nil` and empty `extra` maps are left out. Money is a
/// decimal string with the currency's minor units (`"149.50"`); promise and instalment
/// amounts, whose currency is the invoices', keep their own decimals with at least two.
/// `at` is written in UTC with whole seconds.
///
/// ```
/// {"type":"payment","id":"pay-7k3m9q2x4d","at":"2026-11-23T09:00:00Z","invoice":"INV-1","date":"2026-11-20","amount":"149.50","currency":"EUR"}
/// ```
package enum LedgerCodec {
    /// The record as one line of JSON, without the newline.
    package static func encode(_ record: LedgerRecord) -> String {
        String(decoding: encodedBytes(record), as: UTF8.self)
    }

    /// `encode(_:)`'s line as UTF-8.
    package static func encodedBytes(_ record: LedgerRecord) -> [UInt8] {
        var json = JSONWriter()
        json.string("type", record.type)
        json.string("id", record.id)
        json.string("at", Timestamp.string(record.at))
        if let asOf = record.asOf { json.string("as_of", asOf.description) }
        switch record.body {
        case .customer(let customer):
            json.string("customer", customer.customer)
            json.string("name", customer.name)
            json.string("email", customer.email)
            json.string("phone", customer.phone)
            json.string("kind", customer.kind.rawValue)
            json.string("country", customer.country)
            json.string("language", customer.language)
            if !customer.extra.isEmpty { json.stringMap("extra", customer.extra) }
        case .invoice(let invoice):
            json.string("invoice", invoice.invoice)
            json.string("customer", invoice.customer)
            json.string("issued", invoice.issued.description)
            json.string("due", invoice.due.description)
            json.string("amount", Money.string(invoice.amount, in: invoice.currency))
            json.string("currency", invoice.currency.code)
            json.string("order", invoice.order)
            json.string("pdf", invoice.pdf)
            if !invoice.extra.isEmpty { json.stringMap("extra", invoice.extra) }
        case .payment(let payment), .credit(let payment):
            json.string("invoice", payment.invoice)
            json.string("date", payment.date.description)
            json.string("amount", Money.string(payment.amount, in: payment.currency))
            json.string("currency", payment.currency.code)
            json.string("reference", payment.reference)
            if payment.overpayment { json.bool("overpayment", true) }
        case .dispute(let dispute):
            json.string("invoice", dispute.invoice)
            json.string("reason", dispute.reason)
        case .promise(let promise):
            subject(promise.subject, into: &json)
            json.string("until", promise.until.description)
            json.string("amount", promise.amount.map(amountWithoutCurrency))
            if !promise.confirm { json.bool("confirm", false) }
        case .arrangement(let arrangement):
            json.strings("invoices", arrangement.invoices)
            json.objects("instalments", arrangement.instalments.map { instalment in
                var item = JSONWriter()
                item.string("due", instalment.due.description)
                item.string("amount", amountWithoutCurrency(instalment.amount))
                return item
            })
            if !arrangement.confirm { json.bool("confirm", false) }
        case .hold(let hold):
            subject(hold.subject, into: &json)
            json.string("until", hold.until?.description)
            json.string("reason", hold.reason)
        case .resolve(let resolve):
            json.string("ref", resolve.ref)
            json.string("outcome", resolve.outcome?.rawValue)
            json.string("note", resolve.note)
        case .note(let note):
            subject(note.subject, into: &json)
            json.string("text", note.text)
        case .void(let void):
            json.string("ref", void.ref)
            json.string("reason", void.reason)
        case .contactCheck(let check):
            json.string("customer", check.customer)
            json.string("channel", check.channel.rawValue)
            json.string("address", check.address)
            json.string("result", check.result.rawValue)
            json.string("reason", check.reason)
            if let mx = check.mx { json.strings("mx", mx) }
        case .reminder(let reminder):
            json.string("customer", reminder.customer)
            json.string("step", reminder.step)
            json.strings("invoices", reminder.invoices)
            json.string("to", reminder.to)
            json.string("message_id", reminder.messageID)
            json.string("state", reminder.state.rawValue)
            json.string("reply", reminder.reply)
        case .bounce(let bounce):
            json.string("address", bounce.address)
            json.string("kind", bounce.kind.rawValue)
            json.string("status", bounce.status)
            json.string("diagnostic", bounce.diagnostic)
            json.string("customer", bounce.customer)
            json.string("message_id", bounce.messageID)
        case .task(let task):
            json.string("customer", task.customer)
            json.strings("invoices", task.invoices)
            json.string("kind", task.kind.rawValue)
            json.string("text", task.text)
            json.string("step", task.step)
        case .handover(let handover):
            json.string("customer", handover.customer)
            json.strings("invoices", handover.invoices)
            json.string("file", handover.file)
            json.string("step", handover.step)
        case .digest(let digest):
            json.string("date", digest.date.description)
            json.string("to", digest.to)
            json.string("message_id", digest.messageID)
        case .unknown:
            break
        }
        return json.finishedBytes
    }

    /// Decodes one line of text; for many lines, reuse a `LedgerDecoder`.
    package static func decode(_ line: String) throws(LedgerCodecError) -> LedgerRecord {
        try LedgerDecoder().decode(line)
    }

    /// Checks that `record` reads back as itself once written, i.e. that `append` may store it.
    ///
    /// The decoder is the one rule book, so this encodes and decodes: a bad field fails with
    /// the decoder's error naming it; a body that changes on the way (an amount with more
    /// decimals than its currency allows is rounded by `encode`) fails as `notRepresentable`.
    /// `at` is compared to the second, as written.
    @discardableResult
    package static func validate(_ record: LedgerRecord, decoder: LedgerDecoder) throws(LedgerCodecError) -> String {
        String(decoding: try validatedBytes(record, decoder: decoder), as: UTF8.self)
    }

    /// `validate(_:decoder:)`'s line as UTF-8, without the newline.
    package static func validatedBytes(_ record: LedgerRecord, decoder: LedgerDecoder) throws(LedgerCodecError) -> [UInt8] {
        if case .unknown = record.body {
            throw .notRepresentable(id: record.id, message: "type '\(record.type)' is not one this version can write")
        }
        let line = encodedBytes(record)
        let back = try line.withUnsafeBytes { bytes in Result { () throws(LedgerCodecError) in try decoder.decode(bytes) } }.get()
        guard back.body == record.body, back.id == record.id else {
            throw .notRepresentable(id: record.id, message: "it changes when written (an amount with more decimals than its currency allows?)")
        }
        return line
    }

    private static func subject(_ subject: Subject, into json: inout JSONWriter) {
        switch subject {
        case .customer(let id): json.string("customer", id)
        case .invoice(let id): json.string("invoice", id)
        }
    }

    /// An amount whose currency is not on the record: its own decimals, at least two.
    private static func amountWithoutCurrency(_ value: Decimal) -> String {
        Money.string(value, scale: min(max(2, -value.exponent), 18))
    }
}
