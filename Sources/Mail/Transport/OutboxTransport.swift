/// Delivers into a Maildir instead of a server: each message a file in `new/`, byte for
/// byte what SMTP would have carried (CRLF line ends, no dot-stuffing).
///
/// Refuses what `SMTPTransport` refuses (bare CR/LF, bad envelope addresses), so the
/// outbox never holds a message the relay would not take. The envelope itself is not stored.
public final class OutboxTransport: MailTransport, Sendable {
    private let maildir: Maildir

    /// Opens the Maildir at `maildir`, creating `tmp/`, `new/` and `cur/` when missing.
    public init(maildir: String) throws(TransportError) {
        self.maildir = try Maildir(path: maildir)
    }

    /// `.sent(reply: "outbox new/NAME")` once the file and `new/` are fsync'd;
    /// `.deferred` when nothing was written; `.uncertain` when the file is in `new/` but
    /// could not be made durable.
    public func deliver(_ message: [UInt8], envelope: Envelope) -> DeliveryOutcome {
        if let refusal = WireFormat.refusal(message, envelope) { return .failed(reply: "local: \(refusal)") }
        do throws(Maildir.DeliveryError) {
            let name = try maildir.deliver(message)
            return .sent(reply: "outbox new/\(name)")
        } catch {
            switch error {
            case .notDelivered(let reason):
                return .deferred(reply: "local: outbox \(maildir.path): \(reason)")
            case .notDurable(let name, let reason):
                return .uncertain(reason: "outbox \(maildir.path): new/\(name) written but not durable: \(reason)")
            }
        }
    }

    /// Nothing to close.
    public func close() {}
}
