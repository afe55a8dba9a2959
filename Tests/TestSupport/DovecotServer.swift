import Foundation
import Glibc

/// A real IMAP server for tests: Dovecot (Debian `dovecot-imapd`) standalone on a free
/// loopback port, with its own config file, serving one user whose INBOX is `maildir`.
///
/// Plain IMAP (`ssl = no`) with `AUTH=PLAIN` over loopback. When the tests run as root
/// (as in CI), the mail user is `nobody` and `maildir` is handed to it, because Dovecot
/// never accesses mail as root; otherwise Dovecot runs entirely as the current user.
/// `init` returns once the port accepts connections; stopped by `stop()` or when released.
/// A missing Dovecot makes `init` throw: the test fails, it never skips.
public final class DovecotServer {
    public let port: Int
    public let user = "bounces"
    public let password = "imap-secret"
    private let process: SpawnedProcess
    private let directory: TemporaryDirectory

    public static let executable = "/usr/sbin/dovecot"

    /// `imap://127.0.0.1:PORT/INBOX`.
    public var url: String { "imap://127.0.0.1:\(port)/INBOX" }

    public init(maildir: String, deadline: Duration = .seconds(15)) throws {
        directory = try TemporaryDirectory()
        for folder in ["run", "state", "home"] { try FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true) }
        for folder in ["", "/new", "/cur", "/tmp"] { try FileManager.default.createDirectory(atPath: maildir + folder, withIntermediateDirectories: true) }
        let socket = try LoopbackUDP.bound(SOCK_STREAM)
        close(socket.fd)
        port = socket.port
        let root = getuid() == 0
        if root {
            // Dovecot reads and writes mail as the mail user only, never as root.
            _ = chmod(directory.path, 0o755)
            _ = chmod((maildir as NSString).deletingLastPathComponent, 0o755)
            for path in [maildir, maildir + "/new", maildir + "/cur", maildir + "/tmp"] { _ = chown(path, 65534, 65534) }
        }
        try "\(user):{PLAIN}\(password)\n".write(toFile: directory.file("passwd"), atomically: true, encoding: .utf8)
        try Self.config(directory: directory.path, maildir: maildir, port: port, root: root)
            .write(toFile: directory.file("dovecot.conf"), atomically: true, encoding: .utf8)
        let log = directory.file("output.log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        do {
            process = try SpawnedProcess(executable: Self.executable, arguments: ["-F", "-c", directory.file("dovecot.conf")], output: log)
        } catch {
            throw DovecotError.notStarted("cannot run \(Self.executable) (Debian dovecot-imapd, `make deps`): \(error)")
        }
        let end = ContinuousClock.now + deadline
        while !LoopbackTCP.accepts(port: port) {
            guard process.isRunning, ContinuousClock.now < end else {
                process.kill()
                throw DovecotError.notStarted("dovecot did not listen on \(port):\n\(fileText(log))\n\(directory.text(of: "dovecot.log"))")
            }
            usleep(20_000)
        }
    }

    public func stop() { process.kill() }

    deinit { stop() }

    /// Dovecot's own log (logins, errors).
    public var log: String { directory.text(of: "dovecot.log") }

    static func config(directory: String, maildir: String, port: Int, root: Bool) -> String {
        let name = String(cString: getpwuid(getuid()).pointee.pw_name)
        let group = String(cString: getgrgid(getgid()).pointee.gr_name)
        let users = root
            ? "first_valid_uid = 1\n"
            : "default_login_user = \(name)\ndefault_internal_user = \(name)\nfirst_valid_uid = \(getuid())\nfirst_valid_gid = \(getgid())\n"
        let mailUser = root ? "uid=nobody gid=nogroup" : "uid=\(name) gid=\(group)"
        return """
        base_dir = \(directory)/run
        state_dir = \(directory)/state
        log_path = \(directory)/dovecot.log
        protocols = imap
        listen = 127.0.0.1
        ssl = no
        disable_plaintext_auth = no
        auth_mechanisms = plain
        \(users)passdb {
          driver = passwd-file
          args = scheme=PLAIN username_format=%u \(directory)/passwd
        }
        userdb {
          driver = static
          args = \(mailUser) home=\(directory)/home
        }
        mail_location = maildir:\(maildir)
        service imap-login {
          inet_listener imap {
            address = 127.0.0.1
            port = \(port)
          }
          inet_listener imaps {
            port = 0
          }
        }

        """
    }
}

public enum DovecotError: Error, CustomStringConvertible {
    case notStarted(String)
    public var description: String {
        switch self {
        case .notStarted(let detail): "Dovecot did not start: \(detail)"
        }
    }
}
