import DunningCore
import Foundation

/// What the ledger already holds, as far as import needs it to be idempotent.
///
/// Voided records still count as imported: re-importing the same CSV must not bring back
/// a record the bookkeeper voided.
public struct ImportIndex: Sendable {
    public private(set) var customers: [String: CustomerRecord] = [:]
    public private(set) var invoices: [String: InvoiceRecord] = [:]
    /// How many payment/credit records have each identity (invoice, date, amount, currency, reference).
    private var payments: [PaymentIdentity: Int] = [:]

    public init() {}

    public init(records: some Sequence<LedgerRecord>) {
        for record in records { add(record) }
    }

    public mutating func add(_ record: LedgerRecord) {
        switch record.body {
        case .customer(let customer): customers[customer.customer] = customer
        case .invoice(let invoice): invoices[invoice.invoice] = invoices[invoice.invoice] ?? invoice
        case .payment(let payment): payments[PaymentIdentity(payment), default: 0] += 1
        default: break
        }
    }

    func paymentCount(_ identity: PaymentIdentity) -> Int { payments[identity] ?? 0 }
}

/// A payment's identity is (invoice, date, amount, currency, reference).
struct PaymentIdentity: Hashable, Sendable {
    var invoice: String
    var date: CalendarDate
    var amount: Decimal
    var currency: String
    var reference: String

    init(_ payment: PaymentRecord) {
        invoice = payment.invoice
        date = payment.date
        amount = payment.amount
        currency = payment.currency.code
        reference = payment.reference ?? ""
    }
}

/// Turns a `CSVFile` into the ledger records it adds: all or nothing per file.
///
/// Re-importing the same rows adds nothing: customers are upserts (a changed field appends
/// a new `customer` record), an invoice that exists with the same data is skipped and with
/// other data is an error, and payments are counted per identity so that two genuine
/// equal payments in one file both count, while the same file twice adds nothing.
public enum CSVImport {
    /// The records to append for `file`, given what `index` already holds; `index` is
    /// updated only when the whole file is good.
    public static func records(from file: CSVFile, index: inout ImportIndex, at instant: Date,
                               newID: (String) -> String) throws(ImportError) -> [LedgerRecord] {
        var working = index
        var records: [LedgerRecord] = []
        var seenPayments: [PaymentIdentity: Int] = [:]
        let amounts = try AmountStyle(file: file)
        for row in file.rows {
            let fields = RowReader(file: file, row: row)
            let body: LedgerRecord.Body?
            switch file.kind {
            case .customers:
                let customer = try fields.customer()
                body = working.customers[customer.customer] == customer ? nil : .customer(customer)
            case .invoices:
                let invoice = try fields.invoice(amounts: amounts)
                guard working.customers[invoice.customer] != nil else {
                    throw fields.error("customer", "unknown customer '\(invoice.customer)' (import the customers file first)")
                }
                if let existing = working.invoices[invoice.invoice] {
                    guard existing == invoice else {
                        throw fields.error("id", "invoice '\(invoice.invoice)' already exists with other data (\(InvoiceDiff.describe(existing, invoice)))")
                    }
                    body = nil
                } else {
                    body = .invoice(invoice)
                }
            case .payments:
                let payment = try fields.payment(amounts: amounts)
                guard let invoice = working.invoices[payment.invoice] else {
                    throw fields.error("invoice", "unknown invoice '\(payment.invoice)'")
                }
                guard invoice.currency == payment.currency else {
                    throw fields.error("currency", "payment in \(payment.currency) for invoice \(invoice.invoice) in \(invoice.currency)")
                }
                let identity = PaymentIdentity(payment)
                seenPayments[identity, default: 0] += 1
                body = seenPayments[identity]! > working.paymentCount(identity) ? .payment(payment) : nil
            }
            if let body {
                let record = LedgerRecord(id: newID(LedgerRecord(id: "", at: instant, body: body).type), at: instant, body: body)
                if case .payment = body {} else { working.add(record) }
                records.append(record)
            }
        }
        for record in records { if case .payment = record.body { working.add(record) } }
        index = working
        return records
    }
}

/// Decimal point or decimal comma, decided once per file from its amount column.
struct AmountStyle {
    let decimalComma: Bool

    init(file: CSVFile) throws(ImportError) {
        let values = file.rows.compactMap { $0.fields["amount"] }
        decimalComma = values.contains { $0.contains(",") }
    }

    /// The amount in canonical `1234.56` form, or `nil` if it is written in the other style.
    func canonical(_ text: String) -> String? {
        Money.canonical(text, mark: decimalComma ? .comma : .point)
    }
}

/// Reads and checks one row's fields, with errors naming the file, line and column.
struct RowReader {
    let file: CSVFile
    let row: CSVFile.Row

    func error(_ column: String, _ message: String) -> ImportError {
        ImportError(path: file.path, line: row.line, message: "\(column): \(message)")
    }

    func text(_ column: String, required: Bool = true) throws(ImportError) -> String? {
        let value = row.fields[column]?.trimmingCharacters(in: .whitespaces) ?? ""
        if value.isEmpty {
            if required { throw error(column, "is empty") }
            return nil
        }
        return value
    }

    func date(_ column: String) throws(ImportError) -> CalendarDate {
        let value = try text(column)!
        do {
            return try CalendarDate.parse(value, lenient: true)
        } catch let failure {
            throw error(column, failure.description)
        }
    }

    func currency() throws(ImportError) -> Currency {
        let code = try text("currency")!
        guard let currency = Currency(code: code) else { throw error("currency", "unknown currency '\(code)' (ISO 4217, e.g. EUR, RON)") }
        return currency
    }

    func amount(_ style: AmountStyle, currency: Currency) throws(ImportError) -> Decimal {
        let raw = try text("amount")!
        guard let canonical = style.canonical(raw) else {
            throw error("amount", "'\(raw)' does not match the file's decimal \(style.decimalComma ? "comma" : "point")")
        }
        let value: Decimal
        do {
            value = try Money.parse(canonical, currency: currency)
        } catch let failure {
            throw error("amount", failure.description)
        }
        guard value > 0 else { throw error("amount", "must be more than zero") }
        return value
    }

    static let regions = Set(Locale.Region.isoRegions.map(\.identifier))
    static let languages = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier))

    func extras() -> [String: String] {
        var extra: [String: String] = [:]
        for column in file.extraColumns { if let value = row.fields[column], !value.isEmpty { extra[column] = value } }
        return extra
    }

    func customer() throws(ImportError) -> CustomerRecord {
        let kindText = try text("kind")!.lowercased()
        guard let kind = CustomerKind(rawValue: kindText) else { throw error("kind", "'\(kindText)' is not business or consumer") }
        let country = try text("country")!.uppercased()
        guard country.count == 2, RowReader.regions.contains(country) else {
            throw error("country", "'\(country)' is not an ISO 3166 alpha-2 country code")
        }
        let language = try text("language")!.lowercased()
        guard RowReader.languages.contains(language) else { throw error("language", "'\(language)' is not a language code (nl, ro, en, ...)") }
        return CustomerRecord(customer: try text("id")!, name: try text("name")!, email: try text("email", required: false) ?? "",
                              phone: try text("phone", required: false) ?? "", kind: kind, country: country,
                              language: language, extra: extras())
    }

    func invoice(amounts: AmountStyle) throws(ImportError) -> InvoiceRecord {
        let currency = try currency()
        let issued = try date("issued")
        let due = try date("due")
        guard due >= issued else { throw error("due", "\(due) is before the issue date \(issued)") }
        return InvoiceRecord(invoice: try text("id")!, customer: try text("customer")!, issued: issued, due: due,
                             amount: try amount(amounts, currency: currency), currency: currency,
                             order: try text("order", required: false), pdf: try text("pdf", required: false), extra: extras())
    }

    func payment(amounts: AmountStyle) throws(ImportError) -> PaymentRecord {
        let currency = try currency()
        return PaymentRecord(invoice: try text("invoice")!, date: try date("date"), amount: try amount(amounts, currency: currency),
                             currency: currency, reference: try text("reference", required: false))
    }
}

/// Names the fields in which two versions of an invoice differ.
enum InvoiceDiff {
    static func describe(_ old: InvoiceRecord, _ new: InvoiceRecord) -> String {
        var fields: [String] = []
        if old.customer != new.customer { fields.append("customer \(old.customer) → \(new.customer)") }
        if old.issued != new.issued { fields.append("issued \(old.issued) → \(new.issued)") }
        if old.due != new.due { fields.append("due \(old.due) → \(new.due)") }
        if old.amount != new.amount || old.currency != new.currency {
            fields.append("amount \(Money.string(old.amount, in: old.currency)) \(old.currency) → \(Money.string(new.amount, in: new.currency)) \(new.currency)")
        }
        if old.order != new.order { fields.append("order") }
        if old.pdf != new.pdf { fields.append("pdf") }
        if old.extra != new.extra { fields.append("extra columns") }
        return fields.joined(separator: ", ")
    }
}
