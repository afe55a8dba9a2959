import Curl
import DunningCore
import Foundation

/// What became of a message taken from the bounce mailbox.
public enum IntakeDisposition: Sendable, Equatable {
    /// A bounce whose records are in the ledger, or mail that is not a bounce (an
    /// out-of-office reply): marked seen, never read again.
    case done
    /// A bounce that matches no reminder or customer, or a message that cannot be read as
    /// mail at all: left unread and flagged for a human, never read again by dunning.
    case setAside
}

/// A mailbox bounces arrive in. `waiting()` lists what dunning has not taken yet; `finish`
/// takes a message out of that list, only after what it said is durable in the ledger.
public protocol BounceMailbox: AnyObject {
    /// `maildir PATH` or the IMAP URL, for log lines.
    var name: String { get }
    /// Keys of the messages not taken yet, oldest first.
    func waiting() throws -> [String]
    func read(_ key: String) throws -> [UInt8]
    func finish(_ key: String, as disposition: IntakeDisposition) throws
}

/// A bounce Maildir on this machine (Postfix's `virtual` or `local` delivers into it).
///
/// Waiting: the files in `new/`. Done: renamed to `cur/NAME:2,S` (seen). Set aside:
/// renamed to `cur/NAME:2,F` (flagged, unread), which a mail client on the same Maildir
/// (Dovecot) shows to a human. Nothing is ever deleted.
public final class MaildirBounceMailbox: BounceMailbox {
    public let path: String
    public var name: String { "maildir \(path)" }

    /// Creates `new/`, `cur/` and `tmp/` when missing, so the MTA finds a Maildir.
    public init(path: String) throws {
        self.path = path
        for folder in ["", "/new", "/cur", "/tmp"] {
            try FileManager.default.createDirectory(atPath: path + folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o770])
        }
    }

    public func waiting() throws -> [String] {
        // Maildir names start with the delivery time in seconds: name order is near arrival order.
        try FileManager.default.contentsOfDirectory(atPath: path + "/new").filter { !$0.hasPrefix(".") }.sorted()
    }

    public func read(_ key: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path + "/new/" + key) else {
            throw BounceMailboxError.unreadable(path + "/new/" + key, String(cString: strerror(errno)))
        }
        return [UInt8](data)
    }

    public func finish(_ key: String, as disposition: IntakeDisposition) throws {
        let base = key.split(separator: ":", maxSplits: 1).first.map(String.init) ?? key
        let flags = disposition == .done ? "S" : "F"
        let target = path + "/cur/" + base + ":2," + flags
        guard rename(path + "/new/" + key, target) == 0 else {
            throw BounceMailboxError.unreadable(path + "/new/" + key, "rename to \(target): \(String(cString: strerror(errno)))")
        }
    }
}

/// An IMAP bounce mailbox, through libcurl (`IMAPMailbox`).
///
/// Waiting: `UID SEARCH UNSEEN UNFLAGGED`. Read with `BODY.PEEK[]`, so reading marks
/// nothing. Done: `\Seen`. Set aside: `\Flagged`, left unread for a human.
public final class IMAPBounceMailbox: BounceMailbox {
    private let mailbox: IMAPMailbox
    public let name: String

    public init(settings: BounceSettings, credentialsDirectory: String?) throws {
        guard let url = settings.imap else { throw BounceMailboxError.notConfigured }
        let security: ConnectionSecurity = switch settings.imapTLS {
        case .starttls: .startTLS
        case .implicit: .implicitTLS
        case .none: .none
        }
        var credentials: LoginCredentials?
        switch (settings.imapUser, settings.imapPasswordFile) {
        case (nil, nil): credentials = nil
        case (let user?, let file?):
            do {
                credentials = LoginCredentials(username: user, password: try SecretFile.read(file, credentialsDirectory: credentialsDirectory))
            } catch .credentialsDirectoryUnset {
                throw BounceMailboxError.credentialsDirectoryUnset(file)
            } catch .unreadable(let path, let reason) {
                throw BounceMailboxError.unreadable(path, "cannot read the IMAP password: \(reason)")
            }
        case (nil, _?): throw BounceMailboxError.incompleteCredentials("bounces.imap_user")
        case (_?, nil): throw BounceMailboxError.incompleteCredentials("bounces.imap_password_file")
        }
        mailbox = try IMAPMailbox(ConnectionOptions(url: url, security: security, caFile: settings.imapCAFile, credentials: credentials))
        name = url
    }

    public func waiting() throws -> [String] {
        try mailbox.search("UNSEEN UNFLAGGED").map(String.init)
    }

    public func read(_ key: String) throws -> [UInt8] {
        do {
            return try mailbox.fetch(uid: try uid(key))
        } catch let error as IMAPMailbox.CommandError where error.unreadableMessage {
            throw BounceMailboxError.malformed("UID \(key)", error.description)
        }
    }

    public func finish(_ key: String, as disposition: IntakeDisposition) throws {
        try mailbox.addFlags([disposition == .done ? "\\Seen" : "\\Flagged"], uid: try uid(key))
    }

    /// Logs out; the next pass logs in again.
    public func close() { mailbox.close() }

    private func uid(_ key: String) throws -> UInt32 {
        guard let uid = UInt32(key) else { throw BounceMailboxError.unreadable(key, "not a UID") }
        return uid
    }
}

public enum BounceMailboxError: Error, CustomStringConvertible {
    case notConfigured
    case unreadable(String, String)
    /// The message exists but cannot be read whole: set it aside for a human.
    case malformed(String, String)
    case incompleteCredentials(String)
    case credentialsDirectoryUnset(String)

    public var description: String {
        switch self {
        case .notConfigured: "no bounce mailbox is configured"
        case .unreadable(let path, let reason), .malformed(let path, let reason): "\(path): \(reason)"
        case .incompleteCredentials(let missing): "\(missing) is missing (both imap_user and imap_password_file, or neither)"
        case .credentialsDirectoryUnset(let file):
            "bounces.imap_password_file \(file) is relative but $CREDENTIALS_DIRECTORY is not set"
        }
    }
}
