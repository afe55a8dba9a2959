import Foundation

// The values that flow between the parts of `Mail`: a template renders a
// `RenderedMessage`; the sender wraps it into an `OutgoingMessage`; `MessageComposer`
// turns that into RFC 5322 bytes; a `MailTransport` delivers the bytes and says what
// became of them (`DeliveryOutcome`), which the sender journals in the ledger.

/// What one template kind renders to for one customer: subject, plain text and HTML.
public struct RenderedMessage: Sendable, Equatable {
    public var subject: String
    public var text: String
    public var html: String

    public init(subject: String, text: String, html: String) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}

/// A mailbox: an optional display name and an addr-spec (`jan@example.nl`).
public struct MailAddress: Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }
}

/// A file attached to a message (the invoice PDF).
public struct Attachment: Sendable, Equatable {
    public var filename: String
    /// `application/pdf`.
    public var mediaType: String
    public var data: [UInt8]

    public init(filename: String, mediaType: String, data: [UInt8]) {
        self.filename = filename
        self.mediaType = mediaType
        self.data = data
    }
}

/// One message before MIME: every header value and both bodies.
///
/// Message ids are written without angle brackets (`dunning.…@voorbeeld.nl`); the
/// composer adds them.
public struct OutgoingMessage: Sendable, Equatable {
    public var messageID: String
    public var date: Date
    /// The zone the `Date` header is written in (the company's): local time with its offset.
    public var timeZone: TimeZone
    public var from: MailAddress
    public var replyTo: MailAddress?
    public var to: [MailAddress]
    public var subject: String
    public var text: String
    public var html: String
    /// The invoice ids, for `X-Dunning-Invoices`.
    public var invoices: [String]
    /// The previous step's message, so the reminder threads in the customer's mailbox.
    public var inReplyTo: String?
    public var references: [String]
    public var attachments: [Attachment]

    public init(messageID: String, date: Date, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!, from: MailAddress,
                replyTo: MailAddress? = nil, to: [MailAddress], subject: String, text: String, html: String, invoices: [String],
                inReplyTo: String? = nil, references: [String] = [], attachments: [Attachment] = []) {
        self.messageID = messageID
        self.date = date
        self.timeZone = timeZone
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.invoices = invoices
        self.inReplyTo = inReplyTo
        self.references = references
        self.attachments = attachments
    }
}

/// The SMTP envelope: `MAIL FROM` and `RCPT TO`.
public struct Envelope: Sendable, Equatable {
    public var sender: String
    public var recipients: [String]

    public init(sender: String, recipients: [String]) {
        self.sender = sender
        self.recipients = recipients
    }
}

/// What became of one delivery attempt.
///
/// `reply` is the server's final reply, code and text (`"250 2.0.0 Ok: queued as 4F…"`),
/// or for the outbox where the file went.
public enum DeliveryOutcome: Sendable, Equatable {
    /// 2xx after the message (or written into the outbox).
    case sent(reply: String)
    /// 4xx, or the connection failed before the whole message was handed over: retry later
    /// with the same Message-ID.
    case deferred(reply: String)
    /// 5xx: permanent.
    case failed(reply: String)
    /// The whole message was handed over but no reply came: the server may have accepted
    /// it. Never retried by itself.
    case uncertain(reason: String)
}

/// Delivers composed messages, one cycle at a time.
///
/// A transport may keep a connection open between `deliver` calls of one cycle;
/// `close` ends it. Not thread-safe: one cycle, one task.
public protocol MailTransport: AnyObject {
    /// Delivers `message` (RFC 5322, CRLF line ends) to the envelope's recipients.
    func deliver(_ message: [UInt8], envelope: Envelope) -> DeliveryOutcome
    /// Ends the cycle: closes any connection.
    func close()
}
