import MIME

/// What ties a bounce to the reminder it is about: the returned message's Message-ID and the
/// VERP token of the address the bounce was sent to.
struct ReturnedMessage {
    /// Without angle brackets.
    var messageID: String?
    var verpToken: String?

    /// Headers of the bounce itself that name its envelope recipient, in the order they are
    /// trusted: `To` keeps the case we wrote, `Delivered-To` may be lower-cased.
    static let envelopeHeaders = ["to", "x-original-to", "delivered-to", "envelope-to", "x-envelope-to", "x-rcpt-to"]

    init(_ message: MIME.ParsedMessage) {
        let text = BounceText(message)
        // The returned headers: embedded messages, then text/rfc822-headers parts.
        let returnedHeaders = message.embeddedHeaders
            + message.parts.filter { $0.contentType == "text/rfc822-headers" }.map { MIME.headerFields($0.data) }
        let returnedIDs = returnedHeaders.compactMap { headers in
            headers.first { $0.name.lowercased() == "message-id" }.flatMap { Self.messageIDs(in: $0.value).first }
        }
        // A Message-ID line quoted in the text (Exim, qmail, Exchange copy the headers inline).
        let quotedIDs = (text.returned + "\n" + text.report).matches(of: /(?im)^[ \t>]*Message-ID:[ \t]*<([^<>\s]+)>/)
            .map { String($0.output.1) }
        // Gmail and others refer to the message in the bounce's own In-Reply-To/References.
        let referencedIDs = ["in-reply-to", "references"].flatMap { name in
            message.headers.filter { $0.name.lowercased() == name }.flatMap { Self.messageIDs(in: $0.value) }
        }
        let candidates = returnedIDs + quotedIDs + referencedIDs
        messageID = candidates.first { $0.hasPrefix("dunning.") } ?? candidates.first

        let dsnSender = DeliveryStatusReport(message)?.messageFields.map(\.value) ?? []
        let returnPaths = returnedHeaders.flatMap { $0.filter { $0.name.lowercased() == "return-path" }.map(\.value) }
        let ownHeaders = Self.envelopeHeaders.flatMap { name in
            message.headers.filter { $0.name.lowercased() == name }.map(\.value)
        }
        verpToken = (ownHeaders + dsnSender + returnPaths + [text.report, text.returned]).lazy.compactMap(Self.verpToken).first
    }

    /// `TOKEN` of the first `bounce+TOKEN@` in `text`.
    static func verpToken(in text: String) -> String? {
        text.firstMatch(of: /(?i)(?:^|[^A-Za-z0-9.+_\-])bounce\+([A-Za-z0-9._=\-]+)@/).map { String($0.output.1) }
    }

    /// The `<…>` ids in a header value, without brackets.
    static func messageIDs(in value: String) -> [String] {
        value.matches(of: /<([^<>\s]+)>/).map { String($0.output.1) }
    }
}
