import Foundation

/// Why a step that is due is not carried out now (the documented list; raw values are fixed).
public enum BlockReason: String, Sendable, Hashable, CaseIterable {
    case dispute
    case promise
    case arrangement
    case hold
    case contactInvalid = "contact-invalid"
    case contactUnverified = "contact-unverified"
    case outsideWindow = "outside-window"
    case belowMinimum = "below-minimum"
    /// A delivery retry is waiting.
    case deferred
    case uncertainSend = "uncertain-send"
}

/// Where an item stands on the as-of day.
///
/// `due`: the step should be carried out now. `waiting`: invoices are overdue but their next
/// step is not due yet (`PlanItem.stepDueOn` says when). `blocked`: due, or paused, but
/// held back for `PlanItem.blocked`.
public enum ItemStatus: String, Sendable, Hashable {
    case due, waiting, blocked
}

/// One invoice inside a plan item.
public struct PlanInvoice: Sendable, Equatable {
    public var id: String
    public var order: String?
    public var issued: CalendarDate
    public var due: CalendarDate
    /// as-of − due, in days.
    public var daysOverdue: Int
    public var amount: Decimal
    /// What is still owed (amount − payments − credits − applied customer credit).
    public var open: Decimal
    /// Collection costs charged for it in this step.
    public var costs: Decimal
    /// Interest for it in this step, rounded once.
    public var interest: Decimal
    /// The invoice's PDF as its record names it (attached to messages).
    public var pdf: String? = nil
}

/// An invoice taken out of an item because it is paused on its own.
public struct ExcludedInvoice: Sendable, Equatable {
    public var id: String
    public var reason: BlockReason
    public var detail: String
}

/// An instalment of an arrangement that was due (plus grace) and is not covered by payments.
public struct MissedInstalment: Sendable, Equatable {
    public var due: CalendarDate
    /// The instalment's amount.
    public var amount: Decimal
    /// The part of it still unpaid.
    public var unpaid: Decimal

    public init(due: CalendarDate, amount: Decimal, unpaid: Decimal) {
        self.due = due
        self.amount = amount
        self.unpaid = unpaid
    }
}

/// A claim nearing (or past) its limitation period.
public struct LimitationWarning: Sendable, Equatable {
    public var customer: String
    public var invoice: String
    /// The first day the claim is time-barred.
    public var expires: CalendarDate
    /// Days from as-of to `expires`; zero or negative when already barred.
    public var daysLeft: Int
    public var detail: String
}

/// Work for a human the plan proposes (the daemon records it as a `task`).
public struct ProposedTask: Sendable, Equatable {
    public var customer: String
    /// `brokenPromise` (ours).
    public var kind: TaskKind
    public var invoices: [String]
    public var text: String
    /// The record the task is about (the promise's id).
    public var ref: String
}

/// A customer with overdue invoices whom no policy applies to: not chased, shown to the
/// bookkeeper instead ("needs attention" in the plan and the digest).
public struct UnchasedCustomer: Sendable, Equatable {
    public var customer: String
    public var invoices: [String]
    public var detail: String
    /// What the overdue invoices leave open, one total per currency (in code order).
    public var open: [CurrencyAmount] = []
}

/// An amount in one currency.
public struct CurrencyAmount: Sendable, Equatable {
    public var currency: Currency
    public var amount: Decimal

    public init(currency: Currency, amount: Decimal) {
        self.currency = currency
        self.amount = amount
    }

    /// `EUR 349.00`.
    public var text: String { "\(currency.code) \(Money.string(amount, in: currency))" }
}

/// One proposed action: one customer, one policy step, one currency, all its invoices at
/// that step.
public struct PlanItem: Sendable, Equatable {
    public var customer: String
    public var customerName: String
    public var kind: CustomerKind
    public var country: String
    public var language: String
    public var policy: String
    public var step: String
    /// Position of `step` in the policy, from 0.
    public var stepIndex: Int
    /// The template KIND for email steps.
    public var template: String?
    public var channel: StepChannel
    /// Email for `email`, phone for `task`, `nil` for `handover` (or when unknown).
    public var to: String?
    public var status: ItemStatus
    public var blocked: BlockReason?
    public var detail: String?
    /// The day the step is (or was) due: the earliest of its invoices'.
    public var stepDueOn: CalendarDate
    public var currency: Currency
    /// Sum of the invoices' open amounts; for a missed-instalment item, the unpaid instalments.
    public var open: Decimal
    public var costs: Decimal
    public var interest: Decimal
    /// open + costs + interest.
    public var total: Decimal
    /// NL consumer 14-day letter: the exact WIK amount it must state (not charged yet).
    public var announcedCosts: Decimal?
    /// When announced or postponed costs may first be charged.
    public var costsChargeableFrom: CalendarDate?
    /// The new pay-by date the message states: as-of + the step's `payWithin` (at least the
    /// full 14-day term in a WIK letter).
    public var payBy: CalendarDate
    public var previousStep: String?
    /// The day the previous step was done (company zone).
    public var previousStepOn: CalendarDate?
    public var invoices: [PlanInvoice]
    public var excluded: [ExcludedInvoice]
    /// The arrangement (record id) a missed-instalment item chases.
    public var arrangement: String?
    public var missedInstalments: [MissedInstalment]
    public var warnings: [LimitationWarning]
    /// Remarks on amounts (no rates table, no costs in this currency, ...).
    public var notes: [String]
}

/// The planner's proposal for one moment: what is due, waiting or blocked, and why.
public struct Plan: Sendable, Equatable {
    public var asOf: CalendarDate
    public var asOfInstant: Date
    /// The first moment at or after as-of that messages may leave.
    public var nextSendMoment: Date
    /// `nextSendMoment` as a bookkeeper reads it.
    public var nextSendDescription: String
    /// Ordered by customer id, then step order, then currency.
    public var items: [PlanItem]
    public var tasks: [ProposedTask]
    public var warnings: [LimitationWarning]
    public var credits: [CustomerCredit]
    public var unchased: [UnchasedCustomer]
}
