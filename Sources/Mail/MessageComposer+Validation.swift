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
        where invoice.isEmpty || invoice.count > 100 || invoice.contains(",") || invoice.allSatisfy(\.isWhitespace) {
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
        let sides = address.split(separator: "@", omittingEmptySubsequences: false)
        guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty, address.utf8.count <= 254 else { return false }
        return !address.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F || "()<>[]:;,\\\"".unicodeScalars.contains($0) }
    }

    /// `left@right` in printable ASCII without spaces, angle brackets or `"`, `[`, `]`, `\`;
    /// at most 250 characters, so `References` lines stay far below 998.
    static func isMessageID(_ id: String) -> Bool {
        let sides = id.split(separator: "@", omittingEmptySubsequences: false)
        guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty, id.utf8.count <= 250 else { return false }
        return id.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"<>\"[]\\(),;:".unicodeScalars.contains($0) }
    }

    /// `type/subtype`, each an RFC 2045 token.
    static func isMediaType(_ mediaType: String) -> Bool {
        let sides = mediaType.split(separator: "/", omittingEmptySubsequences: false)
        guard sides.count == 2 else { return false }
        return sides.allSatisfy { side in
            !side.isEmpty && side.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"()<>@,;:\\\"/[]?=".unicodeScalars.contains($0) }
        }
    }
}
