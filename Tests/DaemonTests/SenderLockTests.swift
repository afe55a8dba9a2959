import Daemon
import Foundation
import Testing
import TestSupport

@Suite struct SenderLockTests {
    @Test("a second sender is refused at once with the holder's pid; after release the lock can be taken again")
    func exclusive() throws {
        let folder = try TemporaryDirectory()
        let ledger = folder.file("ledger.jsonl")
        var first: SenderLock? = try SenderLock(ledger: ledger)
        #expect(throws: SenderLockError.held(path: ledger + ".sender.lock", pid: Int(getpid()))) {
            _ = try SenderLock(ledger: ledger)
        }
        withExtendedLifetime(first) {}
        first = nil
        let again = try SenderLock(ledger: ledger)
        #expect(again.path == ledger + ".sender.lock")
    }
}
