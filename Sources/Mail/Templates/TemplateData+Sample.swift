import DunningCore
import Foundation

extension TemplateData {
    /// Made-up data of the right shape for `kind`, in `language`: what `check` renders every
    /// template with and what `send-test` sends.
    ///
    /// Three invoices of a business customer on 9 November 2026; a notice-like letter (costs
    /// and interest) for every policy KIND, an arrangement for `confirmation`, a busy day for
    /// `digest`. The customer's country is the company's when the language is the company's,
    /// else the language's home country (`ro` → RO, paying in RON).
    public static func sample(kind: String, config: DunningConfig, language: String) -> TemplateData {
        let language = language.lowercased()
        let country = language == config.company.language
            ? config.company.country
            : (sampleCountries[language] ?? config.company.country)
        let currency = country == "RO" ? (Currency(code: "RON") ?? .euro) : .euro
        let customer = CustomerRecord(customer: "C-1001", name: sampleNames[language] ?? "Example Customer Ltd",
                                      email: "accounts@example.com", phone: "+31 20 123 4567", kind: .business,
                                      country: country, language: language)
        let asOf = sampleDay(2026, 11, 9)
        let invoices = [
            InvoiceRecord(invoice: "INV-2026-0141", customer: "C-1001", issued: sampleDay(2026, 9, 1),
                          due: sampleDay(2026, 10, 1), amount: sampleAmount("1234.56"), currency: currency, order: "PO-7781"),
            InvoiceRecord(invoice: "INV-2026-0150", customer: "C-1001", issued: sampleDay(2026, 9, 8),
                          due: sampleDay(2026, 10, 8), amount: sampleAmount("350"), currency: currency),
            InvoiceRecord(invoice: "INV-2026-0163", customer: "C-1001", issued: sampleDay(2026, 9, 15),
                          due: sampleDay(2026, 10, 15), amount: sampleAmount("99.95"), currency: currency, order: "PO-7802"),
        ]
        switch shape(ofKind: kind) {
        case .digest:
            return digest(date: asOf,
                          sent: ["C-1001 INV-2026-0141,INV-2026-0150 reminder to accounts@example.com"],
                          failed: ["C-1002 INV-2026-0122 notice to info@example.org: 550 5.1.1 mailbox unknown"],
                          uncertain: ["C-1003 INV-2026-0130 reminder to ap@example.net: no reply after DATA"],
                          tasks: ["C-1004 call +31 20 765 4321: INV-2026-0101, INV-2026-0104 (notice sent 26 October 2026)"],
                          warnings: ["C-1005 INV-2021-0017: time-barred from 1 January 2027"],
                          config: config)
        case .confirmation:
            let open = invoices.map { OpenInvoice(invoice: $0, open: $0.amount) }
            let arrangement = ArrangementRecord(invoices: invoices.map(\.invoice), instalments: [
                Instalment(due: sampleDay(2026, 11, 20), amount: sampleAmount("561.51")),
                Instalment(due: sampleDay(2026, 12, 20), amount: sampleAmount("561.50")),
                Instalment(due: sampleDay(2027, 1, 20), amount: sampleAmount("561.50")),
            ])
            return confirmation(arrangement: arrangement, invoices: open, customer: customer, config: config, asOf: asOf)
        case .reminder:
            let rows: [LetterInvoice] = invoices.map {
                LetterInvoice(id: $0.invoice, order: $0.order, issued: $0.issued, due: $0.due,
                              daysOverdue: $0.due.days(to: asOf), amount: $0.amount, open: $0.amount,
                              costs: sampleAmount("40.00"), interest: sampleAmount("12.50"))
            }
            let open = invoices.reduce(Decimal(0)) { $0 + $1.amount }
            let facts = StepFacts(step: kind, kind: kind, currency: currency, invoices: rows, open: open, costs: sampleAmount("120.00"),
                                  interest: sampleAmount("37.50"), total: open + sampleAmount("157.50"), announcedCosts: nil, costsChargeableFrom: nil,
                                  payBy: asOf.adding(days: 14), previousStepOn: sampleDay(2026, 10, 26),
                                  missedInstalments: [])
            return step(facts, customer: customer, config: config, asOf: asOf)
        }
    }

    private static let sampleCountries = ["nl": "NL", "ro": "RO", "fr": "FR", "de": "DE", "en": "IE"]
    private static let sampleNames = [
        "nl": "Voorbeeldklant B.V.", "ro": "Client Exemplu SRL", "en": "Example Customer Ltd",
        "fr": "Client Exemple SARL", "de": "Beispielkunde GmbH",
    ]

    private static func sampleAmount(_ text: String) -> Decimal {
        do { return try Money.parse(text) } catch { preconditionFailure("sample amount \(text): \(error)") }
    }

    private static func sampleDay(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            preconditionFailure("sample date \(year)-\(month)-\(day) exists")
        }
        return date
    }
}
