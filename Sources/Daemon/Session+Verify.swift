import DunningCore
import Verify

extension Session {
    /// Verifies the contact details of `customer` (every customer when `nil`) now and
    /// records the results as `contact-check` records, one batch. Returns them per customer,
    /// its e-mail and then its phone; a likely typo is the outcome's `warning`.
    public func verifyContacts(of customer: String? = nil) throws(SessionError) -> [ContactVerifier.Outcome] {
        let ids = customer.map { [$0] } ?? state.customers.keys.sorted()
        let customers = ids.compactMap { state.customer($0) }
        if let customer, customers.isEmpty { throw .input(field: "customer", message: "unknown customer '\(customer)'") }
        let verifier = try contactVerifier()
        let emails = verifier.checkEmails(of: customers, state: state, now: now)
        let phones = verifier.checkPhones(of: customers)
        let outcomes = zip(emails, phones).flatMap { [$0, $1] }
        try append(RecordID.records(for: outcomes.map { .contactCheck($0.record) }, at: now) { state.contains(recordID: $0) },
                   source: nil)
        return outcomes
    }
}
