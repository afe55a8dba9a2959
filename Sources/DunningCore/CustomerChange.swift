import Foundation

/// New values for some of a customer's details (`dunning ledger customer`); `nil` leaves a
/// field as it is.
///
/// Applied to the customer's current record it gives a whole new `customer` record: the
/// ledger's `customer` record always carries every field, and the latest one is the
/// customer's data, so a change is the current record with the changed fields. `address` is
/// the `address` entry of `extra` (the customers CSV's `address` column); an empty value
/// removes it. Values are checked as the customers CSV's are: `kind` business or consumer,
/// `country` ISO 3166 alpha-2, `language` an ISO 639 code, `email` an address by
/// `EmailSyntax` (or empty: no e-mail), and no control characters anywhere.
public struct CustomerChange: Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var kind: String?
    public var country: String?
    public var language: String?

    public init(name: String? = nil, email: String? = nil, phone: String? = nil, address: String? = nil,
                kind: String? = nil, country: String? = nil, language: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
        self.address = address
        self.kind = kind
        self.country = country
        self.language = language
    }

    /// Whether no field is given.
    public var isEmpty: Bool { self == CustomerChange() }

    /// `current` with the given fields, checked; an `EntryProblem` names the first bad field,
    /// or `customer` when nothing would change.
    public func applied(to current: CustomerRecord) throws(EntryProblem) -> CustomerRecord {
        var record = current
        for (field, value) in [("name", name), ("email", email), ("phone", phone), ("address", address), ("kind", kind),
                               ("country", country), ("language", language)] {
            guard let value else { continue }
            if let bad = value.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                throw EntryProblem(field: field, message: "\(value.debugDescription) contains a control character ("
                    + String(format: "U+%04X", bad.value) + ")")
            }
        }
        if let name { record.name = name.trimmingCharacters(in: .whitespaces) }
        if let email {
            let address = email.trimmingCharacters(in: .whitespaces)
            if !address.isEmpty, case .failure(let problem) = EmailSyntax.check(address) {
                throw EntryProblem(field: "email", message: "'\(address)' is not an e-mail address: \(problem)")
            }
            record.email = address
        }
        if let phone { record.phone = phone.trimmingCharacters(in: .whitespaces) }
        if let address {
            let text = address.trimmingCharacters(in: .whitespaces)
            record.extra["address"] = text.isEmpty ? nil : text
        }
        if let kind {
            guard let value = CustomerKind(rawValue: kind.lowercased()) else {
                throw EntryProblem(field: "kind", message: "'\(kind)' is not business or consumer")
            }
            record.kind = value
        }
        if let country {
            let code = country.uppercased()
            guard ISOCodes.isCountry(code) else {
                throw EntryProblem(field: "country", message: "'\(country)' is not an ISO 3166 alpha-2 country code (NL, BE, RO, ...)")
            }
            record.country = code
        }
        if let language {
            let code = language.lowercased()
            guard ISOCodes.isLanguage(code) else {
                throw EntryProblem(field: "language", message: "'\(language)' is not a language code (nl, ro, en, ...)")
            }
            record.language = code
        }
        guard record != current else {
            throw EntryProblem(field: "customer", message: "'\(current.customer)' already has these details: nothing to change")
        }
        return record
    }
}
