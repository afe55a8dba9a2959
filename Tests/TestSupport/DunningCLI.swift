import Foundation

/// What one run of a binary did: exit code and everything it printed.
public struct CommandResult: Sendable, CustomStringConvertible {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs the real `dunning` binary of this build in a temporary company folder.
///
/// The folder gets a config (`dunning.yaml`, ledger `ledger.jsonl` beside it) written by
/// `writeConfig`; commands run with `--config` pointing at it unless told otherwise.
public final class DunningCLI: Sendable {
    public let directory: TemporaryDirectory
    public var configPath: String { directory.file("dunning.yaml") }
    public var ledgerPath: String { directory.file("ledger.jsonl") }

    public init(config: String = DunningCLI.minimalConfig) throws {
        directory = try TemporaryDirectory()
        try write(config, to: "dunning.yaml")
    }

    /// A valid config with the built-in default policy: NL company, Amsterdam time, 09:00-17:00.
    public static let minimalConfig = """
        company: {name: Voorbeeld B.V., from: debiteuren@voorbeeld.nl, iban: NL91ABNA0417164300,
                  locale: nl_NL, time_zone: Europe/Amsterdam}
        ledger: ledger.jsonl
        delivery: {transport: outbox, outbox: outbox}
        verification: {mode: off}
        rates:
          nl-commercial: {compounding: yearly, periods: [{from: 2024-01-01, rate: "12.50"}, {from: 2024-07-01, rate: "12.25"}]}

        """

    public func write(_ text: String, to name: String) throws {
        try text.write(toFile: directory.file(name), atomically: true, encoding: .utf8)
    }

    /// The ledger's lines (empty if it does not exist).
    public func ledgerLines() throws -> [String] {
        guard FileManager.default.fileExists(atPath: ledgerPath) else { return [] }
        return try String(contentsOfFile: ledgerPath, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Runs `dunning ARGS --config dunning.yaml` (the config is appended unless `config` is false).
    public func run(_ arguments: [String], config: Bool = true, environment: [String: String] = [:]) throws -> CommandResult {
        try DunningCLI.run(binary: "dunning", arguments + (config ? ["--config", configPath] : []),
                           in: directory.path, environment: environment)
    }

    /// Runs a binary of this build; output goes through files, so nothing blocks on a full pipe.
    public static func run(binary: String, _ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = try Binaries.url(binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DUNNING_CONFIG")
        env.removeValue(forKey: "JOURNAL_STREAM")
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] { env.removeValue(forKey: key) }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outURL = URL(fileURLWithPath: directory).appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = URL(fileURLWithPath: directory).appendingPathComponent(".stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CommandResult(status: process.terminationStatus,
                             stdout: try String(contentsOf: outURL, encoding: .utf8),
                             stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// The repository's `config/` folder (example config and CSVs).
    public static func exampleFile(_ name: String, filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config").appendingPathComponent(name).path
    }
}
