import Foundation

/// A real DNS server for tests: dnsmasq (Debian `dnsmasq-base`) on a free loopback port.
///
/// It answers from the records given and nothing else (no upstream, no `/etc/hosts`): a name
/// under `zone` that it has no record for is NXDOMAIN, a name it knows asked for another
/// type is NODATA, and any name outside the zone is REFUSED (dnsmasq has no server to
/// forward it to). With `zone: nil` it refuses every query.
///
/// `init(servfailingOver:)` makes one that answers SERVFAIL instead (see there).
///
/// `init` returns once dnsmasq has logged that it started (it binds its port before that);
/// stopped by `stop()` or when released. A missing dnsmasq makes `init` throw: the test
/// fails, it never skips.
///
/// ```swift
/// try withDNSServer(records: [.mx("example.test", host: "mx.example.test", preference: 10),
///                             .address("mx.example.test", "192.0.2.1")]) { server in
///     … resolve against server.address …
/// }
/// ```
public final class DNSServer {
    public let port: Int
    private let process: SpawnedProcess
    private let directory: TemporaryDirectory

    /// `127.0.0.1` or `::1`.
    public let listenAddress: String

    /// `127.0.0.1:PORT` (`[::1]:PORT`), as the config's `verification.resolvers` names a server.
    public var address: String { listenAddress.contains(":") ? "[\(listenAddress)]:\(port)" : "\(listenAddress):\(port)" }

    public static let executable = "/usr/sbin/dnsmasq"

    public convenience init(zone: String? = "test", records: [DNSRecord], listenAddress: String = "127.0.0.1",
                            deadline: Duration = .seconds(10)) throws {
        try self.init(options: (zone.map { ["--local=/\($0)/"] } ?? []) + records.map(\.argument),
                      listenAddress: listenAddress, deadline: deadline)
    }

    /// A server that answers SERVFAIL (server failure) to every query `upstream` answers: it
    /// forwards the query there and validates the answer with DNSSEC against the root's trust
    /// anchor, which no unsigned answer of a test server passes (BOGUS). A query `upstream`
    /// refuses comes back REFUSED.
    public convenience init(servfailingOver upstream: DNSServer, deadline: Duration = .seconds(10)) throws {
        try self.init(options: ["--server=\(upstream.listenAddress)#\(upstream.port)", "--dnssec", Self.rootTrustAnchor],
                      listenAddress: upstream.listenAddress, deadline: deadline)
    }

    /// The root zone's key-signing key of 2017 (IANA's root-anchors.xml) as dnsmasq takes a DS record.
    static let rootTrustAnchor = "--trust-anchor=.,20326,8,2,E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D"

    /// dnsmasq with `options` (what to answer, and how) on `listenAddress` and a free port.
    private init(options: [String], listenAddress: String, deadline: Duration) throws {
        self.listenAddress = listenAddress
        directory = try TemporaryDirectory()
        let logPath = directory.file("dnsmasq.log")
        var attempt = 0
        while true {
            attempt += 1
            // Free now; taken by someone else before dnsmasq binds it only by rare bad luck,
            // which dnsmasq reports ("Address already in use", exit 2) and the loop retries.
            let port = try LoopbackUDP.freePort()
            let arguments = Self.arguments(port: port, listenAddress: listenAddress, options: options)
            let process = try Self.start(arguments, logPath: logPath)
            switch Self.awaitStart(process, logPath: logPath, deadline: deadline) {
            case .started:
                self.port = port
                self.process = process
                return
            case .portTaken where attempt < 5:
                continue
            case .portTaken, .failed:
                Self.terminate(process)
                throw DNSServerError.notStarted("\(Self.executable) said:\n\(fileText(logPath))")
            }
        }
    }

    /// The command line: no resolv.conf or hosts file, `options` only, on `listenAddress`:`port`,
    /// in the foreground, logging to stderr.
    static func arguments(port: Int, listenAddress: String, options: [String]) -> [String] {
        [
            "--no-resolv", "--no-hosts", "--no-daemon", "--conf-file=/dev/null", "--pid-file=",
            "--port=\(port)", "--listen-address=\(listenAddress)", "--bind-interfaces",
            // Local records have TTL 0 otherwise.
            "--local-ttl=300", "--log-facility=-",
        ] + options
    }

    /// Spawned with `posix_spawn`, not Foundation's `Process`: dnsmasq closes every file
    /// descriptor it inherits, which `Process` takes for the child's exit; it then waits for
    /// dnsmasq in its monitor thread, blocking, and no other child of the test is ever reaped.
    private static func start(_ arguments: [String], logPath: String) throws -> SpawnedProcess {
        guard FileManager.default.createFile(atPath: logPath, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        do {
            return try SpawnedProcess(executable: executable, arguments: arguments, output: logPath)
        } catch {
            throw DNSServerError.notStarted("cannot run \(executable) (Debian dnsmasq-base, `make deps`): \(error)")
        }
    }

    private enum Start { case started, portTaken, failed }

    /// Waits for dnsmasq's "started" line, its exit, or the deadline.
    private static func awaitStart(_ process: SpawnedProcess, logPath: String, deadline: Duration) -> Start {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end {
            let log = fileText(logPath)
            if log.contains("started, version") { return .started }
            if !process.isRunning {
                return log.contains("Address already in use") ? .portTaken : .failed
            }
            // A file has no readiness to wait on: look again shortly (dnsmasq starts in ~20 ms).
            usleep(5_000)
        }
        return .failed
    }

    /// What dnsmasq logged so far (for a failing test's message).
    public func log() -> String {
        directory.text(of: "dnsmasq.log")
    }

    /// Stops dnsmasq and waits for it.
    public func stop() {
        Self.terminate(process)
    }

    deinit { stop() }

    /// SIGKILL: the test runner's threads hand their blocked SIGTERM down to the children they
    /// start, and dnsmasq does not unblock it (`smtp_server.py` does); it has nothing to flush.
    private static func terminate(_ process: SpawnedProcess) {
        process.kill()
    }
}

@available(*, unavailable) extension DNSServer: Sendable {}

/// A record for `DNSServer`, as one dnsmasq option.
public enum DNSRecord: Sendable, Hashable {
    /// An MX record: `name` takes mail at `host` with `preference` (lower first).
    case mx(String, host: String, preference: Int)
    /// The null MX of RFC 7505 (`0 .`): `name` takes no mail.
    case nullMX(String)
    /// An A or AAAA record, by the address's form (`192.0.2.1`, `2001:db8::1`).
    case address(String, String)
    /// A TXT record.
    case txt(String, String)
    /// A CNAME record: `name` is an alias of `target`.
    case cname(String, target: String)

    var argument: String {
        switch self {
        case .mx(let name, let host, let preference): "--mx-host=\(name),\(host),\(preference)"
        case .nullMX(let name): "--mx-host=\(name),.,0"
        case .address(let name, let address): "--host-record=\(name),\(address)"
        case .txt(let name, let text): "--txt-record=\(name),\(text)"
        case .cname(let name, let target): "--cname=\(name),\(target)"
        }
    }
}

/// Starts dnsmasq with `records`, runs `body`, and always stops the server.
public func withDNSServer<Result>(zone: String? = "test", records: [DNSRecord], listenAddress: String = "127.0.0.1",
                                  _ body: (DNSServer) throws -> Result) throws -> Result {
    let server = try DNSServer(zone: zone, records: records, listenAddress: listenAddress)
    defer { server.stop() }
    return try body(server)
}

public enum DNSServerError: Error, CustomStringConvertible {
    case notStarted(String)

    public var description: String {
        switch self {
        case .notStarted(let reason): "the test DNS server did not start: \(reason)"
        }
    }
}
