import DunningCore
import Foundation
import Mail

/// What the engine takes from the world outside the config file, passed in once.
///
/// The CLI builds it from the process (`$CREDENTIALS_DIRECTORY`, the real clock); a test or
/// another front end builds its own: a clock it sets, a transport of its choosing.
///
/// ```swift
/// let environment = DunningEnvironment(configPath: "/etc/dunning/dunning.yaml",
///                                      credentialsDirectory: ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"])
/// let session = try Session.open(environment: environment)
/// ```
public struct DunningEnvironment: Sendable {
    /// Builds the transport `delivery` names; `credentialsDirectory` is passed along for a
    /// relative `password_file`.
    public typealias TransportFactory = @Sendable (_ delivery: Delivery, _ credentialsDirectory: String?) throws(TransportError)
        -> any MailTransport

    /// The config file: loaded by `Session.loadConfig`, and the base of relative paths in it
    /// (invoice PDFs) and of the commands the digest prints.
    public var configPath: String
    /// Where relative secret files (`password_file`, `imap_password_file`) live: systemd's
    /// `$CREDENTIALS_DIRECTORY` (`LoadCredential=`); `nil` allows absolute paths only.
    public var credentialsDirectory: String?
    /// The real time: record `at` instants, message `Date` headers, retry backoff, the
    /// daemon's timer. (`--as-of` moves the planning day, never this clock.)
    public var clock: @Sendable () -> Date
    /// The transport messages go out through (the outbox Maildir or SMTP, as configured).
    public var makeTransport: TransportFactory
    /// The program's version, for the `started` log line.
    public var version: String

    public init(configPath: String, credentialsDirectory: String? = nil, clock: @escaping @Sendable () -> Date = { Date() },
                makeTransport: @escaping TransportFactory = { delivery, directory throws(TransportError) in
                    try Mail.TransportFactory.make(delivery, credentialsDirectory: directory)
                },
                version: String = "") {
        self.configPath = configPath
        self.credentialsDirectory = credentialsDirectory
        self.clock = clock
        self.makeTransport = makeTransport
        self.version = version
    }

    /// The config file's folder: where relative paths in the config are looked up.
    public var configFolder: String {
        URL(fileURLWithPath: configPath).deletingLastPathComponent().path
    }
}
