import Foundation
import MIME

/// The human-readable text of a bounce, and the failed recipients the non-standard formats
/// list in it.
///
/// Every format names each failed address at the start of a paragraph and explains below or
/// after it:
///
/// ```text
/// <jan@example.nl>: host mx.example.nl[192.0.2.1] said: 550 5.1.1 … (Postfix, "The mail system")
/// <jan@example.nl>:                                                   (qmail, Yahoo)
/// Remote host said: 550 5.1.1 …
///   jan@example.nl                                                    (Exim)
///     SMTP error from remote mail server after RCPT TO:<jan@example.nl>:
///     550 5.1.1 …
///       jan@example.nl on 14-1-2026 10:00                             (Exchange 2003)
///             <mx.example.nl #5.1.1>
/// jan@example.nl                                                      (Exchange 2010, Office 365)
/// Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; …'
/// ```
///
/// so a paragraph whose first word is an address is a failed recipient, and the rest of the
/// paragraph its diagnostic. The text stops where the returned copy of the message starts.
struct BounceText {
    struct Recipient: Equatable {
        var address: String
        var diagnostic: String
    }

    /// The report: text parts before the returned message, up to the first copy separator.
    var report: String
    /// Everything after a copy separator, and the returned message's text parts.
    var returned: String

    /// Lines after which a bounce quotes the message it returns.
    static let copySeparators = [
        "this is a copy of the message", "below this line is a copy of the message", "original message headers",
        "----- original message -----", "-----original message-----", "enclosed is a copy",
        "--- the header of the original message is following", "undelivered message follows",
    ]

    /// Words only a mail system's bounce uses.
    static let bounceWords = [
        "this message was created automatically by mail delivery software", "this is the qmail-send program",
        "this is the mail system at host", "this is the postfix program", "i'm afraid i wasn't able to deliver",
        "sorry, we were unable to deliver your message", "delivery has failed to these recipients",
        "the following recipient(s) cannot be reached", "your message did not reach some or all of the intended recipients",
        "could not be delivered to one or more", "the following address(es) failed",
        "has not yet been delivered to one or more", "permanent fatal errors", "delivery to the following recipient failed",
    ]

    init(_ message: MIME.ParsedMessage) {
        var report = ""
        var returned = ""
        var inReturned = false
        for part in message.parts where part.contentType.hasPrefix("text/") {
            // After the first text part of a report, later parts belong to the returned message.
            let text = (part.text ?? String(decoding: part.data, as: UTF8.self)).replacingOccurrences(of: "\r\n", with: "\n")
            let plain = part.contentType == "text/html" ? Self.withoutTags(text) : text
            if inReturned || part.contentType == "text/rfc822-headers" {
                returned += plain + "\n"
                continue
            }
            let (before, copy) = Self.splitAtCopy(plain)
            if let copy {
                report += before + "\n"
                returned += copy + "\n"
                inReturned = true
            } else {
                report += plain + "\n"
                // A multipart/report has one human-readable part; what follows was returned.
                if !message.embeddedHeaders.isEmpty || message.parts.contains(where: { $0.contentType.hasPrefix("message/") }) {
                    inReturned = true
                }
            }
        }
        self.report = report
        self.returned = returned
    }

    var hasBounceWords: Bool {
        let lowered = report.lowercased()
        return Self.bounceWords.contains { lowered.contains($0) }
    }

    /// Whether the bounce says it gave up (for failures without a code in the text).
    var saysPermanent: Bool {
        let lowered = report.lowercased()
        return !["has not yet been delivered", "will continue trying", "will be retried", "delayed", "still trying"]
            .contains { lowered.contains($0) }
    }

    /// From a mail system: `MAILER-DAEMON@…`, `postmaster@…`, or a "Mail Delivery" name.
    static func isFromMailSystem(_ message: MIME.ParsedMessage) -> Bool {
        message.mailboxes("From").contains { mailbox in
            let local = mailbox.address.split(separator: "@").first.map { $0.lowercased() } ?? ""
            let name = mailbox.name?.lowercased() ?? ""
            return ["mailer-daemon", "postmaster"].contains(local) || name.contains("mail delivery")
        }
    }

    /// Subject words of bounces (English, Dutch), lower-cased.
    static let subjectWords = [
        "undeliver", "delivery status notification", "mail delivery failed", "failure notice", "returned mail",
        "delivery failure", "non-delivery", "nondeliverable", "onbestelbaar", "niet bezorgd",
    ]

    /// Sent with the null envelope sender (`Return-Path: <>`) or under a bounce's subject: with
    /// bounce words in the text, enough to read it as a bounce when the sender is a person's name.
    static func isReturned(_ message: MIME.ParsedMessage) -> Bool {
        if message.header("Return-Path")?.trimmingCharacters(in: .whitespaces) == "<>" { return true }
        let subject = message.header("Subject")?.lowercased() ?? ""
        return subjectWords.contains { subject.contains($0) }
    }

    /// Each address that starts a paragraph of the report, with the paragraph as diagnostic;
    /// paragraphs about the same address (Exchange names it twice) are joined, the one with a
    /// reply code first.
    func failedRecipients() -> [Recipient] {
        var order: [String] = []
        var details: [String: [String]] = [:]
        // Sendmail puts a `----- … -----` heading right above the addresses: it ends a paragraph.
        let headingsAsBreaks = report.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.count > 6 && trimmed.hasPrefix("---") && trimmed.hasSuffix("---") ? "" : String(line)
        }.joined(separator: "\n")
        for paragraph in DeliveryStatusReport.blocks(headingsAsBreaks) {
            let lines = paragraph.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = lines.first, let (address, rest) = Self.leadingAddress(first) else { continue }
            let detail = ([rest] + lines.dropFirst()).filter { !$0.isEmpty }.joined(separator: " ")
            if details[address] == nil { order.append(address) }
            details[address, default: []].append(detail)
        }
        return order.map { address in
            let found = details[address, default: []].filter { !$0.isEmpty }
            return Recipient(address: address, diagnostic: Self.bestDiagnostic(found))
        }
    }

    /// The address a paragraph line starts with (`<a@b>:`, `a@b`, `a@b on 14-1-2026`), and
    /// what follows it on the line; nil for ours (VERP) and mail-system addresses.
    static func leadingAddress(_ line: String) -> (String, String)? {
        guard let match = line.firstMatch(of: /^<?([^<>\s@"]+@[A-Za-z0-9.\-]+\.[A-Za-z0-9\-]+)>?:?(.*)$/) else { return nil }
        let address = String(match.output.1).lowercased()
        guard !address.hasPrefix("bounce+"), !address.hasPrefix("mailer-daemon@"), !address.hasPrefix("postmaster@")
        else { return nil }
        var rest = String(match.output.2).trimmingCharacters(in: .whitespaces)
        // Exchange 2003: "jan@example.nl on 14-1-2026 10:00" — the date is no diagnostic.
        if rest.hasPrefix("on ") { rest = "" }
        return (address, rest)
    }

    /// Exchange's "Remote Server returned '…'" or `#550 5.1.1 … ##` line when there is one,
    /// else the paragraphs joined.
    static func bestDiagnostic(_ details: [String]) -> String {
        for detail in details {
            if let match = detail.firstMatch(of: /Remote Server returned '([^']+)'/) { return String(match.output.1) }
            if let match = detail.firstMatch(of: /#([45][0-9][0-9] [245]\.[0-9.]+[^#]*)##/) {
                return match.output.1.trimmingCharacters(in: .whitespaces)
            }
        }
        return details.joined(separator: " ")
    }

    /// `text` before the first line with a copy separator, and from that line on (nil when
    /// there is none).
    static func splitAtCopy(_ text: String) -> (String, String?) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let cut = lines.firstIndex(where: { line in
            let lowered = line.lowercased()
            return copySeparators.contains { lowered.contains($0) }
        }) else { return (text, nil) }
        return (lines[..<cut].joined(separator: "\n"), lines[cut...].joined(separator: "\n"))
    }

    /// HTML as text: tags dropped, block ends as line ends (only to find words and addresses).
    static func withoutTags(_ html: String) -> String {
        html.replacing(/(?i)<br\s*\/?>|<\/(p|div|tr|li)>/, with: "\n")
            .replacing(/<[^>]*>/, with: "")
            .replacingOccurrences(of: "&nbsp;", with: " ")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
