import DunningCore

/// Why a transport cannot be set up: a config or file problem the sysadmin fixes.
///
/// Never carries a password: paths and reasons only.
public enum TransportError: Error, Equatable, CustomStringConvertible {
    /// `delivery.transport: smtp` without a `delivery.smtp` section.
    case missingSMTPSettings
    /// The URL's scheme does not fit `tls` (`smtp://` for `starttls` and `none`, `smtps://` for `implicit`).
    case urlScheme(scheme: String, tls: SMTPSettings.TLS)
    /// `username` and `password_file` come together.
    case incompleteCredentials(missing: String)
    /// A relative `password_file` needs `$CREDENTIALS_DIRECTORY` (systemd `LoadCredential=`).
    case credentialsDirectoryUnset(passwordFile: String)
    /// The password file cannot be read, or is empty.
    case passwordFile(path: String, reason: String)
    /// The CA file cannot be read.
    case caFile(path: String, reason: String)
    /// The outbox Maildir cannot be created.
    case maildir(path: String, reason: String)
    /// libcurl refused the setup (an option this libcurl lacks, out of memory).
    case curl(String)

    public var description: String {
        switch self {
        case .missingSMTPSettings:
            "delivery.transport is smtp but delivery.smtp is missing"
        case .urlScheme(let scheme, let tls):
            "delivery.smtp.url: scheme \(scheme):// does not fit tls: \(tls.rawValue) (use \(tls == .implicit ? "smtps" : "smtp")://)"
        case .incompleteCredentials(let missing):
            "delivery.smtp: \(missing) is missing (username and password_file come together)"
        case .credentialsDirectoryUnset(let file):
            "delivery.smtp.password_file \(file) is relative but $CREDENTIALS_DIRECTORY is not set"
        case .passwordFile(let path, let reason):
            "\(path): cannot read the SMTP password: \(reason)"
        case .caFile(let path, let reason):
            "\(path): cannot read the CA file: \(reason)"
        case .maildir(let path, let reason):
            "\(path): cannot use the outbox Maildir: \(reason)"
        case .curl(let reason):
            "libcurl: \(reason)"
        }
    }
}
