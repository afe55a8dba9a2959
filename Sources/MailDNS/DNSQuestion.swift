/// One question to a DNS server: a name and the type of record wanted.
struct DNSQuestion: Hashable, Sendable, CustomStringConvertible {
    /// The record types a mail lookup asks for, by their numbers on the wire.
    enum RecordType: Int32, Sendable, CustomStringConvertible {
        /// RFC 1035 §3.2.2.
        case a = 1
        /// RFC 1035 §3.2.2.
        case mx = 15
        /// RFC 3596 §2.1.
        case aaaa = 28

        var description: String {
            switch self {
            case .a: "A"
            case .mx: "MX"
            case .aaaa: "AAAA"
            }
        }
    }

    var name: String
    var type: RecordType

    /// `MX example.nl`, for reasons.
    var description: String { "\(type) \(name)" }
}

/// What a DNS server said to one question, as far as a mail lookup cares.
enum DNSAnswer: Hashable, Sendable {
    /// The MX records, in the order of the answer.
    case mx([MXRecord])
    /// At least one record of the type asked, A or AAAA (a CNAME alone is not one).
    case address
    /// NXDOMAIN: the name does not exist.
    case nameError
    /// NOERROR without a record of the type asked (NODATA): the name exists.
    case noData
    /// No answer to rely on: SERVFAIL, REFUSED, a timeout…, in plain English.
    case failure(String)
}

/// One MX record (RFC 1035 §3.3.9).
struct MXRecord: Hashable, Sendable {
    /// Lower is tried first.
    var preference: Int
    /// The mail host's name, without the final dot; the root (RFC 7505's null MX) is `""`.
    var exchange: String
}
