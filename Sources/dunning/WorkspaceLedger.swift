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
        let records = RecordID.records(for: bodies, at: Date()) { workspace.state.contains(recordID: $0) }
        try workspace.append(records, source: nil)
        return records
    }

    func append(records: [LedgerRecord]) throws {
        try workspace.append(records, source: nil)
    }
}
