import Foundation
import Glibc

/// `dunning-bench smtp [--messages 2000]`: the sender's throughput against two real servers
/// on loopback, each compared with a reference client sending the same number of messages
/// of the same size into the same server:
///
/// - Postfix's `smtp-sink` (Debian `postfix`), reference `smtp-source -d` (one connection);
///   target ratio ≥ 0.8;
/// - aiosmtpd (PyPI), reference Python's `smtplib` over one connection; target ≥ 0.9.
///
/// "dunning" is the real `dunning run --once` process (built next to this one: run
/// `swift build -c release` first) on a generated ledger of N customers with one overdue
/// invoice each: start, load, plan, render, compose, journal (`sending` and the outcome,
/// fsync'd) and deliver over one connection. The ratio is the reference's wall time over
/// dunning's: 1 means as fast as the reference.
struct SMTPBenchmark {
    let messages: Int
    /// Each side runs this often; the best wall time of each is compared (a shared 2-core
    /// machine varies by a third from run to run).
    let runs: Int
    /// `run` (`dunning run --once`), `sender` (the sender alone, and libcurl alone) or `reference`: only that
    /// side is timed (for a profiler); `nil` times all three and prints the ratios.
    var only: String? = nil
    /// `smtp-sink` or `aiosmtpd`: only that server; `nil` both.
    var server: String? = nil

    func run() throws {
        if let only, !["run", "sender", "reference"].contains(only) {
            throw BenchError.usage("--only takes run, sender or reference, not '\(only)'")
        }
        if let server, !["smtp-sink", "aiosmtpd"].contains(server) {
            throw BenchError.usage("--server takes smtp-sink or aiosmtpd, not '\(server)'")
        }
        let dunning = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dunning").path
        guard FileManager.default.isExecutableFile(atPath: dunning) else {
            throw BenchError.failed("no \(dunning): build it with `swift build -c release`")
        }
        let folder = NSTemporaryDirectory() + "dunning-smtp-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let workdir = SMTPBenchWorkdir(folder: folder, dunning: dunning, messages: messages)
        try workdir.prepare()
        let sample = try workdir.sampleMessage()
        print("\(messages) messages of \(sample.count) bytes (a rendered reminder; dunning: \(dunning))")

        if server == nil || server == "smtp-sink" { try sinkRound(workdir, sample: sample) }
        if server == nil || server == "aiosmtpd" { try aiosmtpdRound(workdir, sample: sample) }
    }

    /// Postfix smtp-sink against smtp-source.
    private func sinkRound(_ workdir: SMTPBenchWorkdir, sample: Data) throws {
        let sinkPort = try Self.freePort()
        let sink = try BenchServer.start(Self.sinkCommand(port: sinkPort), port: sinkPort)
        let dunningSink = try best("run") { try workdir.timeRun(port: sinkPort) }
        let stageSink = try best("sender") { try workdir.timeSendStage(port: sinkPort, sample: sample) }
        let curlSink = try best("sender") { try LibcurlFloor(messages: messages).time(port: sinkPort, sample: Array(sample)) }
        let source = try best("reference") {
            try Self.time(["/usr/sbin/smtp-source", "-d", "-s", "1", "-m", String(messages), "-F", workdir.samplePath,
                           "-f", "bench@voorbeeld.nl", "-t", "klant@example.nl", "127.0.0.1:\(sinkPort)"])
        }
        sink.stop()
        report("smtp-sink", ours: dunningSink, reference: source, referenceName: "smtp-source -d", target: 0.8)
        report("smtp-sink", ours: stageSink, reference: source, referenceName: "smtp-source -d", target: 0.8, ourName: "the sender alone")
        report("smtp-sink", ours: curlSink, reference: source, referenceName: "smtp-source -d", target: 0.8, ourName: "libcurl alone")
    }

    /// aiosmtpd against smtplib.
    private func aiosmtpdRound(_ workdir: SMTPBenchWorkdir, sample: Data) throws {
        let aioPort = try Self.freePort()
        let aiosmtpd = try BenchServer.start(["/usr/bin/env", "python3", "-c", Self.aiosmtpdSink, String(aioPort)], port: aioPort)
        let dunningAio = try best("run") { try workdir.timeRun(port: aioPort) }
        let stageAio = try best("sender") { try workdir.timeSendStage(port: aioPort, sample: sample) }
        let curlAio = try best("sender") { try LibcurlFloor(messages: messages).time(port: aioPort, sample: Array(sample)) }
        let smtplib = try best("reference") {
            try Self.time(["/usr/bin/env", "python3", "-c", Self.smtplibClient, String(aioPort), workdir.samplePath, String(messages)])
        }
        aiosmtpd.stop()
        report("aiosmtpd", ours: dunningAio, reference: smtplib, referenceName: "python smtplib", target: 0.9)
        report("aiosmtpd", ours: stageAio, reference: smtplib, referenceName: "python smtplib", target: 0.9, ourName: "the sender alone")
        report("aiosmtpd", ours: curlAio, reference: smtplib, referenceName: "python smtplib", target: 0.9, ourName: "libcurl alone")
    }

    /// The smallest of `runs` timings; NaN when `--only` names another side.
    private func best(_ side: String, _ timing: () throws -> Double) throws -> Double {
        guard only == nil || only == side else { return .nan }
        var times: [Double] = []
        for _ in 0..<runs { times.append(try timing()) }
        return times.min() ?? .nan
    }

    private func report(_ server: String, ours: Double, reference: Double, referenceName: String, target: Double,
                        ourName: String = "dunning run --once") {
        print(String(format: "%@ (best of \(runs)): %@ %.2f s (%.0f messages/s), %@ %.2f s (%.0f/s): ratio %.2f  [target: %.1f]",
                     server, ourName, ours, Double(messages) / ours, referenceName, reference, Double(messages) / reference,
                     reference / ours, target))
    }

    /// `smtp-sink` on 127.0.0.1:`port`, as `nobody` when running as root (it refuses root).
    static func sinkCommand(port: Int) throws -> [String] {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/smtp-sink") else {
            throw BenchError.failed("no /usr/sbin/smtp-sink: apt-get install postfix")
        }
        return ["/usr/sbin/smtp-sink"] + (getuid() == 0 ? ["-u", "nobody"] : []) + ["127.0.0.1:\(port)", "256"]
    }

    /// An aiosmtpd server that accepts every message and keeps nothing.
    static let aiosmtpdSink = """
        import asyncio, sys
        from aiosmtpd.controller import Controller
        class Sink:
            async def handle_DATA(self, server, session, envelope):
                return '250 OK'
        controller = Controller(Sink(), hostname='127.0.0.1', port=int(sys.argv[1]))
        controller.start()
        try:
            asyncio.get_event_loop().run_forever()
        except KeyboardInterrupt:
            pass
        """

    /// Sends the message file N times over one smtplib connection.
    static let smtplibClient = """
        import smtplib, sys
        port, path, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
        data = open(path, 'rb').read()
        with smtplib.SMTP('127.0.0.1', port) as client:
            for _ in range(count):
                client.sendmail('bench@voorbeeld.nl', ['klant@example.nl'], data)
        """

    /// Wall time of a process that must exit 0.
    static func time(_ command: [String]) throws -> Double {
        let start = ContinuousClock.now
        let (status, output) = try BenchProcess.run(command)
        guard status == 0 else { throw BenchError.failed("\(command.joined(separator: " ")) exited \(status): \(output)") }
        return seconds(since: start)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// A loopback port nobody listens on now (bind to 0, read it back, close).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchError.failed("socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw BenchError.failed("bind: \(String(cString: strerror(errno)))") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
