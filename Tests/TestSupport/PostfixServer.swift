import Foundation
import Glibc

/// A real MTA for the bounce tests: a private Postfix instance (Debian `postfix`) with its
/// own `main.cf`, `master.cf` and queue, its SMTP port on a free loopback port.
///
/// - `localhost.test` is a local domain with no users: mail to `ghost@localhost.test` is
///   accepted (`local_recipient_maps` empty), then `local(8)` finds no such user and Postfix
///   sends a real RFC 3464 DSN (`5.1.1 unknown user`) to the envelope sender.
/// - `dunning.test` is a virtual mailbox domain whose every address, `bounce+TOKEN@…`
///   included, is delivered by `virtual(8)` into the Maildir `maildir`, as `nobody`.
///
/// Postfix must be started as root (as CI runs). `init` returns once the port accepts
/// connections; `stop()` (or release) stops the instance. Nothing here touches the system's
/// own Postfix (`/etc/postfix`), which need not run.
public final class PostfixServer {
    public let port: Int
    /// The bounce Maildir (`…/mail/bounces`), owned by `nobody`.
    public let maildir: String
    private let directory: TemporaryDirectory
    private var stopped = false

    public init(deadline: Duration = .seconds(30)) throws {
        guard getuid() == 0 else { throw PostfixError.notStarted("Postfix runs as root; run the tests as root (CI does)") }
        directory = try TemporaryDirectory()
        _ = chmod(directory.path, 0o755)
        let socket = try LoopbackUDP.bound(SOCK_STREAM)
        close(socket.fd)
        port = socket.port
        maildir = directory.file("mail/bounces")
        let fm = FileManager.default
        for folder in ["conf", "queue", "data", "mail", "mail/bounces", "mail/bounces/new", "mail/bounces/cur", "mail/bounces/tmp"] {
            try fm.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        guard let owner = getpwnam("postfix") else { throw PostfixError.notStarted("no user postfix (Debian postfix, `make deps`)") }
        _ = chown(directory.file("data"), owner.pointee.pw_uid, owner.pointee.pw_gid)
        for folder in ["mail", "mail/bounces", "mail/bounces/new", "mail/bounces/cur", "mail/bounces/tmp"] {
            _ = chown(directory.file(folder), 65534, 65534)
        }
        try Self.mainCF(directory.path).write(toFile: directory.file("conf/main.cf"), atomically: true, encoding: .utf8)
        try Self.masterCF(port: port).write(toFile: directory.file("conf/master.cf"), atomically: true, encoding: .utf8)
        let output = try postfix(["start"])
        let end = ContinuousClock.now + deadline
        while !LoopbackTCP.accepts(port: port) {
            guard ContinuousClock.now < end else {
                throw PostfixError.notStarted("no listener on \(port):\n\(output)\n\(log)")
            }
            usleep(50_000)
        }
    }

    /// Postfix's log (`maillog_file`): deliveries, bounces, errors.
    public var log: String { directory.text(of: "maillog") }

    /// The names of the messages in the bounce Maildir's `new/`.
    public func newMessages() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: maildir + "/new")) ?? []).sorted()
    }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        _ = try? postfix(["stop"])
    }

    deinit { stop() }

    /// Runs `postfix -c CONF ARGS`; its output (Postfix writes to stderr only on a terminal;
    /// what it logs is in `log`).
    @discardableResult
    private func postfix(_ arguments: [String]) throws -> String {
        let output = directory.file("postfix-command.out")
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let process = try SpawnedProcess(executable: "/usr/sbin/postfix", arguments: ["-c", directory.file("conf")] + arguments, output: output)
        let end = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < end { usleep(20_000) }
        return fileText(output)
    }

    static func mainCF(_ base: String) -> String {
        """
        compatibility_level = 3.6
        queue_directory = \(base)/queue
        data_directory = \(base)/data
        maillog_file = \(base)/maillog
        maillog_file_prefixes = \(base)
        myhostname = mx.dunning.test
        mydomain = dunning.test
        myorigin = $myhostname
        mydestination = localhost.test
        inet_interfaces = 127.0.0.1
        inet_protocols = ipv4
        mynetworks = 127.0.0.0/8
        local_recipient_maps =
        alias_maps =
        alias_database =
        virtual_mailbox_domains = dunning.test
        virtual_mailbox_base = \(base)/mail
        virtual_mailbox_maps = static:bounces/
        virtual_uid_maps = static:65534
        virtual_gid_maps = static:65534
        recipient_delimiter = +
        smtputf8_enable = no
        biff = no

        """
    }

    /// The services a local-delivery-only Postfix needs, none chrooted; smtpd on `port`.
    static func masterCF(port: Int) -> String {
        """
        127.0.0.1:\(port) inet n - n - - smtpd
        pickup    unix  n - n 60 1 pickup
        cleanup   unix  n - n -  0 cleanup
        qmgr      unix  n - n 300 1 qmgr
        rewrite   unix  - - n -  - trivial-rewrite
        bounce    unix  - - n -  0 bounce
        defer     unix  - - n -  0 bounce
        trace     unix  - - n -  0 bounce
        verify    unix  - - n -  1 verify
        flush     unix  n - n 1000? 0 flush
        proxymap  unix  - - n -  - proxymap
        smtp      unix  - - n -  - smtp
        relay     unix  - - n -  - smtp
        showq     unix  n - n -  - showq
        error     unix  - - n -  - error
        retry     unix  - - n -  - error
        discard   unix  - - n -  - discard
        local     unix  - n n -  - local
        virtual   unix  - n n -  - virtual
        anvil     unix  - - n -  1 anvil
        scache    unix  - - n -  1 scache
        postlog   unix-dgram n - n - 1 postlogd

        """
    }
}

public enum PostfixError: Error, CustomStringConvertible {
    case notStarted(String)
    public var description: String {
        switch self {
        case .notStarted(let detail): "Postfix did not start: \(detail)"
        }
    }
}
