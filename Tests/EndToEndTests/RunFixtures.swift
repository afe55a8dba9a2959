import Foundation
import TestSupport

/// A company folder for `dunning run --once` against a real SMTP server on loopback.
enum RunFixture {
    static let asOf = "2026-11-23"

    /// The minimal config, delivering by SMTP to `port` (no TLS), with a short real-time backoff.
    static func config(port: Int, verification: String = "{mode: off}") -> String {
        """
        company: {name: Voorbeeld B.V., from: debiteuren@voorbeeld.nl, iban: NL91ABNA0417164300,
                  locale: nl_NL, time_zone: Europe/Amsterdam}
        ledger: ledger.jsonl
        delivery: {transport: smtp, smtp: {url: "smtp://127.0.0.1:\(port)", tls: none, timeout: 5s}}
        retry: {first: 1s, max: 2s, give_up: 5d}
        verification: \(verification)
        rates:
          nl-commercial: {compounding: yearly, periods: [{from: 2024-01-01, rate: "12.50"}, {from: 2024-07-01, rate: "12.25"}]}

        """
    }

    struct Customer {
        var id: String
        var name: String
        var email: String
    }

    /// `count` NL business customers `C-1…`, each `c1@example.nl`, one invoice `F-N` of 100.00 EUR.
    static func customers(_ count: Int) -> [Customer] {
        (1...count).map { Customer(id: "C-\($0)", name: "Klant \($0) B.V.", email: "c\($0)@example.nl") }
    }

    /// A CLI whose ledger holds `customers` and `invoices` (CSV rows `id,customer,issued,due,amount,currency`),
    /// imported by `dunning import`; one invoice per customer (100.00 EUR) unless `invoices` is given.
    static func imported(port: Int, customers: [Customer], invoices: [String]? = nil,
                         verification: String = "{mode: off}") throws -> DunningCLI {
        let cli = try DunningCLI(config: config(port: port, verification: verification))
        let customerRows = customers.map { "\($0.id),\($0.name),\($0.email),030 234 5678,business,NL,nl" }
        try cli.write((["id,name,email,phone,kind,country,language"] + customerRows).joined(separator: "\n") + "\n",
                      to: "customers.csv")
        let invoiceRows = invoices ?? customers.enumerated().map { index, customer in
            "F-\(index + 1),\(customer.id),2026-09-01,2026-10-01,100.00,EUR"
        }
        try cli.write((["id,customer,issued,due,amount,currency"] + invoiceRows).joined(separator: "\n") + "\n",
                      to: "invoices.csv")
        let result = try cli.run(["import", "customers.csv", "invoices.csv"])
        guard result.status == 0 else { throw Fixtures.FixtureError(result: result) }
        return cli
    }
}

extension DunningCLI {
    /// `run --once --as-of 2026-11-23`; `later` moves the binary's clock that many seconds
    /// ahead (`DUNNING_CLOCK_OFFSET`), so a retry's backoff has passed without waiting.
    func runOnce(later seconds: Int = 0) throws -> CommandResult {
        try run(["run", "--once", "--as-of", RunFixture.asOf], environment: seconds == 0 ? [:] : ["DUNNING_CLOCK_OFFSET": "\(seconds)"])
    }

    /// Every ledger line parsed as a JSON object (throws on a line that is not one).
    func records() throws -> [[String: Any]] {
        try ledgerLines().map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw RunFixtureError("not a JSON object: \(line)")
            }
            return object
        }
    }

    /// The `reminder` records, optionally of one customer, in ledger order.
    func reminders(customer: String? = nil) throws -> [[String: Any]] {
        try records().filter { $0["type"] as? String == "reminder" && (customer == nil || $0["customer"] as? String == customer) }
    }

    /// Starts `dunning ARGS --config dunning.yaml` without waiting, with `environment` added to
    /// the inherited one; stdout/stderr go to files in the folder.
    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningCommand {
        try RunningCommand(binary: try Binaries.url("dunning"), arguments: arguments + ["--config", configPath], in: directory.path,
                           environment: environment)
    }
}

/// A `dunning` process started in the background (to be killed or waited for).
final class RunningCommand {
    struct Finished: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    let process = Process()
    private let outPath: String
    private let errPath: String

    init(binary: URL, arguments: [String], in directory: String, environment extra: [String: String] = [:]) throws {
        outPath = directory + "/.bg-stdout-\(UUID().uuidString)"
        errPath = directory + "/.bg-stderr-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
              FileManager.default.createFile(atPath: errPath, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DUNNING_CONFIG")
        environment.removeValue(forKey: "JOURNAL_STREAM")
        // Tests run under a service manager must not notify it in the daemon's name.
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] { environment.removeValue(forKey: key) }
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits for the exit and returns what it printed.
    func wait() throws -> Finished {
        process.waitUntilExit()
        return Finished(status: process.terminationStatus,
                             stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                             stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }

    /// What it wrote on stderr so far.
    func stderrSoFar() -> String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` (SIGHUP, SIGTERM).
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { kill9() }
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
func waitUntil(timeout: Duration, _ condition: () throws -> Bool) rethrows -> Bool {
    let end = ContinuousClock.now + timeout
    while ContinuousClock.now < end {
        if try condition() { return true }
        usleep(10_000)
    }
    return try condition()
}

struct RunFixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension ReceivedMessage {
    /// The value of the first header `name` (unfolded), read from the raw bytes.
    func header(_ name: String) -> String? {
        let text = String(decoding: data, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? text
        let unfolded = head.replacingOccurrences(of: "\r\n\t", with: " ").replacingOccurrences(of: "\r\n ", with: " ")
        for line in unfolded.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].lowercased() == name.lowercased() {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
