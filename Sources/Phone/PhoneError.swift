/// Why a phone number cannot be called, in words for the bookkeeper who fixes it.
public enum PhoneError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No number at all: empty or only white space.
    case empty
    /// The customer's country is not one libphonenumber knows, and the number needs it: it is
    /// written without `+`, or its calling code is no country's either.
    case unknownCountry(String)
    /// No digits to speak of (`abc`, `-`).
    case notANumber
    /// `+999…` or `00999…`: no country has that calling code.
    case unknownCallingCode
    case tooShort
    case tooLong
    /// Letters after the number's first digit that are not an extension marker
    /// (`020 555 1234 (office)`, `0800 FLOWERS`): libphonenumber would dial them as a phone
    /// keypad does, so they are refused rather than turned into digits. The letters found.
    case letters(String)
    /// A plausible length but not a number the country assigns. `country` is an ISO 3166
    /// code, or the calling code (`+1`) when several countries share it and none matches.
    case invalid(country: String)

    public var description: String {
        switch self {
        case .empty: "empty"
        case .unknownCountry(let code): "unknown country '\(code)'"
        case .notANumber: "not a phone number"
        case .unknownCallingCode: "unknown international calling code"
        case .tooShort: "too short"
        case .tooLong: "too long"
        case .invalid(let country): "not a valid phone number for \(country)"
        case .letters(let letters): "not digits only (letters '\(letters)'; write an extension as 'ext. 12')"
        }
    }
}
