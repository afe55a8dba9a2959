import Foundation
import MIME

/// The `message/delivery-status` part of an RFC 3464 report, read field by field.
///
/// The part is a block of per-message fields and one block per recipient, separated by
/// empty lines; each block has RFC 5322 header syntax, so GMime's header parser reads it
/// (``MIME/headerFields(_:)``). `message/global-delivery-status` (RFC 6533) is read alike.
struct DeliveryStatusReport {
    /// One per-recipient block.
    struct Recipient: Equatable {
        /// `Original-Recipient`, else `Final-Recipient`, without its address type, lower-cased.
        var address: String
        /// `Action`, lower-cased (`failed`, `delayed`, `delivered`, `relayed`, `expanded`);
        /// from the status class when the field is missing.
        var action: String
        var status: String?
        /// `Diagnostic-Code` without its type (`smtp;`).
        var diagnostic: String?

        /// RFC 3464 section 2.3.3: `failed` and `delayed` are failures, the rest are not.
        var isFailure: Bool { action == "failed" || action == "delayed" }
    }

    /// The per-message fields (`Reporting-MTA`, `X-Postfix-Sender`, …).
    var messageFields: [MIME.Header]
    var recipients: [Recipient]

    /// Nil when `message` has no delivery-status part.
    init?(_ message: MIME.ParsedMessage) {
        guard let part = message.parts.first(where: {
            $0.contentType == "message/delivery-status" || $0.contentType == "message/global-delivery-status"
        }) else { return nil }
        let blocks = Self.blocks(String(decoding: part.data, as: UTF8.self)).map { MIME.headerFields(Array($0.utf8)) }
        let isRecipient: ([MIME.Header]) -> Bool = { fields in
            fields.contains { ["final-recipient", "original-recipient", "action"].contains($0.name.lowercased()) }
        }
        messageFields = blocks.first(where: { !isRecipient($0) }) ?? []
        recipients = blocks.filter(isRecipient).compactMap(Self.recipient)
    }

    /// The part's text split at empty (or white-space-only) lines, empty blocks dropped.
    static func blocks(_ text: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
        return blocks
    }

    private static func recipient(_ fields: [MIME.Header]) -> Recipient? {
        func field(_ name: String) -> String? {
            fields.first { $0.name.lowercased() == name }.map { $0.value.trimmingCharacters(in: .whitespaces) }
        }
        guard let address = (field("original-recipient") ?? field("final-recipient")).flatMap(Self.address) else { return nil }
        let status = field("status")
        let action = field("action")?.split(separator: " ").first.map { $0.lowercased() }
            ?? { switch status?.first { case "2": "delivered"; case "4": "delayed"; default: "failed" } }()
        return Recipient(address: address, action: action, status: status, diagnostic: field("diagnostic-code").map(Self.withoutType))
    }

    /// `rfc822; Jan@Example.nl` as `jan@example.nl`; nil when no address is left.
    static func address(_ value: String) -> String? {
        let address = withoutType(value).trimmingCharacters(in: CharacterSet(charactersIn: "<> \t")).lowercased()
        return address.contains("@") ? address : nil
    }

    /// A typed field's value after its type (`smtp; 550 …` → `550 …`).
    static func withoutType(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";") else { return value }
        let type = value[..<semicolon]
        guard !type.isEmpty, type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return value }
        return value[value.index(after: semicolon)...].trimmingCharacters(in: .whitespaces)
    }
}
