import DunningCore
import MIME

/// Message-IDs of reminders: the same customer, step and invoice set give the same id.
///
/// The id is stored in the ledger (`reminder.message_id`) before SMTP starts, and a retry
/// reuses it, so the same letter is never two letters. Its shape is
/// `dunning.STEP.CUSTOMER.HASH@DOMAIN`: readable in a log, a dot-atom on both sides of the
/// `@` (RFC 5322 `msg-id`), never longer than a header line can carry.
package enum MessageID {
    /// The Message-ID (without angle brackets) for one customer's letter at one step.
    ///
    /// - `invoices` is a set: order and repetitions do not change the id. `HASH` is the first
    ///   16 hex digits of the SHA-256 of the sorted ids.
    /// - `step` and `customer` are kept as they are when they are 1 to 32 of `A-Z a-z 0-9 - _`.
    ///   Otherwise every other character becomes `_`, the result is cut to 24 characters and
    ///   `=` and 8 hex digits of the original's SHA-256 are appended, so two ids that differ
    ///   only in such characters still differ (`=` never comes from the input).
    /// - `domain` (the company's, from its `From` address) keeps `A-Z a-z 0-9 - .`; other
    ///   characters become `-`, empty labels are dropped, and an empty domain is `invalid`.
    ///   An internationalized domain must be given as its A-labels (`xn--…`).
    ///
    /// ```swift
    /// MessageID.make(customer: "C-17", step: "herinnering", invoices: ["INV-2", "INV-1"], domain: "voorbeeld.nl")
    /// // "dunning.herinnering.C-17.<16 hex digits>@voorbeeld.nl"
    /// ```
    package static func make(customer: String, step: String, invoices: [String], domain: String) -> String {
        let sorted = invoices.count == 1 ? invoices : Set(invoices).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // Each id prefixed with its length, so no id can be split into two or joined with the next.
        let canonical = sorted.map { "\($0.utf8.count):\($0)" }.joined(separator: ",")
        let hash = MIME.sha256Hex(Array(canonical.utf8)).prefix(16)
        return "dunning.\(atom(step)).\(atom(customer)).\(hash)@\(domainPart(domain))"
    }

    /// The Message-ID of the written confirmation of one agreement (a promise or an
    /// arrangement, named by its ledger record id): `dunning.confirmation.CUSTOMER.HASH@DOMAIN`,
    /// `HASH` the first 16 hex digits of the SHA-256 of the record id; `customer` and
    /// `domain` as in `make`.
    package static func confirmation(customer: String, agreement recordID: String, domain: String) -> String {
        let hash = MIME.sha256Hex(Array(recordID.utf8)).prefix(16)
        return "dunning.confirmation.\(atom(customer)).\(hash)@\(domainPart(domain))"
    }

    /// The Message-ID of the bookkeeper's digest of `date`: `dunning.digest.YYYY-MM-DD@DOMAIN`
    /// (`domain` as in `make`). One per day, so a digest sent again after a crash (the server
    /// took it, the ledger never heard) carries the same id and mail programs show it once.
    package static func digest(date: CalendarDate, domain: String) -> String {
        "dunning.digest.\(date)@\(domainPart(domain))"
    }

    /// Longest `step` or `customer` kept as it is.
    static let maximumAtom = 32

    /// `component` as a run of `A-Z a-z 0-9 - _`, hashed where it had to change.
    static func atom(_ component: String) -> String {
        if !component.isEmpty, component.utf8.count <= maximumAtom, component.utf8.allSatisfy(isAtomByte) { return component }
        let kept = component.unicodeScalars.map { isAtomCharacter($0) ? Character($0) : "_" }
        if !component.isEmpty, kept.count <= maximumAtom, String(kept) == component { return component }
        return String(kept.prefix(24)) + "=" + MIME.sha256Hex(Array(component.utf8)).prefix(8)
    }

    static func domainPart(_ domain: String) -> String {
        let utf8 = domain.utf8
        if let first = utf8.first, let last = utf8.last, first != UInt8(ascii: "."), last != UInt8(ascii: "."),
           !domain.contains(".."), utf8.allSatisfy({ ($0 == UInt8(ascii: ".") || isAtomByte($0)) && $0 != UInt8(ascii: "_") }) {
            return domain
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: true).map { label in
            String(label.unicodeScalars.map { isAtomCharacter($0) && $0 != "_" ? Character($0) : "-" })
        }
        return labels.isEmpty ? "invalid" : labels.joined(separator: ".")
    }

    private static func isAtomByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    private static func isAtomCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-", "_": true
        default: false
        }
    }
}
