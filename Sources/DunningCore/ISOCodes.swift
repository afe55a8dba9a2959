import Foundation

/// The country and language codes dunning accepts, from Foundation's ISO lists: one place
/// for the config, the customers CSV and `ledger customer`.
package enum ISOCodes {
    private static let regions = Set(Locale.Region.isoRegions.map(\.identifier))
    private static let languages = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier))

    /// `NL`, `BE`, `RO`: an ISO 3166 alpha-2 code (upper case).
    package static func isCountry(_ code: String) -> Bool { code.count == 2 && regions.contains(code) }

    /// `nl`, `ro`, `en`: an ISO 639 code (lower case).
    package static func isLanguage(_ code: String) -> Bool { languages.contains(code) }
}
