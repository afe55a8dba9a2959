extension MessageComposer {
    /// Checks every field of `message` that reaches a header; throws on the first bad one.
    ///
    /// Injection first (CR, LF, NUL in any header value), then the syntax of addresses,
    /// message ids, invoice ids and media types, field by field in declaration order.
    static func validate(_ message: OutgoingMessage) throws(MessageError) {
        for (field, value) in headerFields(of: message) where value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
            throw .headerInjection(field: field)
        }
        guard !message.to.isEmpty else { throw .noRecipient }
        for (field, mailbox) in mailboxes(of: message) where !isAddress(mailbox.address) {
            throw .invalidAddress(field: "\(field).address", value: mailbox.address)
        }
        var ids = [("messageID", message.messageID)]
        if let inReplyTo = message.inReplyTo { ids.append(("inReplyTo", inReplyTo)) }
        ids += message.references.enumerated().map { ("references[\($0.offset)]", $0.element) }
        for (field, id) in ids where !isMessageID(id) {
            throw .invalidMessageID(field: field, value: id)
        }
        for (index, invoice) in message.invoices.enumerated()
        where invoice.isEmpty || invoice.count > 100 || invoice.utf8.contains(UInt8(ascii: ",")) || invoice.allSatisfy(\.isWhitespace) {
            throw .invalidInvoiceID(field: "invoices[\(index)]", value: invoice)
        }
        for (index, attachment) in message.attachments.enumerated() where !isMediaType(attachment.mediaType) {
            throw .invalidMediaType(field: "attachments[\(index)].mediaType", value: attachment.mediaType)
        }
    }

    /// Every value that ends up in a header, with its field path.
    private static func headerFields(of message: OutgoingMessage) -> [(String, String)] {
        var fields: [(String, String)] = [("messageID", message.messageID)]
        for (field, mailbox) in mailboxes(of: message) {
            if let name = mailbox.name { fields.append(("\(field).name", name)) }
            fields.append(("\(field).address", mailbox.address))
        }
        fields.append(("subject", message.subject))
        fields += message.invoices.enumerated().map { ("invoices[\($0.offset)]", $0.element) }
        if let inReplyTo = message.inReplyTo { fields.append(("inReplyTo", inReplyTo)) }
        fields += message.references.enumerated().map { ("references[\($0.offset)]", $0.element) }
        for (index, attachment) in message.attachments.enumerated() {
            fields.append(("attachments[\(index)].filename", attachment.filename))
            fields.append(("attachments[\(index)].mediaType", attachment.mediaType))
        }
        return fields
    }

    private static func mailboxes(of message: OutgoingMessage) -> [(String, MailAddress)] {
        var mailboxes = [("from", message.from)]
        if let replyTo = message.replyTo { mailboxes.append(("replyTo", replyTo)) }
        mailboxes += message.to.enumerated().map { ("to[\($0.offset)]", $0.element) }
        return mailboxes
    }

    /// `local@domain`: one `@`, both sides non-empty, at most 254 characters, no space,
    /// control character or RFC 5322 special other than `.` (quoted local parts are not
    /// taken). Deeper checks (MX, IDN) are the verifier's.
    static func isAddress(_ address: String) -> Bool {
        address.utf8.count <= 254 && splitsOnce(address, at: UInt8(ascii: "@"))
            && !address.utf8.contains { $0 < 0x21 || $0 == 0x7F || isSpecial($0, in: "()<>[]:;,\\\"") }
    }

    /// `left@right` in printable ASCII without spaces, angle brackets or `"`, `[`, `]`, `\`;
    /// at most 250 characters, so `References` lines stay far below 998.
    static func isMessageID(_ id: String) -> Bool {
        id.utf8.count <= 250 && splitsOnce(id, at: UInt8(ascii: "@"))
            && id.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !isSpecial($0, in: "<>\"[]\\(),;:") }
    }

    /// `type/subtype`, each an RFC 2045 token.
    static func isMediaType(_ mediaType: String) -> Bool {
        splitsOnce(mediaType, at: UInt8(ascii: "/"))
            && mediaType.utf8.allSatisfy { $0 == UInt8(ascii: "/") || ($0 > 0x20 && $0 < 0x7F && !isSpecial($0, in: "()<>@,;:\\\"/[]?=")) }
    }

    /// Whether `separator` occurs exactly once in `text`, with something on both sides.
    /// Byte by byte: these checks run for every header of every message, and the separators
    /// and specials are ASCII, which UTF-8 never uses inside another character.
    private static func splitsOnce(_ text: String, at separator: UInt8) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(of: separator), first != utf8.startIndex else { return false }
        let rest = utf8[utf8.index(after: first)...]
        return !rest.isEmpty && !rest.contains(separator)
    }

    private static func isSpecial(_ byte: UInt8, in specials: StaticString) -> Bool {
        specials.withUTF8Buffer { $0.contains(byte) }
    }
}
