import DunningCore
import DunningStore
import Foundation
import Testing
import TestSupport

/// Ledgers big enough (over 16 MiB) to be decoded in parts on several threads.
@Suite struct LedgerLargeFileTests {
    static let count = 140_000

    /// Line `number` (1-based) of a 128-byte-per-line ledger of notes.
    static func line(_ number: Int) -> String {
        let id = String(number)
        let head = #"{"type":"note","id":"n-\#(id)","at":"2026-11-23T09:00:00Z","customer":"C-1","text":""#
        return head + String(repeating: "x", count: 127 - head.utf8.count - 2) + "\"}\n"
    }

    static func ledger(replacing bad: Int? = nil, tail: String = "") -> String {
        var text = ""
        text.reserveCapacity(count * 128 + tail.utf8.count)
        for number in 1...count {
            text += number == bad ? #"{"type":"note","id":"bad","at":"2026-11-23T09:00:00Z","customer":"C-1"}"# + "\n" : line(number)
        }
        return text + tail
    }

    @Test("a big ledger is read whole and in order")
    func readsInOrder() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        try write(Self.ledger(tail: "{\"type\":\"no"), to: path)
        let result = try LedgerFile(path: path).read(from: .start)
        #expect(result.records.count == Self.count)
        #expect(result.records.map(\.id) == (1...Self.count).map { "n-\($0)" })
        #expect(result.position.line == Self.count)
        #expect(result.warnings == [.tornLineCut(path: path, line: Self.count + 1, offset: Int64(Self.count * 128), bytes: 11)])
    }

    @Test("a malformed line late in a big ledger is reported with its exact line number", arguments: [2, 99_999, 139_990])
    func malformedLate(bad: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ledger.jsonl")
        try write(Self.ledger(replacing: bad), to: path)
        #expect(throws: LedgerError.malformedLine(path: path, line: bad, .missingField("text"))) {
            try LedgerFile(path: path).read(from: .start)
        }
    }
}
