/// How an SMTP or IMAP connection is protected. TLS, when used, is always verified.
public enum ConnectionSecurity: Sendable, Equatable {
    /// `smtp://`/`imap://` and `STARTTLS`, required (`CURLUSESSL_ALL`): no STARTTLS offered,
    /// no transfer.
    case startTLS
    /// `smtps://`/`imaps://`: TLS from the first byte.
    case implicitTLS
    /// Plain text (`CURLUSESSL_NONE`); only when configured so explicitly.
    case none
}

/// A login for SMTP `AUTH` or IMAP `LOGIN`. The password never shows in `description`,
/// `dump` or a debugger.
public struct LoginCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "LoginCredentials(username: \(username), password: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["username": username, "password": "<redacted>"]) }
}
