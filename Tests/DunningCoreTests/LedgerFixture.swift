import DunningCore
import Foundation

/// Builds ledger records in Swift for the engine's tests (no files).
struct LedgerFixture {
    var records: [LedgerRecord] = []

    /// Appends a record and returns its id (`R<n>` unless given).
    @discardableResult
    mutating func add(_ body: LedgerRecord.Body, at: String = "2026-01-01T10:00:00Z", id: String? = nil) -> String {
        let recordID = id ?? "R\(records.count + 1)"
        records.append(LedgerRecord(id: recordID, at: instant(at), body: body))
        return recordID
    }

    @discardableResult
    mutating func customer(_ id: String, kind: CustomerKind = .business, country: String = "NL",
                           email: String = "jan@example.nl", phone: String = "+31201234567") -> String {
        add(.customer(CustomerRecord(customer: id, name: "Klant \(id)", email: email, phone: phone, kind: kind,
                                     country: country, language: "nl")))
    }

    @discardableResult
    mutating func invoice(_ id: String, customer: String, due: String, amount: Decimal,
                          currency: Currency = .euro) -> String {
        add(.invoice(InvoiceRecord(invoice: id, customer: customer, issued: day(due).adding(days: -30), due: day(due),
                                   amount: amount, currency: currency)))
    }

    @discardableResult
    mutating func pay(_ invoice: String, _ amount: Decimal, on date: String, currency: Currency = .euro) -> String {
        add(.payment(PaymentRecord(invoice: invoice, date: day(date), amount: amount, currency: currency)))
    }

    /// A reminder message with one state record per entry of `states`, all at `at`.
    mutating func reminder(_ customer: String, step: String, invoices: [String], at: String,
                           states: [ReminderState] = [.sending, .sent], to: String = "jan@example.nl",
                           messageID: String? = nil) {
        let message = messageID ?? "m\(records.count)@dunning.test"
        for state in states {
            add(.reminder(ReminderRecord(customer: customer, step: step, invoices: invoices, to: to,
                                         messageID: message, state: state)), at: at)
        }
    }

    func state() throws -> LedgerState {
        var state = LedgerState()
        for (index, record) in records.enumerated() { try state.apply(record, position: index + 1) }
        return state
    }
}

func day(_ text: String) -> CalendarDate {
    do { return try CalendarDate.parse(text) } catch { preconditionFailure("test date \(text): \(error)") }
}

func instant(_ text: String) -> Date {
    guard let date = Timestamp.parse(text) else { preconditionFailure("test instant \(text)") }
    return date
}

func money(_ text: String) -> Decimal {
    do { return try Money.parse(text, allowNegative: true) } catch { preconditionFailure("test amount \(text): \(error)") }
}

let ron = Currency(code: "RON") ?? .euro

/// The documented example business policy.
let zakelijk = Policy(id: "zakelijk", appliesTo: PolicyMatch(kind: .business), grace: 3, minimum: 10, steps: [
    PolicyStep(id: "herinnering", after: .days(14), from: .due, template: "reminder", channel: .email),
    PolicyStep(id: "aanmaning", after: .days(14), from: .previous, template: "notice", channel: .email,
               costs: .euFlat40, interest: .rates("nl-commercial")),
    PolicyStep(id: "bellen", after: .days(7), from: .previous, channel: .task),
    PolicyStep(id: "incasso", after: .days(14), from: .previous, channel: .handover),
])

func config(policies: [Policy] = [zakelijk], rates: [String: RateTable] = [:], limitation: [LimitationRule] = [],
            verification: Verification = Verification(), flat: [String: Decimal] = [:]) -> DunningConfig {
    DunningConfig(company: Company(name: "Voorbeeld B.V.", from: "debiteuren@voorbeeld.nl"),
                  verification: verification, policies: policies, rates: rates, limitation: limitation,
                  flatCompensation: flat)
}

let nlCommercial = RateTable(compounding: .yearly, periods: [
    RatePeriod(from: day("2024-01-01"), rate: money("12.50")), RatePeriod(from: day("2024-07-01"), rate: money("12.25")),
])
