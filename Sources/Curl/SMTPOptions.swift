/// How an `SMTPConnection` reaches the relay: URL, TLS, trust, login and timeouts.
public struct SMTPOptions: Sendable {
    /// How the connection is protected (shared with IMAP).
    public typealias Security = ConnectionSecurity

    /// `smtp://host:port[/ehlo-name]` or `smtps://…`; the connection allows only these two schemes.
    public var url: String
    public var security: Security
    /// A PEM file of trusted CAs (`CURLOPT_CAINFO`); `nil`: the system's. Verification is always on.
    public var caFile: String?
    public var credentials: LoginCredentials?
    /// TCP connect and TLS handshake (`CURLOPT_CONNECTTIMEOUT_MS`).
    public var connectTimeout: Duration
    /// One whole message, connect included when there is no connection yet (`CURLOPT_TIMEOUT_MS`).
    public var timeout: Duration

    public init(url: String, security: Security = .startTLS, caFile: String? = nil, credentials: LoginCredentials? = nil,
                connectTimeout: Duration = .seconds(30), timeout: Duration = .seconds(30)) {
        self.url = url
        self.security = security
        self.caFile = caFile
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}
