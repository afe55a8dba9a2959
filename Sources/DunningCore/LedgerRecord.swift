import Foundation

/// One line of the ledger: every record has a `type`, a unique `id` and the instant `at`
/// it was recorded. The schema of each type is fixed (the record table in docs/ledger.md); fields
/// beyond the table are ours (documented per field).
public struct LedgerRecord: Sendable, Equatable {
    public var id: String
    /// The real instant it was recorded: evidence, never moved by `--as-of`.
    public var at: Date
    /// The day a command run with `--as-of D` simulated (`as_of`): timing decisions take
    /// the record as made on that day (`LedgerEntry.day(in:)`, `Planner.instant(of:)`).
    public var asOf: CalendarDate?
    public var body: Body

    public init(id: String, at: Date, asOf: CalendarDate? = nil, body: Body) {
        self.id = id
        self.at = at
        self.asOf = asOf
        self.body = body
    }

    /// What the record says. `unknown` keeps a type this version does not know, verbatim
    /// (forward compatibility: kept in the file, skipped by the engine).
    public enum Body: Sendable, Equatable {
        case customer(CustomerRecord)
        case invoice(InvoiceRecord)
        case payment(PaymentRecord)
        case credit(PaymentRecord)
        case dispute(DisputeRecord)
        case promise(PromiseRecord)
        case arrangement(ArrangementRecord)
        case hold(HoldRecord)
        case resolve(ResolveRecord)
        case note(NoteRecord)
        case void(VoidRecord)
        case contactCheck(ContactCheckRecord)
        case reminder(ReminderRecord)
        case bounce(BounceRecord)
        case task(TaskRecord)
        case handover(HandoverRecord)
        case digest(DigestRecord)
        case unknown(type: String)
    }

    /// The id of the record a `void` or `resolve` refers to; `nil` for other types.
    public var ref: String? {
        switch body {
        case .void(let value): value.ref
        case .resolve(let value): value.ref
        default: nil
        }
    }

    /// The `type` field as written in the ledger.
    public var type: String {
        if let kind = RecordKind(body) { return kind.name }
        guard case .unknown(let type) = body else { preconditionFailure("RecordKind covers every known body") }
        return type
    }
}

/// Business or consumer: decides which cost law and limitation period apply.
public enum CustomerKind: String, Sendable, Hashable, CaseIterable {
    case business, consumer
}

/// A record about either a whole customer or one invoice (promise, hold, note).
public enum Subject: Sendable, Hashable {
    case customer(String)
    case invoice(String)
}

public struct CustomerRecord: Sendable, Equatable {
    public var customer: String
    public var name: String
    public var email: String
    public var phone: String
    public var kind: CustomerKind
    /// ISO 3166 alpha-2, upper case.
    public var country: String
    /// BCP 47 language (`nl`, `ro`, `en`, ...).
    public var language: String
    /// CSV columns beyond the fixed ones, kept verbatim (written as the object `extra`).
    public var extra: [String: String]

    public init(customer: String, name: String, email: String, phone: String, kind: CustomerKind,
                country: String, language: String, extra: [String: String] = [:]) {
        self.customer = customer
        self.name = name
        self.email = email
        self.phone = phone
        self.kind = kind
        self.country = country
        self.language = language
        self.extra = extra
    }
}

public struct InvoiceRecord: Sendable, Equatable {
    public var invoice: String
    public var customer: String
    public var issued: CalendarDate
    public var due: CalendarDate
    public var amount: Decimal
    public var currency: Currency
    public var order: String?
    public var pdf: String?
    /// CSV columns beyond the fixed ones, kept verbatim (written as the object `extra`).
    public var extra: [String: String]

    public init(invoice: String, customer: String, issued: CalendarDate, due: CalendarDate, amount: Decimal,
                currency: Currency, order: String? = nil, pdf: String? = nil, extra: [String: String] = [:]) {
        self.invoice = invoice
        self.customer = customer
        self.issued = issued
        self.due = due
        self.amount = amount
        self.currency = currency
        self.order = order
        self.pdf = pdf
        self.extra = extra
    }
}

/// A payment received, or a credit note, against one invoice.
public struct PaymentRecord: Sendable, Equatable {
    public var invoice: String
    public var date: CalendarDate
    public var amount: Decimal
    public var currency: Currency
    public var reference: String?
    /// The bookkeeper said that this is more than was open on the invoice, on purpose
    /// (`ledger pay --overpayment`; ours: the field `overpayment`, written only when `true`).
    public var overpayment: Bool

    public init(invoice: String, date: CalendarDate, amount: Decimal, currency: Currency, reference: String? = nil,
                overpayment: Bool = false) {
        self.invoice = invoice
        self.date = date
        self.amount = amount
        self.currency = currency
        self.reference = reference
        self.overpayment = overpayment
    }
}

public struct DisputeRecord: Sendable, Equatable {
    public var invoice: String
    public var reason: String
    public init(invoice: String, reason: String) {
        self.invoice = invoice
        self.reason = reason
    }
}

/// A promise to pay by `until` (optionally a partial `amount`, in the invoices' currency).
public struct PromiseRecord: Sendable, Equatable {
    public var subject: Subject
    public var until: CalendarDate
    public var amount: Decimal?
    /// Whether the send cycle confirms it to the customer in writing (ours: the field
    /// `confirm`, written only when `false`; absent means `true`).
    public var confirm: Bool
    public init(subject: Subject, until: CalendarDate, amount: Decimal? = nil, confirm: Bool = true) {
        self.subject = subject
        self.until = until
        self.amount = amount
        self.confirm = confirm
    }
}

public struct Instalment: Sendable, Equatable {
    public var due: CalendarDate
    public var amount: Decimal
    public init(due: CalendarDate, amount: Decimal) {
        self.due = due
        self.amount = amount
    }
}

/// An instalment arrangement over one or more invoices of one customer.
public struct ArrangementRecord: Sendable, Equatable {
    public var invoices: [String]
    public var instalments: [Instalment]
    /// Whether the send cycle confirms it to the customer in writing (ours: the field
    /// `confirm`, written only when `false`; absent means `true`).
    public var confirm: Bool
    public init(invoices: [String], instalments: [Instalment], confirm: Bool = true) {
        self.invoices = invoices
        self.instalments = instalments
        self.confirm = confirm
    }
}

public struct HoldRecord: Sendable, Equatable {
    public var subject: Subject
    /// Last day of the hold; `nil` holds until resolved.
    public var until: CalendarDate?
    public var reason: String
    public init(subject: Subject, until: CalendarDate? = nil, reason: String) {
        self.subject = subject
        self.until = until
        self.reason = reason
    }
}

/// How an `uncertain` send was settled by the bookkeeper.
public enum ResolveOutcome: String, Sendable, Hashable {
    case sent
    case notSent = "not-sent"
}

/// Ends a dispute, hold, promise or arrangement (`ref` is its record id), or settles an
/// uncertain send (`ref` is its Message-ID).
public struct ResolveRecord: Sendable, Equatable {
    public var ref: String
    public var outcome: ResolveOutcome?
    public var note: String?
    public init(ref: String, outcome: ResolveOutcome? = nil, note: String? = nil) {
        self.ref = ref
        self.outcome = outcome
        self.note = note
    }
}

public struct NoteRecord: Sendable, Equatable {
    public var subject: Subject
    public var text: String
    public init(subject: Subject, text: String) {
        self.subject = subject
        self.text = text
    }
}

/// Cancels a wrong record: the engine acts as if record `ref` had never been written.
public struct VoidRecord: Sendable, Equatable {
    public var ref: String
    public var reason: String
    public init(ref: String, reason: String) {
        self.ref = ref
        self.reason = reason
    }
}

public enum ContactChannel: String, Sendable, Hashable {
    case email, phone
}

public enum ContactResult: String, Sendable, Hashable {
    case valid, invalid, unverified
}

public struct ContactCheckRecord: Sendable, Equatable {
    public var customer: String
    public var channel: ContactChannel
    public var address: String
    public var result: ContactResult
    public var reason: String
    public var mx: [String]?
    public init(customer: String, channel: ContactChannel, address: String, result: ContactResult,
                reason: String, mx: [String]? = nil) {
        self.customer = customer
        self.channel = channel
        self.address = address
        self.result = result
        self.reason = reason
        self.mx = mx
    }
}

public enum ReminderState: String, Sendable, Hashable {
    case sending, sent, deferred, failed, uncertain
}

/// One message of a policy step to one customer, journaled around its delivery.
public struct ReminderRecord: Sendable, Equatable {
    public var customer: String
    public var step: String
    public var invoices: [String]
    public var to: String
    public var messageID: String
    public var state: ReminderState
    /// The server's reply (`250 2.0.0 Ok: queued as ...`), or why it failed.
    public var reply: String?
    public init(customer: String, step: String, invoices: [String], to: String, messageID: String,
                state: ReminderState, reply: String? = nil) {
        self.customer = customer
        self.step = step
        self.invoices = invoices
        self.to = to
        self.messageID = messageID
        self.state = state
        self.reply = reply
    }
}

public enum BounceKind: String, Sendable, Hashable {
    case hard, soft
}

public struct BounceRecord: Sendable, Equatable {
    public var address: String
    public var kind: BounceKind
    /// RFC 3463 status (`5.1.1`).
    public var status: String
    public var diagnostic: String
    public var customer: String?
    public var messageID: String?
    public init(address: String, kind: BounceKind, status: String, diagnostic: String,
                customer: String? = nil, messageID: String? = nil) {
        self.address = address
        self.kind = kind
        self.status = status
        self.diagnostic = diagnostic
        self.customer = customer
        self.messageID = messageID
    }
}

/// Work for a human: a call, finding a new address, a broken promise.
public struct TaskRecord: Sendable, Equatable {
    public var customer: String
    public var invoices: [String]
    public var kind: TaskKind
    public var text: String
    /// The policy step that created it, when a step did (ours; lets the cadence go on).
    public var step: String?
    public init(customer: String, invoices: [String], kind: TaskKind, text: String, step: String? = nil) {
        self.customer = customer
        self.invoices = invoices
        self.kind = kind
        self.text = text
        self.step = step
    }
}

public struct HandoverRecord: Sendable, Equatable {
    public var customer: String
    public var invoices: [String]
    public var file: String
    /// The policy step that created it (ours).
    public var step: String?
    public init(customer: String, invoices: [String], file: String, step: String? = nil) {
        self.customer = customer
        self.invoices = invoices
        self.file = file
        self.step = step
    }
}

public struct DigestRecord: Sendable, Equatable {
    public var date: CalendarDate
    public var to: String
    public var messageID: String
    public init(date: CalendarDate, to: String, messageID: String) {
        self.date = date
        self.to = to
        self.messageID = messageID
    }
}
