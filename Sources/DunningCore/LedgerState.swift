import Foundation

/// One record's value as the state keeps it: which record, when, at which ledger line.
public struct LedgerEntry<Value: Sendable & Equatable>: Sendable, Equatable {
    public var recordID: String
    /// The real instant it was recorded.
    public var at: Date
    /// The day it was recorded as, when a command ran with `--as-of` (`as_of`).
    public var asOf: CalendarDate?
    /// The ledger line number the record was applied from.
    public var position: Int
    public var value: Value

    public init(recordID: String, at: Date, asOf: CalendarDate? = nil, position: Int, value: Value) {
        self.recordID = recordID
        self.at = at
        self.asOf = asOf
        self.position = position
        self.value = value
    }

    /// The day it counts as made in `zone`: its `as_of` day, else the day of `at` there.
    public func day(in zone: TimeZone) -> CalendarDate {
        asOf ?? CalendarDate(at, in: zone)
    }

    /// The instant it counts as made, for timing decisions (retry backoff, verification
    /// age): `at` moved to its `as_of` day at the same time of day (whole days), else `at`.
    /// Two records made under the same `--as-of` day are as far apart as their real
    /// instants; a day apart in the simulation, they are a day apart here.
    public func instant(in zone: TimeZone) -> Date {
        guard let asOf else { return at }
        return CalendarDate.moving(at, to: asOf, in: zone)
    }
}

/// Everything the ledger says about one customer, in ledger order.
public struct CustomerState: Sendable, Equatable {
    public var id: String
    /// Every `customer` record for this id (upserts); the latest not voided is current.
    public var versions: [LedgerEntry<CustomerRecord>] = []
    /// Invoice ids in the order they were first recorded.
    public var invoices: [String] = []
    public var promises: [LedgerEntry<PromiseRecord>] = []
    public var holds: [LedgerEntry<HoldRecord>] = []
    public var arrangements: [LedgerEntry<ArrangementRecord>] = []
    public var contactChecks: [LedgerEntry<ContactCheckRecord>] = []
    /// Message-IDs (normalized, without `<>`) of this customer's reminders, first seen first.
    public var messages: [String] = []
    public var tasks: [LedgerEntry<TaskRecord>] = []
    public var handovers: [LedgerEntry<HandoverRecord>] = []

    public init(id: String) { self.id = id }
}

/// Everything the ledger says about one invoice, in ledger order.
public struct InvoiceState: Sendable, Equatable {
    /// Every `invoice` record with this id (repeats carry the same data); the first not
    /// voided is in force.
    public var versions: [LedgerEntry<InvoiceRecord>] = []
    public var payments: [LedgerEntry<PaymentRecord>] = []
    public var credits: [LedgerEntry<PaymentRecord>] = []
    public var disputes: [LedgerEntry<DisputeRecord>] = []
    public var promises: [LedgerEntry<PromiseRecord>] = []
    public var holds: [LedgerEntry<HoldRecord>] = []
    /// 1 + the index in `LedgerState.currencies` of the first version's currency (0: not
    /// known), so a payment checks its currency without reaching for `versions`. A cache:
    /// not part of `==`.
    var currencyHint: UInt8 = 0

    public static func == (lhs: InvoiceState, rhs: InvoiceState) -> Bool {
        lhs.versions == rhs.versions && lhs.payments == rhs.payments && lhs.credits == rhs.credits
            && lhs.disputes == rhs.disputes && lhs.promises == rhs.promises && lhs.holds == rhs.holds
    }
}

/// One outgoing message (one Message-ID) and its delivery states in ledger order.
public struct MessageState: Sendable, Equatable {
    public struct Event: Sendable, Equatable {
        public var state: ReminderState
        public var reply: String?
    }

    public var messageID: String
    public var customer: String
    public var step: String
    public var invoices: [String]
    public var to: String
    public var events: [LedgerEntry<Event>] = []
    /// `resolve --ref MESSAGE-ID --outcome ...` records for this message.
    public var settlements: [LedgerEntry<ResolveOutcome>] = []

    /// Whether the message reached the customer, as far as the ledger says: the
    /// bookkeeper's latest settlement (not voided) overrides what the server said.
    public enum Delivered: Sendable, Equatable {
        /// Delivered; the event whose day counts (the first attempt of a message settled
        /// `sent`, else its first `sent` event).
        case yes(LedgerEntry<Event>)
        /// Settled `not-sent`: it counts nowhere (history, "we reminded you on", limitation).
        case settledNotSent
        /// Not (yet) delivered: sending, uncertain, deferred or failed.
        case no
    }

    /// See `Delivered`. The planner, the digest and the dossier all ask this.
    public func delivered(in state: LedgerState) -> Delivered {
        let events = self.events.filter { state.isActive($0.recordID) }
        if let settled = settlements.last(where: { state.isActive($0.recordID) }) {
            guard settled.value == .sent, let first = events.first else { return .settledNotSent }
            return .yes(first)
        }
        return events.first { $0.value.state == .sent }.map(Delivered.yes) ?? .no
    }
}

/// What kind of record an id names, so that `void` and `resolve` can refer back.
///
/// One byte per record: the id index holds a million of them (a `String` raw value is
/// computed, not stored). The raw value is the record's `type` as written in the ledger.
enum RecordKind: String, Sendable, Equatable {
    case customer, invoice, payment, credit, dispute, promise, arrangement, hold, resolve
    case note, void, contactCheck = "contact-check", reminder, bounce, task, handover, digest

    /// The kind of a record body; `nil` for types this version does not know.
    init?(_ body: LedgerRecord.Body) {
        switch body {
        case .customer: self = .customer
        case .invoice: self = .invoice
        case .payment: self = .payment
        case .credit: self = .credit
        case .dispute: self = .dispute
        case .promise: self = .promise
        case .arrangement: self = .arrangement
        case .hold: self = .hold
        case .resolve: self = .resolve
        case .note: self = .note
        case .void: self = .void
        case .contactCheck: self = .contactCheck
        case .reminder: self = .reminder
        case .bounce: self = .bounce
        case .task: self = .task
        case .handover: self = .handover
        case .digest: self = .digest
        case .unknown: return nil
        }
    }

    /// The `type` field as written in the ledger.
    var name: String { rawValue }
}

/// A record that contradicts what the ledger already says.
public struct LedgerStateError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case duplicateRecordID(String)
        case conflictingInvoice(String)
        case unknownInvoice(String)
        case unknownCustomer(String)
        case currencyMismatch(invoice: String, invoiceCurrency: String, recordCurrency: String)
        case unknownRef(String)
        case notResolvable(ref: String, type: String)
        case outcomeRequired(messageID: String)
        case mixedArrangement(String)
        case emptyArrangement
    }

    /// The ledger line number passed to `apply`.
    public var position: Int
    /// The id of the offending record.
    public var recordID: String
    public var reason: Reason

    public init(position: Int, recordID: String, reason: Reason) {
        self.position = position
        self.recordID = recordID
        self.reason = reason
    }

    /// The message without location: the CLI prints `PATH:\(position): error: \(description)`.
    public var description: String {
        let message: String = switch reason {
        case .duplicateRecordID(let id): "record id '\(id)' is used twice"
        case .conflictingInvoice(let id): "invoice '\(id)' already exists with other data"
        case .unknownInvoice(let id): "unknown invoice '\(id)'"
        case .unknownCustomer(let id): "unknown customer '\(id)'"
        case .currencyMismatch(let invoice, let expected, let got):
            "currency \(got) does not match invoice '\(invoice)' in \(expected)"
        case .unknownRef(let ref): "no record or message with id '\(ref)'"
        case .notResolvable(let ref, let type):
            "record '\(ref)' is a \(type); resolve ends a dispute, hold, promise or arrangement, or settles an uncertain send"
        case .outcomeRequired(let id): "resolving message '\(id)' needs --outcome sent or not-sent"
        case .mixedArrangement(let detail): "arrangement over \(detail)"
        case .emptyArrangement: "arrangement without invoices or instalments"
        }
        return "record '\(recordID)': \(message)"
    }
}

/// The ledger folded into indexes the planner reads: per customer, per invoice, per message.
///
/// Built incrementally with `apply(_:position:)`, one record at a time in ledger order, so
/// the daemon can tail the ledger. Voids and resolves are kept as sets of record ids and
/// honoured when read, so applying one is O(1).
///
/// - Complexity: `apply` is amortized O(k) for a record listing k invoices.
public struct LedgerState: Sendable {
    public internal(set) var customers: [String: CustomerState] = [:]
    public internal(set) var invoices: [String: InvoiceState] = [:]
    public internal(set) var messages: [String: MessageState] = [:]
    /// Bounces by lower-cased address.
    public internal(set) var bounces: [String: [LedgerEntry<BounceRecord>]] = [:]
    /// The same bounces by the normalized Message-ID they name (those that name one), so the
    /// planner asks "did this message bounce" without building a key per message.
    public internal(set) var bouncesByMessage: [String: [LedgerEntry<BounceRecord>]] = [:]
    /// The bookkeeper's daily digests sent, in ledger order (one per day; see `Daemon.DigestSchedule`).
    public internal(set) var digests: [LedgerEntry<DigestRecord>] = []
    /// Ids of records a `void` cancelled (and not un-cancelled by voiding that void).
    public internal(set) var voided: Set<String> = []
    /// The `customer` and `invoice` record ids among `voided`: the only ones version checks
    /// look up, so that voided payments and the like leave those checks hash-free.
    var voidedVersions: Set<String> = []
    /// The invoices' currencies, for `InvoiceState.currencyHint` (a handful at most).
    var currencies: [Currency] = []
    /// Ids of disputes, holds, promises and arrangements ended by a (not voided) resolve,
    /// mapped to the resolve record ids.
    var resolvedBy: [String: [String]] = [:]
    var kinds = RecordKinds()
    /// `void` record id → the id it cancels (so that voiding a void restores its target).
    var voidTargets: [String: String] = [:]
    /// Records applied so far (unknown types included).
    public internal(set) var count = 0

    public init() {}

    /// An empty state with room for about `records` ledger records (a ledger line is
    /// typically 150–250 bytes: estimate from the file size), so a large ledger loads
    /// without rehashing its indexes.
    public init(reservingCapacity records: Int) {
        reserveCapacity(records)
    }

    /// Makes room for about `records` more records.
    ///
    /// Guesses at the mix: up to half invoices, a sixteenth customers, a twenty-fourth
    /// messages (a message has one record per delivery state). Too little costs a rehash,
    /// too much the memory of a table that is mostly empty but touched all over.
    public mutating func reserveCapacity(_ records: Int) {
        kinds.reserveCapacity(records)
        invoices.reserveCapacity(invoices.count + records / 2)
        messages.reserveCapacity(messages.count + records / 24)
        customers.reserveCapacity(customers.count + records / 16)
    }

    /// Whether a record with this id was applied (for `RecordID.generate(type:isTaken:)`).
    /// Records of unknown types are not indexed.
    public func contains(recordID id: String) -> Bool { kinds[id] != nil }

    /// Whether record `id` counts: not voided.
    public func isActive(_ id: String) -> Bool { !voided.contains(id) }

    /// Whether a dispute, hold, promise or arrangement was ended by a resolve that counts.
    public func isResolved(_ id: String) -> Bool {
        guard let resolves = resolvedBy[id] else { return false }
        return resolves.contains { isActive($0) }
    }

    /// The customer's current data: the latest `customer` record not voided.
    public func customer(_ id: String) -> CustomerRecord? {
        customers[id]?.versions.last { isActive($0.recordID) }?.value
    }

    /// The invoice in force: the first `invoice` record for the id not voided.
    public func invoice(_ id: String) -> InvoiceRecord? {
        invoices[id]?.versions.first { isActive($0.recordID) }?.value
    }

    /// `dunning.reminder.C-1.abc@example.nl` + 2 → `dunning.reminder.C-1.abc-2@example.nl`: the
    /// id of the next message for what `id` was for, once `id` is used up (settled
    /// `not-sent`, failed): an id names one message only.
    public static func numberedMessageID(_ id: String, _ counter: Int) -> String {
        guard let at = id.lastIndex(of: "@") else { return "\(id)-\(counter)" }
        return "\(id[..<at])-\(counter)\(id[at...])"
    }

    /// `<abc@host>` and `abc@host` name the same message.
    public static func normalizedMessageID(_ id: String) -> String {
        let bytes = id.utf8
        // Only a string starting with the byte `<` can start with the character `<`.
        guard bytes.first == UInt8(ascii: "<") else { return id }
        // ASCII (as Message-IDs are): characters are bytes, so skip the grapheme work.
        if bytes.last == UInt8(ascii: ">"), bytes.count >= 2, bytes.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self)
        }
        if id.hasPrefix("<"), id.hasSuffix(">"), id.count >= 2 { return String(id.dropFirst().dropLast()) }
        return id
    }
}
