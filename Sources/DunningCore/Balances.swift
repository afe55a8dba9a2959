import Foundation

/// What is still owed on one invoice, from the payments and credit notes that count.
public struct InvoiceBalance: Sendable, Equatable {
    public var invoice: InvoiceRecord
    public var paid: Decimal
    public var credited: Decimal
    /// Customer credit (another invoice's over-payment) applied to this invoice.
    public var allocated: Decimal
    /// amount − credited − paid − allocated, never below zero.
    public var open: Decimal
    /// What was paid or credited beyond the amount (becomes customer credit).
    public var surplus: Decimal
    /// The principal interest runs on: the amount less credit notes (a credit note
    /// corrects the invoice, so interest never ran on it).
    public var interestPrincipal: Decimal
    /// Payments and allocated credit, each lowering the principal from its date on.
    public var principalChanges: [PrincipalChange]
    /// Whether the invoice has any dispute, hold or promise records (saves the planner a lookup).
    var pausable: Bool
}

/// An over-payment kept as credit for a customer, in one currency.
public struct CustomerCredit: Sendable, Equatable {
    public var customer: String
    public var currency: Currency
    /// The invoices paid or credited beyond their amount.
    public var sources: [String]
    public var surplus: Decimal
    /// The part applied to other open invoices of the same currency, oldest due first.
    public var applied: Decimal
    /// The part left over: owed back to the customer or kept for future invoices.
    public var remaining: Decimal
    /// The invoices that received credit, with the amount each.
    public var appliedTo: [(invoice: String, amount: Decimal)]

    public static func == (lhs: CustomerCredit, rhs: CustomerCredit) -> Bool {
        lhs.customer == rhs.customer && lhs.currency == rhs.currency && lhs.sources == rhs.sources
            && lhs.surplus == rhs.surplus && lhs.applied == rhs.applied && lhs.remaining == rhs.remaining
            && lhs.appliedTo.elementsEqual(rhs.appliedTo) { $0.invoice == $1.invoice && $0.amount == $1.amount }
    }
}

/// Open amounts per invoice of one customer, never across currencies.
///
/// Decision: an over-payment settles its invoice, and the surplus is applied automatically
/// to the customer's other open invoices in the same currency, oldest due date first (ties
/// by invoice id), as a bookkeeper settles an account. It is dated on the latest payment
/// or credit of the over-paid invoice (from then on it lowers the other invoice's interest
/// principal). Whatever is left is reported as `CustomerCredit.remaining`.
public enum Balances {
    public static func customer(_ id: String, in state: LedgerState) -> (invoices: [InvoiceBalance], credits: [CustomerCredit]) {
        guard let customerState = state.customers[id] else { return ([], []) }
        return customer(customerState, in: state, active: state.isActive)
    }

    /// `customer(_:in:)` for a customer state at hand, with the planner's `ActiveFilter`.
    ///
    /// With `skipSettled`, invoices settled exactly (nothing open, no surplus, all in minor
    /// units) are left out: the planner has nothing to do with them, and they change
    /// neither the credits nor any sum.
    static func customer(_ customerState: CustomerState, in state: LedgerState, active: (String) -> Bool,
                         skipSettled: Bool = false) -> (invoices: [InvoiceBalance], credits: [CustomerCredit]) {
        let id = customerState.id
        var balances: [InvoiceBalance] = []
        balances.reserveCapacity(customerState.invoices.count)
        // Per balance: the open amount in minor units (nil: Decimal only) and the day of its
        // latest payment or credit (what an over-payment's credit is dated on).
        var openMinor: [Int64?] = []
        var lastMoves: [CalendarDate?] = []
        var anySurplus = false
        for invoiceID in customerState.invoices {
            guard let invoiceState = state.invoices[invoiceID],
                  let version = invoiceState.versions.firstIndex(where: { active($0.recordID) }),
                  invoiceState.versions[version].value.customer == id else { continue }
            let scale = invoiceState.versions[version].value.currency.minorUnits
            var lastMove: CalendarDate?
            // Integer minor units while everything fits; Decimal (slow on Linux) otherwise.
            var paidMinor: Int64? = 0, creditedMinor: Int64? = 0
            for index in invoiceState.payments.indices where active(invoiceState.payments[index].recordID) {
                let payment = invoiceState.payments[index].value
                paidMinor = add(paidMinor, payment.amount, scale: scale)
                lastMove = max(lastMove ?? payment.date, payment.date)
            }
            for index in invoiceState.credits.indices where active(invoiceState.credits[index].recordID) {
                let credit = invoiceState.credits[index].value
                creditedMinor = add(creditedMinor, credit.amount, scale: scale)
                lastMove = max(lastMove ?? credit.date, credit.date)
            }
            let amountMinor = MinorUnits.from(invoiceState.versions[version].value.amount, scale: scale)
            if skipSettled, let amount = amountMinor, let paid = paidMinor, let credited = creditedMinor, amount - credited - paid == 0 {
                continue
            }
            let invoice = invoiceState.versions[version].value
            let pausable = !invoiceState.disputes.isEmpty || !invoiceState.holds.isEmpty || !invoiceState.promises.isEmpty
            // Built only when needed: most invoices are settled, and the planner skips those.
            func changes() -> [PrincipalChange] {
                invoiceState.payments.compactMap { payment in
                    active(payment.recordID) ? PrincipalChange(date: payment.value.date, delta: -payment.value.amount) : nil
                }
            }
            let balance: InvoiceBalance
            if let amount = amountMinor, let paid = paidMinor, let credited = creditedMinor {
                let rest = amount - credited - paid
                balance = InvoiceBalance(
                    invoice: invoice, paid: MinorUnits.decimal(paid, scale: scale), credited: MinorUnits.decimal(credited, scale: scale),
                    allocated: 0, open: MinorUnits.decimal(max(rest, 0), scale: scale), surplus: MinorUnits.decimal(max(-rest, 0), scale: scale),
                    interestPrincipal: credited == 0 ? invoice.amount : MinorUnits.decimal(amount - credited, scale: scale),
                    principalChanges: rest > 0 ? changes() : [], pausable: pausable)
                openMinor.append(max(rest, 0))
                anySurplus = anySurplus || rest < 0
            } else {
                var paid: Decimal = 0, credited: Decimal = 0
                for payment in invoiceState.payments where active(payment.recordID) { paid += payment.value.amount }
                for credit in invoiceState.credits where active(credit.recordID) { credited += credit.value.amount }
                let rest = invoice.amount - credited - paid
                balance = InvoiceBalance(invoice: invoice, paid: paid, credited: credited, allocated: 0,
                                         open: max(rest, 0), surplus: max(-rest, 0),
                                         interestPrincipal: invoice.amount - credited, principalChanges: changes(),
                                         pausable: pausable)
                openMinor.append(nil)
                anySurplus = anySurplus || !balance.surplus.isZero
            }
            lastMoves.append(lastMove)
            balances.append(balance)
        }
        guard anySurplus else { return (balances, []) }
        var credits: [CustomerCredit] = []
        let currencies = Set(balances.filter { !$0.surplus.isZero }.map(\.invoice.currency))
        for currency in currencies.sorted(by: { $0.code < $1.code }) {
            credits.append(applyCredit(customer: id, currency: currency, balances: &balances, openMinor: openMinor, lastMoves: lastMoves))
        }
        return (balances, credits)
    }

    /// `sum` + `value` in minor units; `nil` once anything does not fit.
    private static func add(_ sum: Int64?, _ value: Decimal, scale: Int) -> Int64? {
        guard let sum, let units = MinorUnits.from(value, scale: scale) else { return nil }
        let (total, overflow) = sum.addingReportingOverflow(units)
        return overflow ? nil : total
    }

    /// Gathers the surplus in `currency` and applies it to the open invoices, oldest due first.
    private static func applyCredit(customer id: String, currency: Currency, balances: inout [InvoiceBalance],
                                    openMinor: [Int64?], lastMoves: [CalendarDate?]) -> CustomerCredit {
        var credit = CustomerCredit(customer: id, currency: currency, sources: [], surplus: 0, applied: 0,
                                    remaining: 0, appliedTo: [])
        let scale = currency.minorUnits
        var dated = CalendarDate(dayNumber: 0)
        var surplus = MoneySum(scale: scale)
        for index in balances.indices where balances[index].invoice.currency == currency && !balances[index].surplus.isZero {
            credit.sources.append(balances[index].invoice.invoice)
            surplus.add(balances[index].surplus)
            dated = max(dated, lastMoves[index] ?? balances[index].invoice.due)
        }
        credit.surplus = surplus.value
        let order = balances.indices
            .filter { balances[$0].invoice.currency == currency && !balances[$0].open.isZero }
            .sorted { (balances[$0].invoice.due, balances[$0].invoice.invoice) < (balances[$1].invoice.due, balances[$1].invoice.invoice) }
        if var left = MinorUnits.from(credit.surplus, scale: scale), order.allSatisfy({ openMinor[$0] != nil }) {
            // Integer path: every amount involved is exact in minor units.
            let total = left
            for index in order where left > 0 {
                let open = openMinor[index] ?? 0
                let minor = min(left, open)
                let amount = MinorUnits.decimal(minor, scale: scale)
                balances[index].allocated = amount
                balances[index].open = MinorUnits.decimal(open - minor, scale: scale)
                balances[index].principalChanges.append(PrincipalChange(date: dated, delta: -amount))
                credit.appliedTo.append((balances[index].invoice.invoice, amount))
                left -= minor
            }
            credit.applied = MinorUnits.decimal(total - left, scale: scale)
            credit.remaining = MinorUnits.decimal(left, scale: scale)
            return credit
        }
        var left = credit.surplus
        for index in order where left > 0 {
            let amount = min(left, balances[index].open)
            balances[index].allocated = amount
            balances[index].open -= amount
            balances[index].principalChanges.append(PrincipalChange(date: dated, delta: -amount))
            credit.appliedTo.append((balances[index].invoice.invoice, amount))
            left -= amount
        }
        credit.applied = credit.surplus - left
        credit.remaining = left
        return credit
    }
}
