import Daemon
import DunningCore
import DunningStore
import Foundation

/// The send cycle's view of a `Workspace`: its state, and appends that go through the
/// workspace (read what others appended, check, write, fsync, fold).
final class WorkspaceLedger: CycleLedger {
    private(set) var workspace: Workspace

    init(_ workspace: Workspace) { self.workspace = workspace }

    var state: LedgerState { workspace.state }

    /// Folds what others appended since the last read (see `Workspace.refresh`).
    func refresh() throws { try workspace.refresh() }

    @discardableResult
    func append(_ bodies: [LedgerRecord.Body]) throws -> [LedgerRecord] {
        let now = Date()
        var taken = Set<String>()
        let records = bodies.map { body in
            let type = LedgerRecord(id: "", at: now, body: body).type
            let id = RecordID.generate(type: type) { self.workspace.state.contains(recordID: $0) || taken.contains($0) }
            taken.insert(id)
            return LedgerRecord(id: id, at: now, body: body)
        }
        try workspace.append(records, source: nil)
        return records
    }

    func append(records: [LedgerRecord]) throws {
        try workspace.append(records, source: nil)
    }
}
