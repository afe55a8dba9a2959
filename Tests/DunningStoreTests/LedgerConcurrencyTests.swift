import DunningCore
import DunningStore
import Foundation
import Testing
import TestSupport

@Suite struct LedgerConcurrencyTests {
    @Test("several processes appending at once never interleave or lose a record")
    func processesAppendTogether() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let bench = try Binaries.url("dunning-bench")
        let tags = ["A", "B", "C", "D"]
        let count = 60
        let processes = try tags.enumerated().map { index, tag in
            let process = Process()
            process.executableURL = bench
            // Mixed batch sizes: single lines and 4-line batches of ~4 KiB records.
            process.arguments = ["append", "--ledger", path, "--count", "\(count)", "--tag", tag, "--batch", index % 2 == 0 ? "1" : "4"]
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }

        let text = try contents(path)
        #expect(text.hasSuffix("\n"))
        let rawLines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(rawLines.count == tags.count * count)
        let decoder = LedgerDecoder()
        var numbers: [String: [Int]] = [:]
        for line in rawLines {
            let record = try decoder.decode(String(line))
            guard case .note(let note) = record.body, case .customer(let tag) = note.subject else {
                Issue.record("unexpected record \(record)")
                continue
            }
            let fields = note.text.split(separator: " ")
            #expect(fields.dropFirst(2).allSatisfy { $0 == tag })
            numbers[tag, default: []].append(try #require(Int(fields[1])))
        }
        for tag in tags {
            #expect(numbers[tag] == Array(0..<count), "records of \(tag) missing or out of order")
        }
        #expect(try LedgerFile(path: path).read(from: .start).records.count == tags.count * count)
    }

    @Test("a writer waiting for the lock while the ledger is renamed over appends to the new file")
    func replacedWhileWaiting() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let ledger = LedgerFile(path: path)
        try ledger.append([note(1)])
        try ledger.withExclusiveAccess { _ in
            let process = Process()
            process.executableURL = try Binaries.url("dunning-bench")
            process.arguments = ["append", "--ledger", path, "--count", "1", "--tag", "late"]
            try process.run()
            try waitForBlockedLock(pid: process.processIdentifier)
            // A restored backup: another file renamed over the ledger while the writer waits.
            #expect(link(path, directory.file("old.jsonl")) == 0)
            try write(lines([note(7)]), to: directory.file("restored.jsonl"))
            #expect(rename(directory.file("restored.jsonl"), path) == 0)
            return process
        }.waitUntilExit()
        let records = try ledger.read(from: .start).records
        #expect(records.count == 2)
        #expect(records.first == note(7))
        #expect(try contents(directory.file("old.jsonl")) == lines([note(1)]))
    }

    @Test("a reader waits for a writer in the middle of a batch: it neither cuts its line as torn nor sees half the batch",
          arguments: [30, 0])
    func readerWaitsForWriter(splitInsideSecondLine: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let ledger = LedgerFile(path: path)
        try ledger.append([note(1)])
        let batch = Data(lines([note(2), note(3)]).utf8)
        let split = LedgerCodec.encode(note(2)).utf8.count + 1 + splitInsideSecondLine
        let output = Pipe()
        let reader = try ledger.withExclusiveAccess { _ in
            // Part of a batch, as a writer holding the lock leaves it between two write calls.
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: batch.prefix(split))
            let process = Process()
            process.executableURL = try Binaries.url("dunning-bench")
            process.arguments = ["read", "--ledger", path]
            process.standardOutput = output
            try process.run()
            try waitForBlockedLock(pid: process.processIdentifier)
            try handle.write(contentsOf: batch.dropFirst(split))
            try handle.close()
            return process
        }
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        #expect(reader.terminationStatus == 0)
        #expect(printed == "3\n")
        #expect(try contents(path) == lines([note(1), note(2), note(3)]))
    }

    /// Waits (up to 10 s) until process `pid` is blocked on a file lock, per /proc/locks.
    private func waitForBlockedLock(pid: Int32) throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let locks = try String(contentsOfFile: "/proc/locks", encoding: .utf8)
            if locks.split(separator: "\n").contains(where: { $0.contains("->") && $0.split(separator: " ").contains(Substring(String(pid))) }) {
                return
            }
            usleep(1_000)
        }
        Issue.record("process \(pid) never waited for the ledger lock")
    }
}
