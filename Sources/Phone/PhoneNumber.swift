internal import CPhoneNumber
import Foundation

/// Phone numbers for the "call the customer" task, checked and normalized by Google's
/// libphonenumber (its metadata, not a hand-written rule).
///
/// ```swift
/// PhoneNumber.normalize("020 555 1234", country: "NL")
/// // .success(Normalized(e164: "+31205551234", type: .fixedLine, country: "NL", extension: nil))
/// ```
///
/// Thread-safe: libphonenumber's `PhoneNumberUtil` is one instance made once (`pthread_once`),
/// used through `const` methods; its regular-expression cache is guarded by a mutex (see
/// `CPhoneNumber.h`). Calls from several threads at once need no lock of ours.
public enum PhoneNumber {
    /// A number libphonenumber considers valid (`IsValidNumber`: a range its country assigns,
    /// not merely a plausible length).
    public struct Normalized: Sendable, Equatable {
        /// ITU-T E.164: `+`, calling code, national number, no spaces (`+31205551234`).
        public let e164: String
        public let type: LineType
        /// The number's own country (ISO 3166 alpha-2): `DE` for a `+49` number given for a
        /// Dutch customer.
        public let country: String
        /// The extension's digits (`020 555 1234 ext. 12` → `12`). E.164 has no extensions, so
        /// `e164` leaves it out: whoever calls dials `e164`, then asks for this extension.
        public let `extension`: String?

        public init(e164: String, type: LineType, country: String, extension: String? = nil) {
            self.e164 = e164
            self.type = type
            self.country = country
            self.extension = `extension`
        }
    }

    /// What kind of line a number is, as far as the number itself tells.
    public enum LineType: String, Sendable, Equatable {
        case mobile
        case fixedLine
        /// Fixed line and mobile numbers share ranges (as in the US and Canada).
        case fixedLineOrMobile
        case tollFree
        case voip
        /// Premium rate, shared cost, personal, pager, company (UAN) and voicemail numbers.
        case other
    }

    /// Checks `text` as a phone number of a customer in `country` and returns it in E.164.
    ///
    /// `country` (ISO 3166 alpha-2, upper case, as the ledger stores it) is the region for
    /// numbers written nationally (`020 555 1234`) or with an international prefix
    /// (`0031 20 555 1234`); a number written with `+` (`+32 2 555 12 34`) keeps its own
    /// country, and an unknown `country` does not matter for it.
    public static func normalize(_ text: String, country: String) -> Result<Normalized, PhoneError> {
        if text.allSatisfy(\.isWhitespace) {
            return .failure(.empty)
        }
        if let letters = strayLetters(text) {
            return .failure(.letters(letters))
        }
        var input = text
        var result = cphonenumber_result()
        let status = input.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                country.withCString { cphonenumber_parse(characters.baseAddress, characters.count, $0, &result) }
            }
        }
        guard status == 0 else {
            // Only out of memory or a libphonenumber far outside its documented limits gets here.
            preconditionFailure("cphonenumber_parse failed for a \(text.utf8.count)-byte text")
        }
        return interpret(result, country: country)
    }

    /// The extension markers libphonenumber takes after a number (lower case, longest first).
    static let extensionMarkers = ["extensión", "extension", "extn", "anexo", "ext", "int", "доб", "x"]

    /// The letters from the first one after the number's first digit to the end, unless they
    /// are an extension marker followed by its digits; `nil` when there are none. Letters
    /// before the first digit are a label (`Tel: 020 …`), which libphonenumber skips.
    static func strayLetters(_ text: String) -> String? {
        guard let digit = text.firstIndex(where: \.isNumber),
              let letter = text[digit...].firstIndex(where: \.isLetter) else { return nil }
        let tail = text[letter...].lowercased()
        for marker in extensionMarkers where tail.hasPrefix(marker) {
            let digits = tail.dropFirst(marker.count).drop { $0 == "." || $0 == ":" || $0.isWhitespace }
            if !digits.isEmpty, digits.allSatisfy({ $0.isNumber || $0.isWhitespace }) { return nil }
        }
        return text[letter...].trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
    }

    private static func interpret(_ result: cphonenumber_result, country: String) -> Result<Normalized, PhoneError> {
        switch cphonenumber_parse_error(rawValue: UInt32(result.parse_error)) {
        case CPHONENUMBER_NO_PARSING_ERROR:
            break
        case CPHONENUMBER_INVALID_COUNTRY_CODE_ERROR:
            // A national number needs a known default region; with one, the calling code is wrong.
            return .failure(result.region_known == 0 ? .unknownCountry(country) : .unknownCallingCode)
        case CPHONENUMBER_NOT_A_NUMBER:
            return .failure(.notANumber)
        case CPHONENUMBER_TOO_SHORT_AFTER_IDD, CPHONENUMBER_TOO_SHORT_NSN:
            return .failure(.tooShort)
        case CPHONENUMBER_TOO_LONG_NSN:
            return .failure(.tooLong)
        default:
            preconditionFailure("cphonenumber_parse: unknown parse error \(result.parse_error)")
        }
        let numberCountry = string(result.region)
        guard result.valid != 0 else {
            switch cphonenumber_possibility(rawValue: UInt32(result.possibility)) {
            case CPHONENUMBER_TOO_SHORT:
                return .failure(.tooShort)
            case CPHONENUMBER_TOO_LONG:
                return .failure(.tooLong)
            default:
                // `ZZ`: the calling code is shared (+1) and no one country's ranges match.
                let place = numberCountry == "ZZ" ? "+\(result.country_code)" : numberCountry
                return .failure(.invalid(country: place))
            }
        }
        let extensionDigits = string(result.extension)
        return .success(Normalized(
            e164: string(result.e164), type: LineType(result.type), country: numberCountry,
            extension: extensionDigits.isEmpty ? nil : extensionDigits))
    }

    /// The NUL-terminated UTF-8 in a fixed-size C array (imported as a tuple).
    private static func string<Tuple>(_ buffer: Tuple) -> String {
        withUnsafeBytes(of: buffer) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

extension PhoneNumber.LineType {
    init(_ type: Int32) {
        switch cphonenumber_type(rawValue: UInt32(type)) {
        case CPHONENUMBER_MOBILE: self = .mobile
        case CPHONENUMBER_FIXED_LINE: self = .fixedLine
        case CPHONENUMBER_FIXED_LINE_OR_MOBILE: self = .fixedLineOrMobile
        case CPHONENUMBER_TOLL_FREE: self = .tollFree
        case CPHONENUMBER_VOIP: self = .voip
        default: self = .other
        }
    }
}
