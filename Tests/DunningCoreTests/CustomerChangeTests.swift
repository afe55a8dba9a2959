import DunningCore
import Foundation
import Testing

/// `ledger customer`: the current record with the fields given, checked as the customers CSV is.
@Suite struct CustomerChangeTests {
    static let current = CustomerRecord(customer: "C-1", name: "Bakkerij Jansen", email: "jan@bakkerij.example", phone: "030 234 5678",
                                        kind: .business, country: "NL", language: "nl", extra: ["address": "Oudegracht 1", "kvk": "123"])

    @Test("the changed fields replace the current ones; the rest, extra columns included, stay")
    func applied() throws {
        let change = CustomerChange(email: " nieuw@bakkerij.example ", address: "Neude 2, Utrecht", kind: "Consumer", country: "be",
                                    language: "FR")
        let record = try Result { () throws(EntryProblem) in try change.applied(to: Self.current) }.get()
        #expect(record == CustomerRecord(customer: "C-1", name: "Bakkerij Jansen", email: "nieuw@bakkerij.example", phone: "030 234 5678",
                                         kind: .consumer, country: "BE", language: "fr", extra: ["address": "Neude 2, Utrecht", "kvk": "123"]))
        let cleared = try Result { () throws(EntryProblem) in try CustomerChange(email: "", address: "").applied(to: Self.current) }.get()
        #expect(cleared.email == "" && cleared.extra == ["kvk": "123"])
        #expect(CustomerChange().isEmpty && !CustomerChange(phone: "").isEmpty)
    }

    @Test("bad values are refused naming the field", arguments: [
        (CustomerChange(kind: "company"), "kind", "'company' is not business or consumer"),
        (CustomerChange(country: "XX"), "country", "'XX' is not an ISO 3166 alpha-2 country code (NL, BE, RO, ...)"),
        (CustomerChange(country: "NLD"), "country", "'NLD' is not an ISO 3166 alpha-2 country code (NL, BE, RO, ...)"),
        (CustomerChange(language: "dutch"), "language", "'dutch' is not a language code (nl, ro, en, ...)"),
        (CustomerChange(email: "jan.bakkerij.example"), "email", "'jan.bakkerij.example' is not an e-mail address: no @ in the address"),
        (CustomerChange(name: "Jansen\nBcc: x@y.z"), "name", "\"Jansen\\nBcc: x@y.z\" contains a control character (U+000A)"),
        (CustomerChange(email: "jan@bakkerij.example"), "customer", "'C-1' already has these details: nothing to change"),
    ])
    func refused(change: CustomerChange, field: String, message: String) {
        let result = Result { () throws(EntryProblem) in try change.applied(to: Self.current) }
        #expect(result == .failure(EntryProblem(field: field, message: message)))
    }
}
