import Foundation
import Testing
import TestSupport

/// A period simulated day by day with `--as-of` yields the same ledger (apart from the
/// real `at` and the `as_of` stamp) and the same letters as the same days lived through
/// under a faked clock (Debian's libfaketime, moving the real clock back to each day).
///
/// The faked clock keeps the real time of day, as `--as-of` does for timing (a record made
/// under `--as-of D` counts at its real time of day on D); the send window is the whole day
/// so that the hour the suite happens to run at does not matter.
@Suite struct AsOfSimulationTests {
    static let config = """
        company: {name: Voorbeeld B.V., from: debiteuren@voorbeeld.nl, iban: NL91ABNA0417164300,
                  locale: nl_NL, time_zone: Europe/Amsterdam}
        ledger: ledger.jsonl
        delivery: {transport: outbox, outbox: outbox}
        verification: {mode: off}
        schedule: {send_window: "00:00-24:00"}
        digest: {to: boekhouding@voorbeeld.nl, at: "00:00"}
        rates:
          nl-commercial: {compounding: yearly, periods: [{from: 2024-01-01, rate: "12.50"}, {from: 2024-07-01, rate: "12.25"}]}

        """

    /// 40 days from Monday 2026-10-12: a cycle (and the digest) every business day; a promise,
    /// a partial payment and an arrangement recorded on their days.
    static let days: [(day: String, commands: [[String]])] = {
        var days: [(String, [[String]])] = []
        let start = Calendar(identifier: .gregorian).date(from: DateComponents(timeZone: TimeZone(identifier: "UTC"),
                                                                              year: 2026, month: 10, day: 12))!
        let extra: [String: [[String]]] = [
            "2026-10-21": [["ledger", "promise", "--invoice", "F-2", "--until", "2026-10-30"]],
            "2026-10-28": [["ledger", "pay", "--invoice", "F-1", "--amount", "300,00", "--date", "2026-10-28"]],
            "2026-11-04": [["ledger", "arrange", "--invoice", "F-3", "--instalments", "2", "--first", "2026-11-11"]],
        ]
        for offset in 0..<40 {
            let date = start.addingTimeInterval(Double(offset) * 86_400)
            let weekday = Calendar(identifier: .gregorian).component(.weekday, from: date)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            let day = formatter.string(from: date)
            var commands = extra[day] ?? []
            if (2...6).contains(weekday) { commands.append(["run", "--once"]) }
            if !commands.isEmpty { days.append((day, commands)) }
        }
        return days
    }()

    /// Runs `dunning ARGS --config ...` in `cli`'s folder under Debian's `faketime` wrapper
    /// (`make deps` installs it), its clock `back` days behind the real one.
    static func fakedRun(_ cli: DunningCLI, _ arguments: [String], daysBack back: Int) throws -> CommandResult {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/faketime") else {
            throw FixtureError("faketime is not installed (make deps installs Debian's faketime)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/faketime")
        process.arguments = ["-f", "-\(back)d", try Binaries.url("dunning").path] + arguments + ["--config", cli.configPath]
        process.currentDirectoryURL = URL(fileURLWithPath: cli.directory.path)
        var environment = ProcessInfo.processInfo.environment
        environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
        environment.removeValue(forKey: "DUNNING_CONFIG")
        environment.removeValue(forKey: "JOURNAL_STREAM")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("40 days with --as-of and the same 40 days under faketime: the same ledger apart from at, the same letters")
    func simulation() throws {
        let simulated = try DunningCLI(config: Self.config)
        let faked = try DunningCLI(config: Self.config)
        for cli in [simulated, faked] {
            try cli.write(Fixtures.customers, to: "customers.csv")
            try cli.write(Fixtures.invoices, to: "invoices.csv")
            let imported = try cli.run(["import", "customers.csv", "invoices.csv"])
            try #require(imported.status == 0, "\(imported)")
        }
        // Days back from today in the company's zone: the faked clock is then day D there.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        for (day, commands) in Self.days {
            let parts = day.split(separator: "-").compactMap { Int($0) }
            let date = try #require(calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])))
            let back = try #require(calendar.dateComponents([.day], from: date, to: calendar.startOfDay(for: Date())).day)
            for command in commands {
                let first = try simulated.run(command + ["--as-of", day])
                #expect(first.status == 0, "\(day) \(command) --as-of: \(first)")
                let second = try Self.fakedRun(faked, command, daysBack: back)
                #expect(second.status == 0, "\(day) \(command) under faketime -\(back)d: \(second)")
            }
        }
        // The scenario did what it is about: letters, a call task, confirmations, digests.
        let letters = try Self.letters(simulated)
        #expect(letters.count { $0.key.hasPrefix("<dunning.reminder.") } >= 3, "\(letters.keys.sorted())")
        #expect(letters.keys.contains { $0.hasPrefix("<dunning.notice.") }, "\(letters.keys.sorted())")
        #expect(letters.keys.contains { $0.hasPrefix("<dunning.confirmation.") }, "\(letters.keys.sorted())")
        #expect(letters.count { $0.key.hasPrefix("<dunning.digest.") } >= 20, "\(letters.keys.sorted())")
        let records = try simulated.records()
        #expect(records.contains { $0["type"] as? String == "task" && $0["kind"] as? String == "call" })
        #expect(records.filter { $0["type"] as? String != "customer" && $0["type"] as? String != "invoice" }
            .allSatisfy { $0["as_of"] is String }, "every record of the simulation carries as_of")

        let (simulatedLedger, fakedLedger) = (try Self.normalizedLedger(simulated), try Self.normalizedLedger(faked))
        #expect(simulatedLedger.count == fakedLedger.count)
        for (line, (mine, theirs)) in zip(simulatedLedger, fakedLedger).enumerated() {
            #expect(mine == theirs, "ledger line \(line + 1) differs")
        }
        let fakedLetters = try Self.letters(faked)
        #expect(Set(letters.keys) == Set(fakedLetters.keys))
        for (messageID, letter) in letters {
            #expect(letter == fakedLetters[messageID], "\(messageID) differs")
        }
    }

    /// Every ledger record without `at` and `as_of`, its random id and every mention of one
    /// replaced by `#N`, in ledger order. Two things are real-time or random by design: the
    /// outbox's reply names the Maildir file (after the delivery time), and a confirmation's
    /// Message-ID hashes the agreement's random record id.
    static func normalizedLedger(_ cli: DunningCLI) throws -> [String] {
        let records = try cli.records()
        var ids: [String: String] = [:]
        for record in records { if let id = record["id"] as? String { ids[id] = "#\(ids.count + 1)" } }
        return try records.map { record in
            var record = record
            record["at"] = nil
            record["as_of"] = nil
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            var line = String(decoding: data, as: UTF8.self)
            for (id, token) in ids.sorted(by: { $0.key.count > $1.key.count }) { line = line.replacingOccurrences(of: id, with: token) }
            return Self.normalized(line)
        }
    }

    /// The outbox's messages by Message-ID (record ids replaced as in the ledger): recipient,
    /// subject and the text part. The digest's "since" names a time of day, which the two
    /// runs reach seconds apart: times of day become `HH:MM`.
    static func letters(_ cli: DunningCLI) throws -> [String: String] {
        let folder = cli.directory.file("outbox/new")
        var ids: [String: String] = [:]
        for record in try cli.records() { if let id = record["id"] as? String { ids[id] = "#\(ids.count + 1)" } }
        var letters: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            let message = try MIMEPythonParser.parse(bytes)
            var messageID = message.values("Message-ID").first ?? name
            var text = ([message.values("To").first ?? "", message.values("Subject").first ?? ""]
                + [message.parts.first { $0.contentType == "text/plain" }?.text ?? ""]).joined(separator: "\n")
            for (id, token) in ids.sorted(by: { $0.key.count > $1.key.count }) {
                messageID = messageID.replacingOccurrences(of: id, with: token)
                text = text.replacingOccurrences(of: id, with: token)
            }
            text = text.replacingOccurrences(of: #"\b\d{1,2}:\d{2}\b"#, with: "HH:MM", options: .regularExpression)
            letters[normalized(messageID)] = normalized(text)
        }
        return letters
    }

    /// The outbox file name in a reply and the hash of a confirmation's Message-ID.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"outbox new\\?/[^"]*"#, with: "outbox", options: .regularExpression)
            .replacingOccurrences(of: #"dunning\.confirmation\.([^.]+)\.[0-9a-f]{16}"#, with: "dunning.confirmation.$1.HASH",
                                  options: .regularExpression)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
