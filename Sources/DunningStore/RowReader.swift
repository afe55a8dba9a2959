import DunningCore
import Foundation

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
        } catch .malformed {
            throw error(column, "'\(value)' is not a date (expected YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY)")
        } catch let failure {
            throw error(column, failure.description)
        }
    }

    func currency() throws(ImportError) -> Currency {
        let code = try text("currency")!
        guard let currency = Currency(code: code) else { throw error("currency", "unknown currency '\(code)' (ISO 4217, e.g. EUR, RON)") }
        return currency
    }

    /// The credit notes format, named where a negative invoice amount is refused.
    static let creditNoteHint = "a credit note is not an invoice: import it from a credit notes file "
        + "(credit_note,invoice,date,amount,currency[,reference]) or record it with `dunning ledger credit`"

    func amount(_ style: AmountStyle, currency: Currency) throws(ImportError) -> Decimal {
        let raw = try text("amount")!
        guard let canonical = style.canonical(raw) else {
            throw error("amount", "'\(raw)' does not match \(style.reason(for: raw))")
        }
        let value: Decimal
        do {
            value = try Money.parse(canonical, currency: currency)
        } catch .negative {
            let hint = switch file.kind {
            case .invoices: "; " + RowReader.creditNoteHint
            case .creditNotes: "; write what the credit note takes off the invoice, as a positive amount"
            default: ""
            }
            throw error("amount", "amount '\(raw)' must not be negative\(hint)")
        } catch .tooManyDecimals(_, let allowed, let code) where style.decidedBy == nil && Money.decimalMark(of: raw) == nil {
            throw error("amount", "amount '\(raw)' has more than \(allowed) decimals, which \(code) allows, when read with \(style.reason(for: raw))")
        } catch let failure {
            throw error("amount", failure.description)
        }
        guard value > 0 else { throw error("amount", "must be more than zero") }
        return value
    }

    func extras() -> [String: String] {
        var extra: [String: String] = [:]
        for column in file.extraColumns { if let value = row.fields[column], !value.isEmpty { extra[column] = value } }
        return extra
    }

    func customer() throws(ImportError) -> CustomerRecord {
        let kindText = try text("kind")!.lowercased()
        guard let kind = CustomerKind(rawValue: kindText) else { throw error("kind", "'\(kindText)' is not business or consumer") }
        let country = try text("country")!.uppercased()
        guard ISOCodes.isCountry(country) else {
            throw error("country", "'\(country)' is not an ISO 3166 alpha-2 country code")
        }
        let language = try text("language")!.lowercased()
        guard ISOCodes.isLanguage(language) else { throw error("language", "'\(language)' is not a language code (nl, ro, en, ...)") }
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

    /// A payment row, or a credit note row: its `reference` is the credit note number,
    /// then ` / ` and the `reference` column when that has a value (`CN-7 / order 77`).
    func payment(amounts: AmountStyle) throws(ImportError) -> PaymentRecord {
        let currency = try currency()
        var reference = try text("reference", required: false)
        if file.kind == .creditNotes {
            let number = try text("credit_note")!
            reference = reference.map { "\(number) / \($0)" } ?? number
        }
        return PaymentRecord(invoice: try text("invoice")!, date: try date("date"), amount: try amount(amounts, currency: currency),
                             currency: currency, reference: reference)
    }
}
