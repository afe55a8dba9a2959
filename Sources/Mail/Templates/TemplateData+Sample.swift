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
            return sampleDigest(date: asOf, customer: customer, currency: currency, config: config, language: language)
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

    /// A busy day: one line in each group of the digest, written in `language`.
    private static func sampleDigest(date: CalendarDate, customer: CustomerRecord, currency: Currency,
                                     config: DunningConfig, language: String) -> TemplateData {
        let say = DigestPhrases(language: language)
        let format = formatter(customer: customer, config: config, currency: currency)
        let who = say.customer(id: customer.customer, name: customer.name)
        let other = say.customer(id: "C-1002", name: sampleNames[language] ?? "Example Customer Ltd")
        let reminder = say.message(customer: who, step: "reminder", invoices: ["INV-2026-0141", "INV-2026-0150"], to: customer.email)
        let notice = say.message(customer: other, step: "notice", invoices: ["INV-2026-0122"], to: "info@example.org")
        let messageID = "dunning.reminder.C-1002.0123456789abcdef@example.com"
        var groups = DigestGroups()
        groups.sent = [reminder]
        groups.deferred = [say.message(notice, reason: "451 4.7.1 greylisted, try again later")]
        groups.failed = [say.message(notice, reason: "550 5.1.1 mailbox unknown")]
        groups.bounced = [say.bounce(address: "info@example.org", customer: other, hard: true, status: "5.1.1",
                                     diagnostic: "user unknown", messageID: messageID)]
        groups.uncertain = [say.uncertain(notice, attempted: format.date(date), messageID: messageID,
                                          command: "dunning ledger resolve --ref \(messageID) --outcome sent")]
        groups.blocked = [say.blocked(customer: other, step: "notice", invoices: ["INV-2026-0122"],
                                      because: .dispute(["the goods arrived damaged"]))]
        groups.calls = [say.call(customer: who, phone: "+31201234567", raw: customer.phone, open: format.money(sampleAmount("1684.51")),
                                 invoices: ["INV-2026-0141", "INV-2026-0150", "INV-2026-0163"],
                                 history: [("reminder", format.date(sampleDay(2026, 10, 15)), false),
                                           ("notice", format.date(sampleDay(2026, 10, 26)), false)])]
        groups.promises = [say.promiseDue(customer: other, amount: format.money(sampleAmount("500")), invoices: ["INV-2026-0122"],
                                          until: format.date(date), open: format.money(sampleAmount("820")))]
        groups.limitation = [say.limitation(customer: other, invoice: "INV-2021-0017", open: format.money(sampleAmount("75")),
                                            expires: format.date(sampleDay(2027, 1, 1)), daysLeft: 53)]
        groups.handovers = [say.handover(customer: other, invoices: ["INV-2026-0101"], total: format.money(sampleAmount("1290.35")),
                                         since: format.date(sampleDay(2026, 11, 2)))]
        groups.needsAttention = [say.uncovered(customer: other, invoices: ["INV-2026-0188"], open: format.money(sampleAmount("349")))]
        groups.tasks = [say.task(customer: other, kind: .giveUp, text: "message <\(messageID)> to info@example.org could not be delivered for 5d")]
        let since = sampleDay(2026, 11, 6).instant(atMinute: 8 * 60, in: config.company.timeZone)
        return digest(date: date, since: since, groups: groups, config: config)
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
