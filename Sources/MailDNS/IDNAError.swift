/// Why a domain has no A-label form usable for mail (see `IDNA.toASCII`).
public enum IDNAError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libidn2 refused the domain: its `Idn2_rc` code and `idn2_strerror`'s text, e.g.
    /// `-304` (`IDN2_DISALLOWED`), "string contains a disallowed character".
    case rejected(code: Int32, reason: String)
    /// The domain is empty, or one of its labels is (`a..de`, a trailing dot).
    case emptyLabel
    /// A label holds something other than letters, digits and hyphens (`a_b`), which UTS #46
    /// lets through but a mail domain may not have (RFC 5321 §4.1.2).
    case notLetterDigitHyphen(label: String)

    /// The reason in plain English, e.g. "domain label longer than 63 characters".
    public var description: String {
        switch self {
        case .rejected(_, let reason): reason
        case .emptyLabel: "empty domain label"
        case .notLetterDigitHyphen(let label):
            "domain label \"\(label)\" has characters other than letters, digits and hyphens"
        }
    }
}
