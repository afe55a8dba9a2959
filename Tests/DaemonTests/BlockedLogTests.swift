@testable import Daemon
import DunningCore
import Foundation
import Logging
import Testing
import TestSupport

/// `blocked` once per item per day, across runs: the memory and its file beside the ledger.
@Suite struct BlockedLogTests {
    let dispute = BlockedLog.Key(customer: "C-1", step: "reminder", reason: "dispute")
    let monday = CalendarDate(year: 2026, month: 11, day: 23)!

    @Test("an item is admitted once per day; another reason or step is another item; a new day starts afresh")
    func admit() {
        var log = BlockedLog()
        let admitted = [
            log.admit(dispute, on: monday),
            log.admit(dispute, on: monday),
            log.admit(BlockedLog.Key(customer: "C-1", step: "reminder", reason: "hold"), on: monday),
            log.admit(BlockedLog.Key(customer: "C-1", step: "notice", reason: "dispute"), on: monday),
            log.admit(BlockedLog.Key(customer: "C-2", step: "reminder", reason: "dispute"), on: monday),
        ]
        #expect(admitted == [true, false, true, true, true])
        #expect(log.date == monday && log.keys.count == 4)
        let nextDay = log.admit(dispute, on: monday.adding(days: 1))
        #expect(nextDay && log.date == monday.adding(days: 1) && log.keys == [dispute])
    }

    @Test("saved and loaded back: the same day and items, JSON beside the ledger, no temporary file left")
    func roundTrip() throws {
        let directory = try TemporaryDirectory()
        let file = BlockedLogFile(ledger: directory.file("ledger.jsonl"))
        #expect(file.path == directory.file("ledger.jsonl.blocked"))
        var log = BlockedLog()
        _ = log.admit(dispute, on: monday)
        _ = log.admit(BlockedLog.Key(customer: "C-\"2", step: "aanmaning", reason: "hold"), on: monday)
        try file.save(log)
        let loaded = file.load()
        #expect(loaded.log == log && loaded.warning == nil)
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(text.hasPrefix(#"{"date":"2026-11-23","logged":[{"customer":"C-\"2","reason":"hold","step":"aanmaning"},"#), "\(text)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["ledger.jsonl.blocked"])

        // Replaced whole by the next day's.
        var tuesday = loaded.log
        _ = tuesday.admit(dispute, on: monday.adding(days: 1))
        try file.save(tuesday)
        #expect(file.load().log == BlockedLog(date: monday.adding(days: 1), keys: [dispute]))
    }

    @Test("no file yet: nothing logged so far, no warning")
    func missing() throws {
        let directory = try TemporaryDirectory()
        let loaded = BlockedLogFile(ledger: directory.file("ledger.jsonl")).load()
        #expect(loaded.log == BlockedLog() && loaded.warning == nil)
    }

    @Test("a file that cannot be read or understood: nothing logged so far, and a warning naming the file",
          arguments: ["", "{", #"{"date":"23-11-2026","logged":[]}"#, #"{"date":"2026-11-23","logged":"C-1"}"#, "<directory>"])
    func unreadable(contents: String) throws {
        let directory = try TemporaryDirectory()
        let file = BlockedLogFile(ledger: directory.file("ledger.jsonl"))
        if contents == "<directory>" {
            try FileManager.default.createDirectory(atPath: file.path, withIntermediateDirectories: false)
        } else {
            try contents.write(toFile: file.path, atomically: false, encoding: .utf8)
        }
        let loaded = file.load()
        #expect(loaded.log == BlockedLog())
        #expect(loaded.warning?.hasPrefix(file.path + ": ") == true, "\(loaded.warning ?? "no warning")")
    }

    @Test("a file that cannot be written is an error naming it, and leaves no temporary file")
    func unwritable() throws {
        let directory = try TemporaryDirectory()
        let file = BlockedLogFile(ledger: directory.file("ledger.jsonl"))
        try FileManager.default.createDirectory(atPath: file.path + "/occupied", withIntermediateDirectories: true)
        var log = BlockedLog()
        _ = log.admit(dispute, on: monday)
        #expect(throws: BlockedLogFileError.self) { try file.save(log) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["ledger.jsonl.blocked"])
    }

    @Test("the send cycle logs a blocked item once per as-of day and hands back what it logged")
    func cycle() throws {
        let tests = SendCycleTests()
        let ledger = try tests.ledger()
        try ledger.add([.dispute(DisputeRecord(invoice: "INV-C-1", reason: "not ordered"))], at: ledger.clock.now)
        var memory: BlockedLog? = BlockedLog()
        func run(day: Int) throws -> [String] {
            let sink = LineSink()
            var cycle = tests.cycle(day: day, sink: sink)
            cycle.blockedLog = memory
            memory = try cycle.run(ledger: ledger) { ScriptedTransport() }.blockedLog
            return sink.all.filter { $0.hasPrefix("blocked ") }
        }
        #expect(try run(day: 23).count == 1)
        #expect(try run(day: 23).isEmpty)
        #expect(memory == BlockedLog(date: monday, keys: [dispute]))
        #expect(try run(day: 24).count == 1)
        // Without a memory (a dry run) every blocked item is logged.
        let sink = LineSink()
        _ = try tests.cycle(day: 24, sink: sink).run(ledger: ledger) { ScriptedTransport() }
        #expect(sink.all.filter { $0.hasPrefix("blocked customer=C-1 ") }.count == 1)
    }
}
