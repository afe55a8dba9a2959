import DunningCore
import DunningStore
import Foundation
import Glibc
import Testing
import TestSupport

/// A note record; `at` has whole seconds, as the ledger stores it.
func note(_ number: Int, customer: String = "C-1") -> LedgerRecord {
    LedgerRecord(id: "not-\(customer)-\(number)", at: Date(timeIntervalSince1970: 1_795_424_400 + Double(number)),
                 body: .note(NoteRecord(subject: .customer(customer), text: "note \(number)")))
}

func lines(_ records: [LedgerRecord]) -> String {
    records.map { LedgerCodec.encode($0) + "\n" }.joined()
}

func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

func contents(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
}

func fileSize(_ path: String) throws -> Int {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
}

@Suite struct LedgerFileTests {
    @Test("a missing ledger is created empty, with a note for the user")
    func createsMissing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let result = try LedgerFile(path: path).read(from: .start)
        #expect(result.records.isEmpty)
        #expect(result.warnings == [.created(path: path)])
        #expect(result.warnings[0].description == "\(path): note: the ledger did not exist; created it empty")
        #expect(try fileSize(path) == 0)
        #expect(try LedgerFile(path: path).read(from: .start).warnings.isEmpty)
    }

    @Test("every record type appended in one batch reads back equal, in order")
    func appendAndRead() throws {
        let directory = try TemporaryDirectory()
        let ledger = LedgerFile(path: directory.file("ledger.jsonl"))
        #expect(try ledger.append(everyRecordType) == [.created(path: ledger.path)])
        let result = try ledger.read(from: .start)
        #expect(result.records == everyRecordType)
        #expect(result.warnings.isEmpty)
        #expect(!result.reloaded)
        #expect(result.position.line == everyRecordType.count)
        #expect(try contents(ledger.path) == lines(everyRecordType))
    }

    @Test("reading from a position returns only what was appended since")
    func incremental() throws {
        let directory = try TemporaryDirectory()
        let ledger = LedgerFile(path: directory.file("ledger.jsonl"))
        try ledger.append([note(1), note(2)])
        let first = try ledger.read(from: .start)
        #expect(first.records == [note(1), note(2)])
        #expect(try ledger.read(from: first.position).records.isEmpty)
        try ledger.append([note(3)])
        try ledger.append([note(4), note(5)])
        let second = try ledger.read(from: first.position)
        #expect(second.records == [note(3), note(4), note(5)])
        #expect(!second.reloaded)
        #expect(second.position.line == 5)
        #expect(second.position.offset == Int64(try fileSize(ledger.path)))
    }

    @Test("a malformed line in the middle fails the whole load with PATH:LINE and the field")
    func malformedMiddleLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let bad = #"{"type":"payment","id":"p1","at":"2026-11-23T09:00:00Z","invoice":"I","date":"2026-11-20","amount":"12abc","currency":"EUR"}"#
        try write(lines([note(1)]) + bad + "\n" + lines([note(3)]), to: path)
        #expect {
            try LedgerFile(path: path).read(from: .start)
        } throws: { error in
            guard let error = error as? LedgerError, case .malformedLine(path, 2, let cause) = error else { return false }
            return cause.field == "amount"
                && error.description == "\(path):2: error: field 'amount': '12abc' is not a decimal amount (expected digits with an optional '.' and decimals)"
        }
        // Not even a torn tail is cut when the load fails: the file is as it was.
        #expect(try contents(path) == lines([note(1)]) + bad + "\n" + lines([note(3)]))
    }

    @Test("line numbers go on across incremental reads; invalid UTF-8 and blank lines are errors")
    func lineNumbersContinue() throws {
        let directory = try TemporaryDirectory()
        let ledger = LedgerFile(path: directory.file("ledger.jsonl"))
        try ledger.append([note(1), note(2), note(3)])
        let first = try ledger.read(from: .start)
        let handle = try #require(FileHandle(forWritingAtPath: ledger.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"type\":\"note\",\"text\":\"".utf8) + Data([0xFF, 0xFE]) + Data("\"}\n".utf8))
        try handle.close()
        #expect(throws: LedgerError.malformedLine(path: ledger.path, line: 4, .invalidJSON("The input is not valid UTF-8"))) {
            try ledger.read(from: first.position)
        }
        try write(lines([note(1)]) + "\n" + lines([note(2)]), to: ledger.path)
        #expect { try ledger.read(from: .start) } throws: { error in
            (error as? LedgerError)?.description == "\(ledger.path):2: error: not valid JSON (an empty line)"
        }
    }

    @Test("records of a type this version does not know are kept, in order")
    func unknownTypesKept() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let future = #"{"type":"sms","id":"sms-1","at":"2026-11-23T09:00:00Z","to":"+31600000000","parts":[{"n":1}]}"#
        try write(lines([note(1)]) + future + "\n" + lines([note(2)]), to: path)
        let records = try LedgerFile(path: path).read(from: .start).records
        #expect(records.map(\.body) == [note(1).body, .unknown(type: "sms"), note(2).body])
        #expect(records[1].id == "sms-1")
    }

    @Test("a torn last line is cut off with a warning, and the file truncated to its last newline")
    func tornLastLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        let complete = lines([note(1), note(2)])
        let torn = String(LedgerCodec.encode(note(3)).prefix(40))
        try write(complete + torn, to: path)
        let result = try LedgerFile(path: path).read(from: .start)
        #expect(result.records == [note(1), note(2)])
        #expect(result.warnings == [.tornLineCut(path: path, line: 3, offset: Int64(complete.utf8.count), bytes: 40)])
        #expect(result.warnings[0].description.hasPrefix("\(path):3: warning: cut off an incomplete last line"))
        #expect(try contents(path) == complete)
        #expect(result.position.offset == Int64(complete.utf8.count))
    }

    @Test("a writer cuts a torn line before appending, so lines are never glued together")
    func appendAfterTornLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        try write(lines([note(1)]) + #"{"type":"note","id":"#, to: path)
        let warnings = try LedgerFile(path: path).append([note(2)])
        let offset = Int64(lines([note(1)]).utf8.count)
        #expect(warnings == [.tornLineCut(path: path, line: nil, offset: offset, bytes: 20)])
        #expect(try contents(path) == lines([note(1), note(2)]))
        // A ledger of only a torn line is cut to nothing.
        try write(#"{"type""#, to: path)
        #expect(try LedgerFile(path: path).read(from: .start).records.isEmpty)
        #expect(try fileSize(path) == 0)
    }

    @Test("a ledger path that is a directory, or in a missing directory, is a clear error")
    func unreadable() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: LedgerError.notAFile(path: directory.path)) { try LedgerFile(path: directory.path).read(from: .start) }
        #expect(LedgerError.notAFile(path: "/x").description == "/x: error: the ledger is not a regular file")
        let missing = directory.file("no/such/ledger.jsonl")
        #expect(throws: LedgerError.system(path: missing, call: "open", errno: ENOENT)) { try LedgerFile(path: missing).append([note(1)]) }
        #expect(LedgerError.system(path: missing, call: "open", errno: ENOENT).description
            == "\(missing): error: open failed: No such file or directory (errno 2)")
        let fifo = directory.file("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: LedgerError.notAFile(path: fifo)) { try LedgerFile(path: fifo).read(from: .start) }
    }

    @Test("a replaced or shrunk ledger is reported so the caller reloads from scratch")
    func replacedOrShrunk() throws {
        let directory = try TemporaryDirectory()
        let ledger = LedgerFile(path: directory.file("ledger.jsonl"))
        try ledger.append([note(1), note(2)])
        let before = try ledger.read(from: .start)

        let replacement = directory.file("new.jsonl")
        try write(lines([note(7), note(8), note(9)]), to: replacement)
        #expect(rename(replacement, ledger.path) == 0)
        let replaced = try ledger.read(from: before.position)
        #expect(replaced.reloaded)
        #expect(replaced.records == [note(7), note(8), note(9)])
        #expect(replaced.position.line == 3)

        #expect(truncate(ledger.path, off_t(lines([note(7)]).utf8.count)) == 0)
        let shrunk = try ledger.read(from: replaced.position)
        #expect(shrunk.reloaded)
        #expect(shrunk.records == [note(7)])

        // Rewritten in place to the same length or longer: the old offset no longer ends a line.
        try write(lines([note(10, customer: "C-22")]) + lines([note(11)]), to: ledger.path)
        let rewritten = try ledger.read(from: shrunk.position)
        #expect(rewritten.reloaded)
        #expect(rewritten.records == [note(10, customer: "C-22"), note(11)])
    }

    @Test("an invalid record is refused by append and nothing of its batch is written")
    func refusesInvalidRecord() throws {
        let directory = try TemporaryDirectory()
        let ledger = LedgerFile(path: directory.file("ledger.jsonl"))
        try ledger.append([note(1)])
        let bad = LedgerRecord(id: "p", at: Date(timeIntervalSince1970: 0), body: .payment(PaymentRecord(
            invoice: "I", date: CalendarDate(year: 2026, month: 1, day: 1)!, amount: -1, currency: .euro)))
        #expect {
            try ledger.append([note(2), bad])
        } throws: { error in
            guard case .invalidRecord(ledger.path, let cause)? = error as? LedgerError else { return false }
            return cause.field == "amount"
        }
        #expect(try contents(ledger.path) == lines([note(1)]))
    }

    @Test("inside exclusive access, reads and appends share the lock")
    func exclusiveAccess() throws {
        let directory = try TemporaryDirectory()
        let ledger: any LedgerStore = LedgerFile(path: directory.file("ledger.jsonl"))
        let count = try ledger.withExclusiveAccess { transaction in
            let before = try transaction.read(from: .start)
            #expect(before.warnings == [.created(path: ledger.location)])
            try transaction.append([note(1), note(2)])
            return try transaction.read(from: before.position).records.count
        }
        #expect(count == 2)
        #expect(try ledger.read(from: .start).records == [note(1), note(2)])
    }
}
