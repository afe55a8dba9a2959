import DunningCore
import DunningStore
import Foundation

/// Appends `count` note records about customer `tag` through `LedgerFile`, `batch` per append.
///
/// Each note carries a few KiB of text, so a write that is not under the lock would
/// visibly interleave with another process's.
struct AppendCommand {
    let ledger: String
    let count: Int
    let tag: String
    let batch: Int

    func run() throws {
        let store = LedgerFile(path: ledger)
        let padding = String(repeating: tag + " ", count: 4096 / (tag.count + 1))
        var index = 0
        while index < count {
            let end = min(count, index + max(1, batch))
            let records = (index..<end).map { number in
                LedgerRecord(id: RecordID.generate(type: "note"), at: Date(),
                             body: .note(NoteRecord(subject: .customer(tag), text: "\(tag) \(number) \(padding)")))
            }
            try store.append(records)
            index = end
        }
        print("appended \(count)")
    }
}
