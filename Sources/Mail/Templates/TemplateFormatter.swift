import DunningCore
import Foundation
import Synchronization

/// Money and dates as Foundation writes them for one locale (`€ 1.234,56`, `23 november 2026`).
///
/// The locale comes from the customer's language and country (`nl` + `BE` → `nl_BE`), so a
/// Flemish customer reads Belgian formats in Dutch; the digest uses the company's locale.
///
/// Each amount and day is formatted by Foundation once per locale and currency and then
/// remembered (`FormattedStrings`): a run writes the same dates and zero amounts into
/// every letter, and ICU takes microseconds per call.
package struct TemplateFormatter: Sendable {
    package let locale: Locale
    package let currency: Currency
    private let localeIdentifier: String

    package init(localeIdentifier: String, currency: Currency) {
        self.locale = Locale(identifier: localeIdentifier)
        self.currency = currency
        self.localeIdentifier = localeIdentifier
    }

    /// `nl` + `BE` → `nl_BE`; an empty language: `fallback` (the company's locale).
    static func localeIdentifier(language: String, country: String, fallback: String) -> String {
        let language = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        guard !language.isEmpty else { return fallback }
        return country.isEmpty ? language : "\(language)_\(country.uppercased())"
    }

    /// The amount rounded half up to the currency's minor units, with its symbol or code.
    package func money(_ amount: Decimal) -> String {
        let key = FormattedStrings.Key(locale: localeIdentifier, currency: currency.code, minorUnits: currency.minorUnits,
                                       amount: amount, day: 0)
        return FormattedStrings.string(for: key) { formatMoney(amount) }
    }

    private func formatMoney(_ amount: Decimal) -> String {
        let style = Decimal.FormatStyle.Currency(code: currency.code, locale: locale)
            .precision(.fractionLength(currency.minorUnits))
        return Money.rounded(amount, in: currency).formatted(style)
    }

    /// The long date of the locale, without weekday (`23 november 2026`, `23 noiembrie 2026`).
    package func date(_ day: CalendarDate) -> String {
        let key = FormattedStrings.Key(locale: localeIdentifier, currency: "", minorUnits: 0, amount: 0, day: day.dayNumber)
        return FormattedStrings.string(for: key) { formatDate(day) }
    }

    private func formatDate(_ day: CalendarDate) -> String {
        // Noon UTC of that day, formatted in UTC: no zone can move it to another day.
        let instant = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + 43_200)
        let style = Date.FormatStyle(date: .long, time: .omitted, locale: locale,
                                     calendar: TemplateFormatter.calendar, timeZone: TemplateFormatter.utc)
        return instant.formatted(style)
    }

    /// The long date and the short time of `instant` in `zone` (`20 november 2026 om 08:00`).
    package func dateTime(_ instant: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return instant.formatted(Date.FormatStyle(date: .long, time: .shortened, locale: locale, calendar: calendar, timeZone: zone))
    }

    private static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        return calendar
    }()
}

/// Amounts and days already formatted, by locale: shared by the threads that build
/// messages, bounded so a long-running daemon's memory stays flat.
enum FormattedStrings {
    struct Key: Hashable, Sendable {
        var locale: String
        var currency: String
        var minorUnits: Int
        var amount: Decimal
        var day: Int
    }

    static let limit = 20_000
    private static let strings = Mutex<[Key: String]>([:])

    /// The remembered string for `key`, else `format()`'s, remembered. Formatting runs
    /// outside the lock.
    static func string(for key: Key, format: () -> String) -> String {
        if let string = strings.withLock({ $0[key] }) { return string }
        let string = format()
        strings.withLock { strings in
            if strings.count >= limit { strings.removeAll(keepingCapacity: true) }
            strings[key] = string
        }
        return string
    }
}
