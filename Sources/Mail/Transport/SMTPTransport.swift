import Curl
import DunningCore

/// Delivers over SMTP through libcurl: one connection for all messages of a cycle.
///
/// `smtp://` with STARTTLS required unless `tls: none` is configured; `smtps://` for
/// `tls: implicit`; certificates always verified (`ca_file` adds a private CA). The
/// password is read once, from a file, and never appears in a reply or error text.
///
/// What became of each message follows the server's final reply, and where the transfer
/// stopped (see `outcome(of:)`): `.uncertain` only when the whole message was handed over
/// and no reply came, because the server may have accepted it.
public final class SMTPTransport: MailTransport {
    private let connection: SMTPConnection
    /// The password, to scrub it from anything a server or libcurl says.
    private let secret: String?

    /// Checks the settings, reads the password (relative `password_file`: below
    /// `credentialsDirectory`, i.e. `$CREDENTIALS_DIRECTORY`) and prepares libcurl.
    /// Connects on the first `deliver`.
    public init(settings: SMTPSettings, credentialsDirectory: String?) throws(TransportError) {
        let options = try Self.options(settings, credentialsDirectory: credentialsDirectory)
        secret = options.credentials?.password
        do {
            connection = try SMTPConnection(options)
        } catch {
            throw .curl(error.description)
        }
    }

    /// Sends one message to `envelope.recipients` with `envelope.sender` as `MAIL FROM`.
    ///
    /// A message with a bare CR or LF, or an envelope address with a control character or
    /// an angle bracket, is refused before anything is sent: `.failed(reply: "local: …")`.
    /// A rejected recipient fails the whole message (`CURLOPT_MAIL_RCPT_ALLOWFAILS` off).
    public func deliver(_ message: [UInt8], envelope: Envelope) -> DeliveryOutcome {
        if let refusal = WireFormat.refusal(message, envelope) { return .failed(reply: "local: \(refusal)") }
        let outcome: DeliveryOutcome
        do {
            let attempt = try connection.send(from: envelope.sender, to: envelope.recipients, message: message)
            outcome = Self.outcome(of: attempt)
        } catch {
            outcome = .deferred(reply: "local: libcurl: \(error)")
        }
        return scrubbed(outcome)
    }

    /// Ends the session (`QUIT`); a later `deliver` opens a new connection.
    public func close() {
        connection.close()
    }

    private func scrubbed(_ outcome: DeliveryOutcome) -> DeliveryOutcome {
        guard let secret, !secret.isEmpty else { return outcome }
        func scrub(_ text: String) -> String { text.replacingOccurrences(of: secret, with: "<redacted>") }
        switch outcome {
        case .sent(let reply): return .sent(reply: scrub(reply))
        case .deferred(let reply): return .deferred(reply: scrub(reply))
        case .failed(let reply): return .failed(reply: scrub(reply))
        case .uncertain(let reason): return .uncertain(reason: scrub(reason))
        }
    }
}

@available(*, unavailable) extension SMTPTransport: Sendable {}
