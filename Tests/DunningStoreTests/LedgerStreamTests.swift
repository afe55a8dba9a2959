import DunningCore
import DunningStore
import Foundation
import Glibc
import Testing
import TestSupport

/// `read(from:each:)`: records handed over chunk by chunk as they are decoded.
@Suite struct LedgerStreamTests {
    /// Every chunk of a streaming read, with the line number it says it starts at.
    struct Chunks {
        var chunks: [(records: [LedgerRecord], firstLine: Int)] = []
        var records: [LedgerRecord] { chunks.flatMap(\.records) }
    }

    @Test("a big ledger arrives in several chunks, in order, each with its first line number")
    func chunksInOrder() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        try write(LedgerLargeFileTests.ledger(), to: path)
        var seen = Chunks()
        let result = try LedgerFile(path: path).read(from: .start) { records, firstLine in seen.chunks.append((records, firstLine)) }
        #expect(seen.chunks.count > 2)
        var next = 1
        for chunk in seen.chunks {
            #expect(chunk.firstLine == next)
            #expect(chunk.records.first?.id == "n-\(chunk.firstLine)")
            next += chunk.records.count
        }
        #expect(seen.records.map(\.id) == (1...LedgerLargeFileTests.count).map { "n-\($0)" })
        #expect(result.position.line == LedgerLargeFileTests.count)
        #expect(!result.reloaded)
        #expect(result.warnings.isEmpty)
        #expect(result.position == (try LedgerFile(path: path).read(from: .start)).position)
    }

    @Test("reading on from a position numbers the chunks on from it")
    func incremental() throws {
        let directory = try TemporaryDirectory()
        let ledger = LedgerFile(path: directory.file("ledger.jsonl"))
        try ledger.append([note(1), note(2)])
        let first = try ledger.read(from: .start)
        try ledger.append([note(3), note(4), note(5)])
        var seen = Chunks()
        let result = try ledger.read(from: first.position) { records, firstLine in seen.chunks.append((records, firstLine)) }
        #expect(seen.chunks.map(\.firstLine) == [3])
        #expect(seen.records == [note(3), note(4), note(5)])
        #expect(result.position.line == 5)
        let nothing = try ledger.read(from: result.position) { records, firstLine in seen.chunks.append((records, firstLine)) }
        #expect(seen.chunks.count == 1)
        #expect(nothing.position == result.position)
    }

    @Test("a malformed line fails the read with PATH:LINE, and nothing from it on is handed over", arguments: [2, 99_999, 139_990])
    func malformedLine(bad: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        try write(LedgerLargeFileTests.ledger(replacing: bad), to: path)
        var seen = Chunks()
        #expect(throws: LedgerError.malformedLine(path: path, line: bad, .missingField("text"))) {
            try LedgerFile(path: path).read(from: .start) { records, firstLine in seen.chunks.append((records, firstLine)) }
        }
        #expect(seen.records.map(\.id) == seen.records.indices.map { "n-\($0 + 1)" })
        #expect(seen.records.count < bad)
    }

    @Test("a torn last line is cut once the chunks are handed over, and never handed over")
    func tornLastLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let complete = lines([note(1), note(2)])
        try write(complete + String(LedgerCodec.encode(note(3)).prefix(40)), to: path)
        var seen = Chunks()
        let result = try LedgerFile(path: path).read(from: .start) { records, firstLine in
            // The lock is already converted: the torn line is still there, and cut later.
            let size = try fileSize(path)
            #expect(size == complete.utf8.count + 40)
            seen.chunks.append((records, firstLine))
        }
        #expect(seen.records == [note(1), note(2)])
        #expect(result.warnings == [.tornLineCut(path: path, line: 3, offset: Int64(complete.utf8.count), bytes: 40)])
        #expect(try contents(path) == complete)
        #expect(result.position.offset == Int64(complete.utf8.count))
    }

    /// What the caller's closure throws.
    struct Stop: Error, Equatable {}

    @Test("an error thrown by the caller ends the read unchanged, and leaves a torn line alone")
    func callerError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let text = LedgerLargeFileTests.ledger(tail: "{\"type\":\"no")
        try write(text, to: path)
        var calls = 0
        #expect(throws: Stop()) {
            try LedgerFile(path: path).read(from: .start) { _, _ in
                calls += 1
                throw Stop()
            }
        }
        #expect(calls == 1)
        #expect(try fileSize(path) == text.utf8.count)
    }

    @Test("inside exclusive access, a replaced ledger streams again from line 1, marked reloaded")
    func reloadInTransaction() throws {
        let directory = try TemporaryDirectory()
        let ledger = LedgerFile(path: directory.file("ledger.jsonl"))
        try ledger.append([note(1), note(2), note(3)])
        let first = try ledger.read(from: .start)
        try write(lines([note(7)]), to: directory.file("new.jsonl"))
        #expect(rename(directory.file("new.jsonl"), ledger.path) == 0)
        var seen = Chunks()
        let result = try ledger.withExclusiveAccess { transaction in
            try transaction.read(from: first.position) { records, firstLine in seen.chunks.append((records, firstLine)) }
        }
        #expect(result.reloaded)
        #expect(seen.chunks.map(\.firstLine) == [1])
        #expect(seen.records == [note(7)])
        #expect(result.position.line == 1)
    }
}
