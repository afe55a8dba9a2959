extension MIME {
    /// A mailbox: an optional display name (any Unicode; GMime quotes it or writes RFC 2047
    /// encoded words) and an addr-spec.
    public struct Mailbox: Sendable, Equatable {
        public var name: String?
        public var address: String

        public init(name: String? = nil, address: String) {
            self.name = name
            self.address = address
        }
    }

    /// One header field: its name and its unencoded, unfolded value.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The body of a message: a leaf or a multipart around more bodies.
    public indirect enum Body: Sendable, Equatable {
        /// `text/SUBTYPE; charset=utf-8`, in the transfer encoding GMime finds best for 7-bit
        /// transport (7bit, quoted-printable or base64). Line ends may be LF, CRLF or CR; all
        /// are written as CRLF.
        case text(subtype: String, text: String)
        /// A file: `Content-Disposition: attachment` with its filename (RFC 2231 where not
        /// ASCII), base64. `mediaType` is `type/subtype`, e.g. `application/pdf`.
        case attachment(mediaType: String, filename: String, data: [UInt8])
        /// `multipart/SUBTYPE` with the given boundary, so the same message gives the same
        /// bytes (GMime picks a random boundary otherwise). The boundary must be 1 to 70
        /// characters of RFC 2046's `bchars` and appear in no part.
        case multipart(subtype: String, boundary: String, parts: [Body])
    }

    /// An RFC 5322 message to write: the headers GMime knows by name, extra headers, a body.
    ///
    /// No header value may contain CR, LF or NUL: callers validate input and name the
    /// offending field; ``MIME/write(_:)`` stops the process on one, as it would be a bug.
    public struct Message: Sendable, Equatable {
        /// Without angle brackets; written as `Message-ID: <…>`.
        public var messageID: String
        /// Seconds since 1970-01-01 UTC; written as an RFC 5322 date at `utcOffset`.
        public var date: Int64
        /// Seconds east of UTC the `Date` header is written in (`+0100` for 3600): the
        /// sender's local time, as mail programs write it.
        public var utcOffset: Int32
        public var from: [Mailbox]
        public var replyTo: [Mailbox]
        public var to: [Mailbox]
        /// Any Unicode; RFC 2047 encoded where not ASCII.
        public var subject: String
        /// Written after the standard headers, in this order. GMime formats the ones it
        /// knows (`In-Reply-To`, `References` as message-id lists) and encodes and folds
        /// the rest as unstructured text.
        public var headers: [Header]
        public var body: Body

        public init(messageID: String, date: Int64, utcOffset: Int32 = 0, from: [Mailbox], replyTo: [Mailbox] = [], to: [Mailbox],
                    subject: String, headers: [Header] = [], body: Body) {
            self.messageID = messageID
            self.date = date
            self.utcOffset = utcOffset
            self.from = from
            self.replyTo = replyTo
            self.to = to
            self.subject = subject
            self.headers = headers
            self.body = body
        }
    }
}
