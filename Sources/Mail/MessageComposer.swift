import Foundation
import MIME

/// Turns an `OutgoingMessage` into the RFC 5322 bytes that are sent and kept.
///
/// The message is built with GMime (through `MIME`): `multipart/alternative` with a
/// `text/plain` and a `text/html` part (UTF-8, quoted-printable where needed), inside
/// `multipart/mixed` with each attachment (base64) when there are attachments. Headers:
/// `Date`, `From`, `Reply-To`, `To`, `Subject` (RFC 2047 where not ASCII), `Message-ID`,
/// `MIME-Version`, `Auto-Submitted: auto-generated` (RFC 3834: no auto-replies, please),
/// `X-Dunning-Invoices`, and `In-Reply-To`/`References` when the letter follows an earlier
/// one. Bodies are taken as they are (the HTML is escaped by its template); only their
/// line ends become CRLF.
///
/// The same message gives the same bytes: the MIME boundaries come from the Message-ID,
/// and a retry (which reuses the Message-ID) carries exactly what the first attempt did.
public enum MessageComposer {
    /// RFC 5322 bytes, CRLF line ends, ready for SMTP DATA or a Maildir file.
    ///
    /// Throws before composing anything when a field that reaches a header holds CR, LF or
    /// NUL (``MessageError/headerInjection(field:)``) or is malformed; see ``MessageError``.
    public static func compose(_ message: OutgoingMessage) throws(MessageError) -> [UInt8] {
        try validate(message)
        let bytes = MIME.write(mimeMessage(message))
        if let line = firstLongLine(bytes) { throw .lineTooLong(line: line) }
        return bytes
    }

    /// The value `MIME.write` takes for a validated message.
    static func mimeMessage(_ message: OutgoingMessage) -> MIME.Message {
        var headers = [
            MIME.Header(name: "Auto-Submitted", value: "auto-generated"),
            MIME.Header(name: "X-Dunning-Invoices", value: message.invoices.joined(separator: ", ")),
        ]
        // References: the thread so far, ending with the message this one answers.
        var references = message.references
        if let inReplyTo = message.inReplyTo {
            headers.append(MIME.Header(name: "In-Reply-To", value: "<\(inReplyTo)>"))
            if references.last != inReplyTo { references.append(inReplyTo) }
        }
        if !references.isEmpty {
            headers.append(MIME.Header(name: "References", value: references.map { "<\($0)>" }.joined(separator: " ")))
        }

        let text = MIME.Body.text(subtype: "plain", text: message.text)
        let html = MIME.Body.text(subtype: "html", text: message.html)
        let bodies = [message.text, message.html]
        var body = MIME.Body.multipart(subtype: "alternative", boundary: boundary("alt", message.messageID, avoiding: bodies),
                                       parts: [text, html])
        if !message.attachments.isEmpty {
            let files = message.attachments.map { MIME.Body.attachment(mediaType: $0.mediaType, filename: $0.filename, data: $0.data) }
            body = .multipart(subtype: "mixed", boundary: boundary("mixed", message.messageID, avoiding: bodies), parts: [body] + files)
        }
        return MIME.Message(
            messageID: message.messageID,
            date: Int64(message.date.timeIntervalSince1970.rounded(.down)),
            utcOffset: Int32(message.timeZone.secondsFromGMT(for: message.date)),
            from: [mailbox(message.from)],
            replyTo: message.replyTo.map { [mailbox($0)] } ?? [],
            to: message.to.map(mailbox),
            subject: message.subject,
            headers: headers,
            body: body)
    }

    /// `=_dunning-KIND-HASH`, HASH from the Message-ID: stable across retries.
    ///
    /// `=_` cannot occur in quoted-printable or base64 output; a 7bit body could hold it
    /// only by quoting this very boundary, and then the next candidate is taken.
    static func boundary(_ kind: String, _ messageID: String, avoiding bodies: [String]) -> String {
        var seed = messageID
        while true {
            let candidate = "=_dunning-\(kind)-" + MIME.sha256Hex(Array(seed.utf8)).prefix(24)
            if !bodies.contains(where: { contains($0, bytes: candidate) }) { return candidate }
            seed = candidate
        }
    }

    /// Whether `needle`'s UTF-8 bytes occur in `text`'s: a plain byte search, because both
    /// Foundation's Unicode-aware `contains` and the standard library's generic
    /// `firstRange(of:)` take longer than the rest of composing a message.
    static func contains(_ text: String, bytes needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { needle in
                guard let first = needle.first else { return true }
                guard haystack.count >= needle.count else { return false }
                for start in 0...(haystack.count - needle.count) where haystack[start] == first {
                    if UnsafeBufferPointer(rebasing: haystack[start..<start + needle.count]).elementsEqual(needle) { return true }
                }
                return false
            }
        }
    }

    private static func mailbox(_ address: MailAddress) -> MIME.Mailbox {
        MIME.Mailbox(name: address.name, address: address.address)
    }

    /// The 1-based number of the first line longer than 998 characters before its CRLF.
    static func firstLongLine(_ bytes: [UInt8]) -> Int? {
        // Every message passes here whole: line by line with memchr, not byte by byte.
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            var line = 1
            var start = 0
            while start < buffer.count {
                let end = buffer.index(of: 10, from: start) ?? buffer.count
                var length = end - start
                if length > 998 {
                    // CRs do not count: only a line that is long without them is too long.
                    length -= UnsafeBufferPointer(rebasing: buffer[start..<end]).count(where: { $0 == 13 })
                    if length > 998 { return line }
                }
                line += 1
                start = end + 1
            }
            return nil
        }
    }
}
