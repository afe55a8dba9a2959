/// Why an `OutgoingMessage` cannot be composed. Nothing is composed when any field is bad.
///
/// `field` names the field of `OutgoingMessage` as a path: `subject`, `from.name`,
/// `to[1].address`, `invoices[2]`, `references[0]`, `attachments[0].filename`.
public enum MessageError: Error, Equatable, CustomStringConvertible {
    /// A CR, LF or NUL in a value that reaches a header: a header injection attempt or a
    /// data error. Never stripped or folded away.
    case headerInjection(field: String)
    /// Not a plain addr-spec (`local@domain`, no spaces, quotes, angle brackets or commas).
    case invalidAddress(field: String, value: String)
    /// Not a `left@right` message id without angle brackets, spaces or brackets, or longer
    /// than 250 characters.
    case invalidMessageID(field: String, value: String)
    /// Empty, longer than 100 characters or holding a comma (it would split in
    /// `X-Dunning-Invoices`).
    case invalidInvoiceID(field: String, value: String)
    /// Not `type/subtype` made of MIME token characters.
    case invalidMediaType(field: String, value: String)
    /// `to` is empty.
    case noRecipient
    /// A written line would exceed RFC 5322's 998 characters (a field too long to fold).
    case lineTooLong(line: Int)

    public var description: String {
        switch self {
        case .headerInjection(let field): "\(field): CR, LF or NUL in a header field"
        case .invalidAddress(let field, let value): "\(field): invalid e-mail address \(quoted(value))"
        case .invalidMessageID(let field, let value): "\(field): invalid Message-ID \(quoted(value))"
        case .invalidInvoiceID(let field, let value): "\(field): invoice id \(quoted(value)) cannot be listed in X-Dunning-Invoices"
        case .invalidMediaType(let field, let value): "\(field): invalid media type \(quoted(value))"
        case .noRecipient: "to: no recipient"
        case .lineTooLong(let line): "line \(line) of the message would be longer than 998 characters"
        }
    }

    private func quoted(_ value: String) -> String {
        "\"" + value.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
    }
}
