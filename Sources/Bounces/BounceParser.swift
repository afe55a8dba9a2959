import DunningCore
import MIME

/// Reads a message from the bounce mailbox: which recipients failed, how badly, and which
/// reminder it is about.
///
/// In this order:
/// 1. An RFC 3464 report (a `message/delivery-status` part, usually in `multipart/report`):
///    one ``BounceReport`` per recipient whose `Action` is `failed` or `delayed`; a report
///    whose recipients were all `delivered`, `relayed` or `expanded` is no bounce.
/// 2. The text of the common formats without one, found by their words and a sender like
///    `MAILER-DAEMON`: Exim, qmail, Yahoo, Postfix's "The mail system", Exchange.
/// 3. Anything else is no bounce: an auto-reply (RFC 3834 `Auto-Submitted`, `X-Autoreply`,
///    `Precedence: auto_reply`, an out-of-office subject) or an ordinary message.
///
/// Auto-reply headers are looked at last: MTAs mark their bounces `Auto-Submitted:
/// auto-replied` too.
///
/// ```swift
/// switch BounceParser.parse(bytes) {
/// case .success(.bounce(let reports)): …   // record one bounce per report
/// case .success(.notABounce(let reason)): … // file away
/// case .failure(let error): …               // keep aside, log
/// }
/// ```
public enum BounceParser {
    public static func parse(_ bytes: [UInt8]) -> Result<BounceParse, BounceParseError> {
        let message: MIME.ParsedMessage
        do throws(MIME.ParseError) {
            message = try MIME.parse(bytes)
        } catch {
            switch error {
            case .notAMessage: return .failure(.notAMessage)
            }
        }
        let returned = ReturnedMessage(message)
        let text = BounceText(message)

        if let dsn = DeliveryStatusReport(message) {
            let recipients = dsn.recipients
            let failed = recipients.filter(\.isFailure)
            if failed.isEmpty, !recipients.isEmpty {
                return .success(.notABounce(.deliveryNotice(actions: recipients.map(\.action))))
            }
            let reports = failed.map { report(for: $0, text: text, returned: returned) }
            if !reports.isEmpty { return .success(.bounce(unique(reports))) }
            // A report without per-recipient fields: read its text like a bounce without one.
            return textBounce(text, returned: returned, format: "delivery-status report")
        }
        if BounceText.isFromMailSystem(message) || (text.hasBounceWords && BounceText.isReturned(message)) {
            return textBounce(text, returned: returned, format: "bounce text")
        }
        if let evidence = AutoReply.evidence(in: message) {
            return .success(.notABounce(.autoReply(evidence: evidence)))
        }
        return .success(.notABounce(.ordinaryMessage))
    }

    private static func report(for recipient: DeliveryStatusReport.Recipient, text: BounceText,
                               returned: ReturnedMessage) -> BounceReport {
        // No Diagnostic-Code: what the human-readable part says about the address.
        let diagnostic = recipient.diagnostic
            ?? text.failedRecipients().first { $0.address == recipient.address }?.diagnostic
            ?? "Action: \(recipient.action), Status: \(recipient.status ?? "none") (no diagnostic given)"
        let permanent = recipient.action != "delayed"
        var outcome = BounceClassifier.classify(status: recipient.status, diagnostic: diagnostic, permanent: permanent)
        if !permanent { outcome.kind = .soft }
        return BounceReport(address: recipient.address, kind: outcome.kind, status: outcome.status.description,
                            diagnostic: oneLine(diagnostic, inferredFrom: outcome.inferredFrom),
                            originalMessageID: returned.messageID, verpToken: returned.verpToken)
    }

    private static func textBounce(_ text: BounceText, returned: ReturnedMessage,
                                   format: String) -> Result<BounceParse, BounceParseError> {
        let permanent = text.saysPermanent
        let reports = text.failedRecipients().map { recipient in
            let outcome = BounceClassifier.classify(status: nil, diagnostic: recipient.diagnostic, permanent: permanent)
            return BounceReport(address: recipient.address, kind: outcome.kind, status: outcome.status.description,
                                diagnostic: oneLine(recipient.diagnostic, inferredFrom: outcome.inferredFrom),
                                originalMessageID: returned.messageID, verpToken: returned.verpToken)
        }
        guard !reports.isEmpty else { return .failure(.noFailedRecipient(format: format)) }
        return .success(.bounce(unique(reports)))
    }

    /// The first report of each address.
    private static func unique(_ reports: [BounceReport]) -> [BounceReport] {
        var seen = Set<String>()
        return reports.filter { seen.insert($0.address).inserted }
    }

    /// White space runs as one space, trimmed, cut to ``BounceReport/maximumDiagnosticLength``
    /// characters (an ellipsis where cut), prefixed with how the status was inferred.
    static func oneLine(_ text: String, inferredFrom: String?) -> String {
        var words = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        // A multi-line SMTP reply repeats its codes on every line (`550-5.1.1 … 550-5.1.1 …`): keep the first.
        if let first = words.firstMatch(of: #/^[245][0-9][0-9][ \-][245]\.[0-9]{1,3}\.[0-9]{1,3} /#) {
            let repeated = words[first.range.upperBound...].replacing(#/ [245][0-9][0-9][ \-][245]\.[0-9]{1,3}\.[0-9]{1,3} +/#, with: " ")
            words = String(words[first.range]) + repeated
        }
        let line = inferredFrom.map { "status inferred from \($0): \(words)" } ?? words
        guard line.count > BounceReport.maximumDiagnosticLength else { return line }
        return String(line.prefix(BounceReport.maximumDiagnosticLength - 1)) + "…"
    }
}

extension BounceParser {
    /// A stable name for a message's bytes (SHA-256, lower-case hex): the bounce and task
    /// records taken from one message get ids derived from it, so taking the same message
    /// in twice (a crash before it was marked done) writes nothing twice.
    public static func fingerprint(_ bytes: [UInt8]) -> String {
        MIME.sha256Hex(bytes)
    }
}
