import Foundation
import Glibc

/// The folder `SMTPBenchmark` works in: N customers with one overdue invoice each,
/// imported once into a ledger that every run starts from again.
struct SMTPBenchWorkdir {
    let folder: String
    let dunning: String
    let messages: Int

    /// The plan day: every invoice is due 2026-10-01, so the first reminder is due.
    static let asOf = "2026-11-23"

    var samplePath: String { folder + "/sample.eml" }
    private var basePath: String { folder + "/ledger.base.jsonl" }
    private var ledgerPath: String { folder + "/ledger.jsonl" }

    func prepare() throws {
        var customers = "id,name,email,phone,kind,country,language\n"
        var invoices = "id,customer,issued,due,amount,currency\n"
        for index in 0..<messages {
            let id = String(format: "C-%05d", index)
            customers += "\(id),Klant \(index) B.V.,debiteuren\(index)@klant\(index).example,+3120555\(String(format: "%04d", index % 10_000)),business,NL,nl\n"
            invoices += String(format: "INV-%05d,%@,2026-09-01,2026-10-01,%d.50,EUR\n", index, id, 100 + index % 5_000)
        }
        try customers.write(toFile: folder + "/customers.csv", atomically: true, encoding: .utf8)
        try invoices.write(toFile: folder + "/invoices.csv", atomically: true, encoding: .utf8)
        try Self.config(delivery: "transport: outbox\n  outbox: outbox").write(toFile: folder + "/outbox.yaml", atomically: true, encoding: .utf8)
        try dunning(["import", folder + "/customers.csv", folder + "/invoices.csv", "--config", folder + "/outbox.yaml"])
        try FileManager.default.copyItem(atPath: ledgerPath, toPath: basePath)
    }

    /// One rendered reminder, written to `samplePath` for the reference clients: the first
    /// of a run into the outbox (timed too, as a figure without a network).
    func sampleMessage() throws -> Data {
        try restoreLedger()
        let start = ContinuousClock.now
        let output = try dunning(["run", "--once", "--as-of", Self.asOf, "--config", folder + "/outbox.yaml"])
        let elapsed = SMTPBenchmark.seconds(since: start)
        try expectSent(output, transport: "outbox")
        print(String(format: "outbox: dunning run --once %.2f s (%.0f messages/s)", elapsed, Double(messages) / elapsed))
        let new = folder + "/outbox/new"
        guard let first = try FileManager.default.contentsOfDirectory(atPath: new).sorted().first else {
            throw BenchError.failed("the outbox run left no message in \(new)")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: new + "/" + first))
        try data.write(to: URL(fileURLWithPath: samplePath))
        try FileManager.default.removeItem(atPath: folder + "/outbox")
        return data
    }

    /// Wall time of `run --once` sending every message to 127.0.0.1:`port` (no TLS).
    func timeRun(port: Int) throws -> Double {
        let path = try smtpConfig(port: port)
        try restoreLedger()
        let start = ContinuousClock.now
        let output = try dunning(["run", "--once", "--as-of", Self.asOf, "--config", path])
        let elapsed = SMTPBenchmark.seconds(since: start)
        try expectSent(output, transport: "smtp on port \(port)")
        return elapsed
    }

    /// Wall time of the sender alone (`SendStage`) delivering every message as `sample`.
    func timeSendStage(port: Int, sample: Data) throws -> Double {
        let path = try smtpConfig(port: port)
        try restoreLedger()
        return try SendStage(folder: folder, messages: messages).time(configPath: path, sample: Array(sample))
    }

    /// The config sending to 127.0.0.1:`port` over SMTP without TLS; its path.
    private func smtpConfig(port: Int) throws -> String {
        let delivery = "transport: smtp\n  smtp:\n    url: \"smtp://127.0.0.1:\(port)\"\n    tls: none"
        try Self.config(delivery: delivery).write(toFile: folder + "/smtp.yaml", atomically: true, encoding: .utf8)
        return folder + "/smtp.yaml"
    }

    /// The benchmarks' config, delivering as `delivery` says (YAML under `delivery:`).
    static func config(delivery: String) -> String {
        """
        company:
          name: Voorbeeld B.V.
          from: debiteuren@voorbeeld.nl
          iban: NL91ABNA0417164300
        ledger: ledger.jsonl
        delivery:
          \(delivery)
        schedule:
          send_window: "00:00-23:59"
        # The customers live on made-up domains: no DNS check (the verifier has its own benchmark).
        verification: {mode: off}

        """
    }

    private func restoreLedger() throws {
        try? FileManager.default.removeItem(atPath: ledgerPath)
        try FileManager.default.copyItem(atPath: basePath, toPath: ledgerPath)
    }

    /// Every message must have been sent: the run is worthless otherwise.
    private func expectSent(_ output: String, transport: String) throws {
        let sent = output.split(separator: "\n").filter { $0.hasPrefix("sent ") }.count
        guard sent == messages else {
            throw BenchError.failed("\(transport): \(sent) of \(messages) sent:\n\(output.suffix(2_000))")
        }
    }

    @discardableResult
    private func dunning(_ arguments: [String]) throws -> String {
        let (status, output) = try BenchProcess.run([dunning] + arguments, outputFile: folder + "/output.log")
        guard status == 0 else { throw BenchError.failed("dunning \(arguments.joined(separator: " ")) exited \(status):\n\(output.suffix(2_000))") }
        return output
    }
}

/// Runs a process to its end.
enum BenchProcess {
    /// Exit status and stdout + stderr together (through a file, so a chatty process never
    /// blocks on a full pipe).
    static func run(_ command: [String], outputFile: String? = nil) throws -> (Int32, String) {
        let path = outputFile ?? NSTemporaryDirectory() + "dunning-bench-output-\(getpid()).log"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        defer { if outputFile == nil { try? FileManager.default.removeItem(atPath: path) } }
        guard let output = FileHandle(forWritingAtPath: path) else { throw BenchError.failed("cannot write \(path)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        try output.close()
        return (process.terminationStatus, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }
}

/// A server process listening on a loopback port, stopped with SIGTERM.
final class BenchServer {
    private let process: Process

    private init(process: Process) { self.process = process }

    /// Starts `command` and waits (up to 10 s) until 127.0.0.1:`port` accepts connections.
    static func start(_ command: [String], port: Int) throws -> BenchServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let server = BenchServer(process: process)
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if accepts(port: port) { return server }
            guard process.isRunning else { throw BenchError.failed("\(command[0]) exited with status \(process.terminationStatus)") }
            usleep(50_000)
        }
        server.stop()
        throw BenchError.failed("\(command.joined(separator: " ")) is not listening on port \(port) after 10 s")
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    private static func accepts(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
