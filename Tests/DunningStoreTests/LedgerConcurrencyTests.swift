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
}
