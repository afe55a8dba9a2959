/// How an `SMTPConnection` reaches the relay (or an `IMAPMailbox` its server): URL, TLS,
/// trust, login and timeouts.
public struct SMTPOptions: Sendable {
    /// How the connection is protected.
    public enum Security: Sendable, Equatable {
        /// `smtp://` and `STARTTLS`, required (`CURLUSESSL_ALL`): no STARTTLS offered, no mail.
        case startTLS
        /// `smtps://`: TLS from the first byte.
        case implicitTLS
        /// Plain text (`CURLUSESSL_NONE`); only when configured so explicitly.
        case none
    }

    /// `smtp://host:port[/ehlo-name]` or `smtps://…` (for IMAP `imap://host/MAILBOX` or
    /// `imaps://…`); the connection allows only its protocol's two schemes.
    public var url: String
    public var security: Security
    /// A PEM file of trusted CAs (`CURLOPT_CAINFO`); `nil`: the system's. Verification is always on.
    public var caFile: String?
    public var credentials: SMTPCredentials?
    /// TCP connect and TLS handshake (`CURLOPT_CONNECTTIMEOUT_MS`).
    public var connectTimeout: Duration
    /// One whole message, connect included when there is no connection yet (`CURLOPT_TIMEOUT_MS`).
    public var timeout: Duration

    public init(url: String, security: Security = .startTLS, caFile: String? = nil, credentials: SMTPCredentials? = nil,
                connectTimeout: Duration = .seconds(30), timeout: Duration = .seconds(30)) {
        self.url = url
        self.security = security
        self.caFile = caFile
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// A login for `AUTH`. The password never shows in `description`, `dump` or a debugger.
public struct SMTPCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "SMTPCredentials(username: \(username), password: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["username": username, "password": "<redacted>"]) }
}
