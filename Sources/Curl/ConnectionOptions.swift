/// How a connection reaches its server, an SMTP relay (`SMTPConnection`) or an IMAP
/// mailbox (`IMAPMailbox`): URL, TLS, trust, login and timeouts.
public struct ConnectionOptions: Sendable {
    /// `smtp://host:port[/ehlo-name]` or `smtps://…` for SMTP, `imap://host[:port]/MAILBOX`
    /// or `imaps://…` for IMAP; each allows only its protocol's two schemes.
    public var url: String
    public var security: ConnectionSecurity
    /// A PEM file of trusted CAs (`CURLOPT_CAINFO`); `nil`: the system's. Verification is always on.
    public var caFile: String?
    public var credentials: LoginCredentials?
    /// TCP connect and TLS handshake (`CURLOPT_CONNECTTIMEOUT_MS`).
    public var connectTimeout: Duration
    /// One whole message or command, connect included when there is no connection yet
    /// (`CURLOPT_TIMEOUT_MS`).
    public var timeout: Duration

    public init(url: String, security: ConnectionSecurity = .startTLS, caFile: String? = nil, credentials: LoginCredentials? = nil,
                connectTimeout: Duration = .seconds(30), timeout: Duration = .seconds(30)) {
        self.url = url
        self.security = security
        self.caFile = caFile
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}
