import DunningCore
import Foundation
import Mail

/// Real plan items for template tests: a ledger in memory, the planner on the built-in
/// default policy (reminder 14 days after due, notice 30 days after due).
struct TemplateFixture {
    static let company = Company(name: "Voorbeeld B.V.", from: "debiteuren@voorbeeld.nl",
                                 iban: "NL91ABNA0417164300", locale: "nl_NL")
    /// Statutory interest tables the built-in policy's notice looks up (rates made up, yearly).
    static let config = DunningConfig(company: company, rates: [
        "nl-commercial": RateTable(compounding: .yearly, periods: [RatePeriod(from: day("2024-01-01"), rate: amount("12.15"))]),
        "nl-consumer": RateTable(compounding: .yearly, periods: [RatePeriod(from: day("2024-01-01"), rate: amount("6.00"))]),
        "ro-legal": RateTable(compounding: .yearly, periods: [RatePeriod(from: day("2024-01-01"), rate: amount("8.00"))]),
    ])

    var records: [LedgerRecord] = []
    let customer: CustomerRecord

    /// A customer with three invoices of 1000.00, 200.00 and 34.56 (1234.56 together),
    /// issued 2026-10-01..03 and due 2026-11-01..03; INV-2 has order reference PO-77.
    init(name: String = "Bakkerij Jansen", kind: CustomerKind = .business, country: String = "NL",
         language: String = "nl", currency: Currency = .euro) {
        customer = CustomerRecord(customer: "C-17", name: name, email: "jan@example.nl", phone: "+31201234567",
                                  kind: kind, country: country, language: language)
        add(.customer(customer))
        for (index, amount) in ["1000.00", "200.00", "34.56"].enumerated() {
            add(.invoice(InvoiceRecord(invoice: "INV-\(index + 1)", customer: "C-17",
                                       issued: TemplateFixture.day("2026-10-0\(index + 1)"),
                                       due: TemplateFixture.day("2026-11-0\(index + 1)"),
                                       amount: TemplateFixture.amount(amount), currency: currency,
                                       order: index == 1 ? "PO-77" : nil)))
        }
    }

    mutating func add(_ body: LedgerRecord.Body, at: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        records.append(LedgerRecord(id: "R\(records.count + 1)", at: at, body: body))
    }

    /// Records the reminder step as sent on `day` (noon UTC), so the notice comes next.
    mutating func reminderSent(on day: String) {
        let at = Date(timeIntervalSince1970: Double(TemplateFixture.day(day).dayNumber) * 86_400 + 43_200)
        for state in [ReminderState.sending, .sent] {
            add(.reminder(ReminderRecord(customer: "C-17", step: "reminder", invoices: ["INV-1", "INV-2", "INV-3"],
                                         to: "jan@example.nl", messageID: "m1@voorbeeld.nl", state: state)), at: at)
        }
    }

    func state() throws -> LedgerState {
        var state = LedgerState()
        try state.apply(records, firstLine: 1)
        return state
    }

    /// The plan item of C-17 on `asOf`.
    func item(asOf: String) throws -> PlanItem {
        let date = TemplateFixture.day(asOf)
        let plan = Planner.plan(config: TemplateFixture.config, state: try state(),
                                asOf: Planner.asOfInstant(for: date, config: TemplateFixture.config))
        guard let item = plan.items.first(where: { $0.customer == "C-17" }) else {
            throw FixtureError.noItem(asOf)
        }
        return item
    }

    /// The reminder data of C-17 on `asOf`.
    func data(asOf: String) throws -> TemplateData {
        TemplateData.reminder(item: try item(asOf: asOf), customer: customer, config: TemplateFixture.config,
                              asOf: TemplateFixture.day(asOf))
    }

    enum FixtureError: Error { case noItem(String) }

    static func day(_ text: String) -> CalendarDate {
        do { return try CalendarDate.parse(text) } catch { preconditionFailure("test date \(text): \(error)") }
    }

    static func amount(_ text: String) -> Decimal {
        do { return try Money.parse(text) } catch { preconditionFailure("test amount \(text): \(error)") }
    }

    static let ron = Currency(code: "RON") ?? .euro
}

/// Writes template files under a temporary folder: `files` maps `LANG/KIND.PART.mustache` to text.
func writeTemplates(_ files: [String: String], in folder: String) throws {
    for (name, text) in files {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// No-break space, as Foundation puts it between `€` and the amount in nl-NL.
let nbsp = "\u{00A0}"
