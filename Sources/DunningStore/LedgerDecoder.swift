internal import CLedgerJSON
import DunningCore
import Foundation

/// Decodes ledger lines into records with simdjson; reuse one decoder for many lines.
///
/// The schema is the record table in docs/ledger.md. A known type with a missing, wrongly typed or
/// invalid field is an error naming the field; an unknown `type` decodes to
/// `.unknown(type:)`; members a type does not know are ignored (both for forward
/// compatibility). `null` counts as absent for optional fields.
package final class LedgerDecoder {
    private let parser: OpaquePointer
    /// Where the last member lookup ended (see `LedgerFieldReader.index`).
    private let hint: UnsafeMutablePointer<Int>
    /// The currency of the last record that had one.
    private let lastCurrency: UnsafeMutablePointer<Currency?>

    package init() {
        guard let parser = ledgerjson_parser_create() else { preconditionFailure("out of memory creating a JSON parser") }
        self.parser = parser
        hint = .allocate(capacity: 2)
        lastCurrency = .allocate(capacity: 1)
        lastCurrency.initialize(to: nil)
    }

    deinit {
        ledgerjson_parser_destroy(parser)
        hint.deallocate()
        lastCurrency.deinitialize(count: 1)
        lastCurrency.deallocate()
    }

    /// Decodes one line (without its newline).
    ///
    /// If `capacity` bytes are readable from `line.baseAddress` and at least
    /// `LedgerDecoder.padding` of them follow the line, it is parsed in place; otherwise it is
    /// copied first.
    package func decode(_ line: UnsafeRawBufferPointer, capacity: Int = 0) throws(LedgerCodecError) -> LedgerRecord {
        guard !line.isEmpty else { throw .invalidJSON("an empty line") }
        var tokens: UnsafePointer<ledgerjson_token>?
        var count = 0
        var slots: UnsafePointer<Int32>?
        let base = line.baseAddress?.assumingMemoryBound(to: CChar.self)
        let code = ledgerjson_parse(parser, base, line.count, max(capacity, line.count), &tokens, &count, &slots)
        if code == LEDGERJSON_DUPLICATE_KEY, let duplicate = tokens?[count] {
            throw .duplicateField(String(decoding: UnsafeRawBufferPointer(start: duplicate.key, count: Int(duplicate.key_length)), as: UTF8.self))
        }
        guard code == 0, let tokens else { throw .invalidJSON(String(cString: ledgerjson_error_message(code))) }
        let buffer = UnsafeBufferPointer(start: tokens, count: count)
        guard buffer[0].kind == LEDGERJSON_OBJECT.rawValue else { throw .notAnObject }
        hint[0] = -1
        return try Self.record(LedgerFieldReader(tokens: buffer, object: 0, path: "", hint: hint, lastCurrency: lastCurrency, slots: slots))
    }

    /// Decodes one line given as text (tests, the CLI).
    package func decode(_ line: String) throws(LedgerCodecError) -> LedgerRecord {
        var line = line
        return try line.withUTF8 { bytes in Result { () throws(LedgerCodecError) in try decode(UnsafeRawBufferPointer(bytes)) } }.get()
    }

    /// Bytes that must follow a line in memory for it to be parsed in place.
    package static let padding = Int(LEDGERJSON_PADDING)

    /// The simdjson kernel chosen for this CPU (`haswell`, `westmere`, `fallback`).
    package static var implementation: String { String(cString: ledgerjson_implementation()) }

    private static func record(_ fields: LedgerFieldReader) throws(LedgerCodecError) -> LedgerRecord {
        let type = try fields.identifier("type")
        let id = try fields.identifier("id")
        let at = try fields.instant("at")
        let asOf = try fields.optionalDate("as_of")
        let body: LedgerRecord.Body
        switch type {
        case "customer": body = .customer(try customer(fields))
        case "invoice": body = .invoice(try invoice(fields))
        case "payment": body = .payment(try payment(fields))
        case "credit": body = .credit(try payment(fields))
        case "dispute": body = .dispute(DisputeRecord(invoice: try fields.identifier("invoice"), reason: try fields.string("reason")))
        case "promise":
            body = .promise(PromiseRecord(subject: try fields.subject(), until: try fields.date("until"),
                                          amount: try fields.optionalAmount("amount", currency: nil, positive: true),
                                          confirm: try fields.optionalBool("confirm") ?? true))
        case "arrangement": body = .arrangement(try arrangement(fields))
        case "hold":
            body = .hold(HoldRecord(subject: try fields.subject(), until: try fields.optionalDate("until"),
                                    reason: try fields.string("reason")))
        case "resolve":
            body = .resolve(ResolveRecord(ref: try fields.identifier("ref"),
                                          outcome: try fields.optionalEnumeration("outcome", ResolveOutcome.self, allowed: "sent, not-sent"),
                                          note: try fields.optionalString("note")))
        case "note": body = .note(NoteRecord(subject: try fields.subject(), text: try fields.string("text")))
        case "void": body = .void(VoidRecord(ref: try fields.identifier("ref"), reason: try fields.string("reason")))
        case "contact-check": body = .contactCheck(try contactCheck(fields))
        case "reminder": body = .reminder(try reminder(fields))
        case "bounce": body = .bounce(try bounce(fields))
        case "task":
            body = .task(TaskRecord(customer: try fields.identifier("customer"), invoices: try fields.identifiers("invoices", nonEmpty: false),
                                    kind: TaskKind(rawValue: try fields.identifier("kind")), text: try fields.string("text"),
                                    step: try fields.optionalIdentifier("step")))
        case "handover":
            body = .handover(HandoverRecord(customer: try fields.identifier("customer"), invoices: try fields.identifiers("invoices", nonEmpty: true),
                                            file: try fields.identifier("file"), step: try fields.optionalIdentifier("step")))
        case "digest":
            body = .digest(DigestRecord(date: try fields.date("date"), to: try fields.identifier("to"),
                                        messageID: try fields.identifier("message_id")))
        default: body = .unknown(type: type)
        }
        return LedgerRecord(id: id, at: at, asOf: asOf, body: body)
    }

    private static func customer(_ fields: LedgerFieldReader) throws(LedgerCodecError) -> CustomerRecord {
        CustomerRecord(
            customer: try fields.identifier("customer"), name: try fields.string("name"),
            email: try fields.string("email"), phone: try fields.string("phone"),
            kind: try fields.enumeration("kind", CustomerKind.self, allowed: "business, consumer"),
            country: try fields.country("country"), language: try fields.identifier("language"),
            extra: try fields.stringMap("extra"))
    }

    private static func invoice(_ fields: LedgerFieldReader) throws(LedgerCodecError) -> InvoiceRecord {
        let currency = try fields.currency("currency")
        return InvoiceRecord(
            invoice: try fields.identifier("invoice"), customer: try fields.identifier("customer"),
            issued: try fields.date("issued"), due: try fields.date("due"),
            amount: try fields.amount("amount", currency: currency, positive: false), currency: currency,
            order: try fields.optionalString("order"), pdf: try fields.optionalString("pdf"),
            extra: try fields.stringMap("extra"))
    }

    /// Payments and credit notes: the amount must be greater than zero.
    private static func payment(_ fields: LedgerFieldReader) throws(LedgerCodecError) -> PaymentRecord {
        let currency = try fields.currency("currency")
        return PaymentRecord(
            invoice: try fields.identifier("invoice"), date: try fields.date("date"),
            amount: try fields.amount("amount", currency: currency, positive: true), currency: currency,
            reference: try fields.optionalString("reference"), overpayment: try fields.optionalBool("overpayment") ?? false)
    }

    private static func arrangement(_ fields: LedgerFieldReader) throws(LedgerCodecError) -> ArrangementRecord {
        let invoices = try fields.identifiers("invoices", nonEmpty: true)
        var instalments: [Instalment] = []
        for element in try fields.objects("instalments") {
            instalments.append(Instalment(due: try element.date("due"), amount: try element.amount("amount", currency: nil, positive: true)))
        }
        guard !instalments.isEmpty else { throw .invalidValue(field: "instalments", message: "must not be empty") }
        return ArrangementRecord(invoices: invoices, instalments: instalments, confirm: try fields.optionalBool("confirm") ?? true)
    }

    private static func contactCheck(_ fields: LedgerFieldReader) throws(LedgerCodecError) -> ContactCheckRecord {
        ContactCheckRecord(
            customer: try fields.identifier("customer"),
            channel: try fields.enumeration("channel", ContactChannel.self, allowed: "email, phone"),
            address: try fields.string("address"),
            result: try fields.enumeration("result", ContactResult.self, allowed: "valid, invalid, unverified"),
            reason: try fields.string("reason"), mx: try fields.optionalIdentifiers("mx", nonEmpty: false))
    }

    private static func reminder(_ fields: LedgerFieldReader) throws(LedgerCodecError) -> ReminderRecord {
        ReminderRecord(
            customer: try fields.identifier("customer"), step: try fields.identifier("step"),
            invoices: try fields.identifiers("invoices", nonEmpty: true), to: try fields.identifier("to"),
            messageID: try fields.identifier("message_id"),
            state: try fields.enumeration("state", ReminderState.self, allowed: "sending, sent, deferred, failed, uncertain"),
            reply: try fields.optionalString("reply"))
    }

    private static func bounce(_ fields: LedgerFieldReader) throws(LedgerCodecError) -> BounceRecord {
        BounceRecord(
            address: try fields.string("address"),
            kind: try fields.enumeration("kind", BounceKind.self, allowed: "hard, soft"),
            status: try fields.string("status"), diagnostic: try fields.string("diagnostic"),
            customer: try fields.optionalIdentifier("customer"), messageID: try fields.optionalIdentifier("message_id"))
    }
}

@available(*, unavailable) extension LedgerDecoder: Sendable {}
