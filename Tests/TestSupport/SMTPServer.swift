import Foundation

/// A real SMTP server for tests: `smtp_server.py` (aiosmtpd) on a free loopback port.
///
/// Started by `init`, which waits (with a deadline) for the port line the script prints
/// once it accepts connections; stopped by `stop()` or when released. Every accepted
/// message is a file pair in a temporary folder, read back by `messages()`. A missing
/// `python3` or `aiosmtpd` makes `init` throw: the test fails, it never skips.
///
/// ```swift
/// try withSMTPServer(SMTPServerOptions(reject: ["bad@example.nl"])) { server in
///     … deliver to server.url …
///     #expect(try server.messages().count == 1)
/// }
/// ```
public final class SMTPServer {
    public let port: Int
    private let process: Process
    private let directory: TemporaryDirectory
    private var store: String { directory.file("store") }

    /// `smtp://127.0.0.1:PORT` (`smtps://` with `implicitTLS`).
    public let url: String

    public init(_ options: SMTPServerOptions = SMTPServerOptions(), deadline: Duration = .seconds(20)) throws {
        directory = try TemporaryDirectory()
        let script = Self.script
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--store", directory.file("store")] + options.arguments
        let output = Pipe()
        let errorPath = directory.file("server.stderr")
        guard FileManager.default.createFile(atPath: errorPath, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        do {
            let line = try Self.readLine(output.fileHandleForReading.fileDescriptor, deadline: deadline)
            guard let port = Int(line), port > 0 else { throw SMTPServerError.notStarted("port line \(line.debugDescription)") }
            self.port = port
        } catch {
            Self.terminate(process)
            let reason = if case .notStarted(let reason)? = error as? SMTPServerError { reason } else { "\(error)" }
            throw SMTPServerError.notStarted("\(reason); python3 \(script) said:\n\(fileText(errorPath))")
        }
        url = (options.implicitTLS ? "smtps" : "smtp") + "://127.0.0.1:\(port)"
    }

    /// `smtp_server.py`, beside this file.
    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("smtp_server.py").path

    /// The messages received so far, in the order the server accepted them.
    public func messages() throws -> [ReceivedMessage] {
        let names = try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let base = store + "/" + name.dropLast(".json".count)
            let sidecar = try JSONDecoder().decode(Sidecar.self, from: Data(contentsOf: URL(fileURLWithPath: base + ".json")))
            let data = try Data(contentsOf: URL(fileURLWithPath: base + ".eml"))
            return ReceivedMessage(data: [UInt8](data), mailFrom: sidecar.mailFrom, recipients: sidecar.recipients,
                                   peerPort: sidecar.peer.port, tls: sidecar.tls, login: sidecar.login, reply: sidecar.reply)
        }
    }

    /// What the server wrote on stderr (for a failing test's message).
    public func log() -> String {
        directory.text(of: "server.stderr")
    }

    /// Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it.
    public func stop() {
        Self.terminate(process)
    }

    deinit { stop() }

    /// A loopback port nothing listens on (bound, then closed again).
    public static func closedPort() throws -> Int {
        let socket = try LoopbackUDP.bound(SOCK_STREAM)
        close(socket.fd)
        return socket.port
    }

    private static func terminate(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Reads one line from `fd`, waiting at most until `deadline` (poll), EOF is an error.
    private static func readLine(_ fd: Int32, deadline: Duration) throws -> String {
        let end = ContinuousClock.now + deadline
        var bytes: [UInt8] = []
        while true {
            let left = end - ContinuousClock.now
            guard left > .zero else { throw SMTPServerError.notStarted("no port line within \(deadline)") }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            var byte: UInt8 = 0
            let count = read(fd, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { throw SMTPServerError.notStarted("the server exited before printing its port") }
            if byte == 10 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }

    private struct Sidecar: Decodable {
        struct Peer: Decodable {
            var host: String
            var port: Int
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                host = try container.decode(String.self)
                port = try container.decode(Int.self)
            }
        }
        enum CodingKeys: String, CodingKey {
            case mailFrom = "mail_from", recipients = "rcpt_tos", peer, tls, login, reply
        }
        var mailFrom: String
        var recipients: [String]
        var peer: Peer
        var tls: Bool
        var login: String?
        var reply: String?
    }
}

@available(*, unavailable) extension SMTPServer: Sendable {}

/// Starts a server with `options`, runs `body`, and always stops the server.
public func withSMTPServer<Result>(_ options: SMTPServerOptions = SMTPServerOptions(),
                                   _ body: (SMTPServer) throws -> Result) throws -> Result {
    let server = try SMTPServer(options)
    defer { server.stop() }
    return try body(server)
}

public enum SMTPServerError: Error, CustomStringConvertible {
    case notStarted(String)
    case tool(String, String)

    public var description: String {
        switch self {
        case .notStarted(let reason): "the test SMTP server did not start: \(reason)"
        case .tool(let name, let output): "\(name) failed: \(output)"
        }
    }
}
