/// How the test SMTP server (`smtp_server.py`, aiosmtpd) behaves; see its docstring.
public struct SMTPServerOptions: Sendable {
    /// Recipients answered 550 at `RCPT TO`.
    public var reject: [String]
    /// Recipients whose message is answered 554 after the final `.`.
    public var rejectAfterData: [String]
    /// Recipients whose first message is answered 451 after the final `.`; later ones are accepted.
    public var deferOnce: [String]
    /// Recipients whose message is read and stored, then the connection closes with no reply.
    public var dropAfterData: [String]
    /// Wait before answering the final `.`.
    public var delayMilliseconds: Int
    /// Offer STARTTLS and require it (or, with `implicitTLS`, speak TLS from the first byte).
    public var certificate: TestCertificate?
    public var implicitTLS: Bool
    /// Require `AUTH PLAIN`/`LOGIN` with these credentials.
    public var login: (user: String, password: String)?

    public init(reject: [String] = [], rejectAfterData: [String] = [], deferOnce: [String] = [],
                dropAfterData: [String] = [], delayMilliseconds: Int = 0, certificate: TestCertificate? = nil,
                implicitTLS: Bool = false, login: (user: String, password: String)? = nil) {
        self.reject = reject
        self.rejectAfterData = rejectAfterData
        self.deferOnce = deferOnce
        self.dropAfterData = dropAfterData
        self.delayMilliseconds = delayMilliseconds
        self.certificate = certificate
        self.implicitTLS = implicitTLS
        self.login = login
    }

    /// The script's command-line flags.
    var arguments: [String] {
        var arguments: [String] = []
        for address in reject { arguments += ["--reject", address] }
        for address in rejectAfterData { arguments += ["--reject-data", address] }
        for address in deferOnce { arguments += ["--defer-once", address] }
        for address in dropAfterData { arguments += ["--drop-after-data", address] }
        if delayMilliseconds > 0 { arguments += ["--delay-ms", String(delayMilliseconds)] }
        if let certificate { arguments += ["--tls-cert", certificate.certificatePath, "--tls-key", certificate.keyPath] }
        if implicitTLS { arguments.append("--implicit-tls") }
        if let login { arguments += ["--auth-user", login.user, "--auth-password", login.password] }
        return arguments
    }
}

/// One message the server accepted (or, for `dropAfterData`, read and never answered).
public struct ReceivedMessage: Sendable, Equatable {
    /// The bytes after the server's own handling: un-dot-stuffed, CRLF kept, no final `.`.
    public var data: [UInt8]
    public var mailFrom: String
    public var recipients: [String]
    /// The client's port: one value for all messages of one connection.
    public var peerPort: Int
    /// The session was protected by TLS (STARTTLS or implicit).
    public var tls: Bool
    /// The `AUTH` user, `nil` without `AUTH`.
    public var login: String?
    /// The reply the server gave to the final `.`; `nil` when it dropped the connection.
    public var reply: String?
}
