import DunningCore

/// Builds the transport `delivery` names.
public enum TransportFactory {
    /// An `OutboxTransport` on `delivery.outbox`, or an `SMTPTransport` on `delivery.smtp`.
    ///
    /// `credentialsDirectory` is `$CREDENTIALS_DIRECTORY` (systemd `LoadCredential=`), for
    /// a relative `password_file`.
    public static func make(_ delivery: Delivery, credentialsDirectory: String?) throws(TransportError) -> any MailTransport {
        switch delivery.transport {
        case .outbox:
            return try OutboxTransport(maildir: delivery.outbox)
        case .smtp:
            guard let smtp = delivery.smtp else { throw .missingSMTPSettings }
            return try SMTPTransport(settings: smtp, credentialsDirectory: credentialsDirectory)
        }
    }
}
