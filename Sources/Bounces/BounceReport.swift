import DunningCore

/// One recipient a bounce says could not be reached: what the ledger's `bounce` record needs,
/// and what ties it to the reminder it is about.
public struct BounceReport: Sendable, Equatable {
    /// The address as we sent to it (a DSN's `Original-Recipient`, else `Final-Recipient`),
    /// lower-cased.
    public var address: String
    /// See ``BounceClassifier`` for the mapping from status to kind.
    public var kind: BounceKind
    /// The RFC 3463 enhanced status (`5.1.1`); inferred when the bounce gave none, which
    /// `diagnostic` then says.
    public var status: String
    /// The remote server's reply or the bounce's own words: one line, trimmed, at most
    /// ``BounceReport/maximumDiagnosticLength`` characters.
    public var diagnostic: String
    /// The Message-ID (without angle brackets) of the message that bounced, from the returned
    /// headers, a `Message-ID:` line quoted in the text, or the bounce's `In-Reply-To`.
    public var originalMessageID: String?
    /// `TOKEN` of a `bounce+TOKEN@…` address the bounce was delivered to (our VERP envelope
    /// sender): the local part of the reminder's Message-ID, in the case the bounce wrote it.
    public var verpToken: String?

    public static let maximumDiagnosticLength = 300

    public init(address: String, kind: BounceKind, status: String, diagnostic: String,
                originalMessageID: String? = nil, verpToken: String? = nil) {
        self.address = address
        self.kind = kind
        self.status = status
        self.diagnostic = diagnostic
        self.originalMessageID = originalMessageID
        self.verpToken = verpToken
    }
}

/// What a message in the bounce mailbox turned out to be.
public enum BounceParse: Sendable, Equatable {
    /// A bounce with one report per failed (or delayed) recipient, never empty.
    case bounce([BounceReport])
    /// Mail that reached the bounce address but says nothing failed.
    case notABounce(NotABounceReason)
}

/// Why a message is not a bounce.
public enum NotABounceReason: Sendable, Equatable, CustomStringConvertible {
    /// A vacation or out-of-office reply; `evidence` is the header or subject that says so.
    case autoReply(evidence: String)
    /// A delivery status notification whose recipients were all delivered, relayed or
    /// expanded (RFC 3464 `Action`), listed here.
    case deliveryNotice(actions: [String])
    /// Neither a delivery report nor the text of a known bounce format.
    case ordinaryMessage

    public var description: String {
        switch self {
        case .autoReply(let evidence): "auto-reply (\(evidence))"
        case .deliveryNotice(let actions): "delivery notice (action \(actions.joined(separator: ", ")))"
        case .ordinaryMessage: "no delivery report and no bounce text"
        }
    }
}

/// Why a message could not be read as a bounce or a non-bounce: the intake keeps it aside.
public enum BounceParseError: Error, Equatable, CustomStringConvertible {
    /// GMime found no RFC 5322 message in the bytes.
    case notAMessage
    /// It is a delivery report or bounce text (named by `format`), but no failed recipient
    /// could be read from it.
    case noFailedRecipient(format: String)

    public var description: String {
        switch self {
        case .notAMessage: "not an RFC 5322 message"
        case .noFailedRecipient(let format): "\(format): no failed recipient found"
        }
    }
}
