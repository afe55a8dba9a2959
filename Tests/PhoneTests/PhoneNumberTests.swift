import Phone
import Testing

/// Every number here was run through Debian's libphonenumber 8.12.57 and its metadata.
@Suite("PhoneNumber")
struct PhoneNumberTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        let text: String
        let country: String
        let e164: String
        let type: PhoneNumber.LineType
        let numberCountry: String
        var `extension`: String? = nil
        var testDescription: String { "\(text) (\(country))" }
    }

    static let valid: [Valid] = [
        Valid(text: "020 555 1234", country: "NL", e164: "+31205551234", type: .fixedLine, numberCountry: "NL"),
        Valid(text: "06 1234 5678", country: "NL", e164: "+31612345678", type: .mobile, numberCountry: "NL"),
        Valid(text: "0721 234 567", country: "RO", e164: "+40721234567", type: .mobile, numberCountry: "RO"),
        Valid(text: "021 123 4567", country: "RO", e164: "+40211234567", type: .fixedLine, numberCountry: "RO"),
        Valid(text: "02 555 12 34", country: "BE", e164: "+3225551234", type: .fixedLine, numberCountry: "BE"),
        Valid(text: "0470 12 34 56", country: "BE", e164: "+32470123456", type: .mobile, numberCountry: "BE"),
        // Written with + or an international prefix: the customer's country does not apply.
        Valid(text: "+32 2 555 12 34", country: "NL", e164: "+3225551234", type: .fixedLine, numberCountry: "BE"),
        Valid(text: "0031 20 555 1234", country: "NL", e164: "+31205551234", type: .fixedLine, numberCountry: "NL"),
        Valid(text: "0040 721 234 567", country: "NL", e164: "+40721234567", type: .mobile, numberCountry: "RO"),
        Valid(text: "+49 30 1234567", country: "NL", e164: "+49301234567", type: .fixedLine, numberCountry: "DE"),
        Valid(text: "+31 20 555 1234", country: "XX", e164: "+31205551234", type: .fixedLine, numberCountry: "NL"),
        Valid(text: "+1 650 253 0000", country: "NL", e164: "+16502530000", type: .fixedLineOrMobile, numberCountry: "US"),
        // Punctuation, labels and non-ASCII digits as people type them.
        Valid(text: "(020) 555-1234", country: "NL", e164: "+31205551234", type: .fixedLine, numberCountry: "NL"),
        Valid(text: "  Tel: 020 555 1234 ", country: "NL", e164: "+31205551234", type: .fixedLine, numberCountry: "NL"),
        Valid(text: "tel:+31-20-555-1234", country: "NL", e164: "+31205551234", type: .fixedLine, numberCountry: "NL"),
        Valid(text: "０２０ ５５５ １２３４", country: "NL", e164: "+31205551234", type: .fixedLine, numberCountry: "NL"),
        // Types other than fixed and mobile.
        Valid(text: "0800 1234", country: "NL", e164: "+318001234", type: .tollFree, numberCountry: "NL"),
        Valid(text: "0800 12 345", country: "BE", e164: "+3280012345", type: .tollFree, numberCountry: "BE"),
        Valid(text: "085 123 4567", country: "NL", e164: "+31851234567", type: .voip, numberCountry: "NL"),
        Valid(text: "0900 1234", country: "NL", e164: "+319001234", type: .other, numberCountry: "NL"),
        Valid(text: "088 123 4567", country: "NL", e164: "+31881234567", type: .other, numberCountry: "NL"),
        // Extensions: E.164 has none, so it stays out of `e164` and is returned apart.
        Valid(text: "020 555 1234 ext. 12", country: "NL", e164: "+31205551234", type: .fixedLine,
              numberCountry: "NL", extension: "12"),
        Valid(text: "+31 6 1234 5678 x 9", country: "BE", e164: "+31612345678", type: .mobile,
              numberCountry: "NL", extension: "9"),
        Valid(text: "020 555 1234 Ext: 345", country: "NL", e164: "+31205551234", type: .fixedLine,
              numberCountry: "NL", extension: "345"),
        Valid(text: "020 555 1234 extension 7", country: "NL", e164: "+31205551234", type: .fixedLine,
              numberCountry: "NL", extension: "7"),
    ]

    @Test("valid numbers come out in E.164 with their line type", arguments: valid)
    func normalizes(_ number: Valid) throws {
        let normalized = try PhoneNumber.normalize(number.text, country: number.country).get()
        #expect(normalized == PhoneNumber.Normalized(
            e164: number.e164, type: number.type, country: number.numberCountry, extension: number.extension))
    }

    static let invalid: [(text: String, country: String, error: PhoneError)] = [
        ("", "NL", .empty),
        (" \t ", "NL", .empty),
        ("12", "NL", .tooShort),
        ("0031 2", "NL", .tooShort),
        ("0721 234 5678", "RO", .tooLong),
        ("0123456789012345678", "NL", .tooLong),
        ("abc", "NL", .notANumber),
        ("-", "NL", .notANumber),
        ("020 555 1234", "XX", .unknownCountry("XX")),
        ("020 555 1234", "nl", .unknownCountry("nl")),
        ("+999 1234567", "NL", .unknownCallingCode),
        ("00999 1234567", "NL", .unknownCallingCode),
        // A Dutch mobile number written nationally for a Belgian customer: wrong for Belgium.
        ("0612345678", "BE", .invalid(country: "BE")),
        ("020 555 12345", "NL", .invalid(country: "NL")),
        ("06 1234 567", "NL", .invalid(country: "NL")),
        ("+49 123", "NL", .invalid(country: "DE")),
        // +1 is shared by the US, Canada and others; no one of them has 555-000-0000.
        ("+1 555 000 0000", "NL", .invalid(country: "+1")),
        // libphonenumber reads letters as a keypad (0800 FLOWERS): refused before it does,
        // a note in the field would become six more digits.
        ("020-555-1234 (office)", "NL", .letters("office")),
        ("0800 FLOWERS", "NL", .letters("FLOWERS")),
        ("06 1234 56ab", "NL", .letters("ab")),
        ("020 555 1234 ext. twelve", "NL", .letters("ext. twelve")),
    ]

    @Test("invalid numbers say why", arguments: invalid)
    func rejects(_ text: String, country: String, error: PhoneError) {
        #expect(PhoneNumber.normalize(text, country: country) == .failure(error))
    }

    @Test("reasons read as plain English for the bookkeeper", arguments: [
        (PhoneError.empty, "empty"),
        (.tooShort, "too short"),
        (.tooLong, "too long"),
        (.notANumber, "not a phone number"),
        (.unknownCountry("XX"), "unknown country 'XX'"),
        (.unknownCallingCode, "unknown international calling code"),
        (.invalid(country: "NL"), "not a valid phone number for NL"),
        (.letters("office"), "not digits only (letters 'office'; write an extension as 'ext. 12')"),
    ])
    func describes(_ error: PhoneError, _ text: String) {
        #expect(error.description == text)
    }

    @Test("numbers normalized on many threads at once come out as on one")
    func concurrent() async {
        let inputs = Self.valid.map { ($0.text, $0.country) } + Self.invalid.map { ($0.text, $0.country) }
        let expected = inputs.map { PhoneNumber.normalize($0.0, country: $0.1) }
        let rounds = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<25).allSatisfy { _ in inputs.map { PhoneNumber.normalize($0.0, country: $0.1) } == expected }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(rounds == Array(repeating: true, count: 8))
    }
}
