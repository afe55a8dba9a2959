import Dispatch

/// Folds a ledger that arrives chunk by chunk (`LedgerStore.read(from:each:)`) into a
/// `LedgerState`, with the record-id index built on a second thread, one chunk ahead.
///
/// The fold is memory-bound: most of a record's time goes to cache misses in the state's
/// big indexes, and the biggest, the one entry per record that catches a repeated id, is
/// independent of the rest. So each chunk's ids are claimed on a serial queue while the
/// chunk before is folded; the ids a `void` or `resolve` names are looked up there too, at
/// the point in the ledger where the record stands. The outcome is exactly that of
/// `LedgerState.apply(_:firstLine:)` over the same records (the tests compare the two):
/// the same errors at the same lines, and on an error the state holds every record before
/// the failing one and nothing of it or after it.
///
/// Meant for loading a whole ledger: appends of a few records go through `apply`. Not
/// thread-safe itself: one thread calls `add` and `finish`.
package final class LedgerLoader {
    private var state: LedgerState
    private let claims: IDClaims
    private let queue = DispatchQueue(label: "dunning.ledger-ids")
    /// The chunk whose ids are being claimed and which the next `add` or `finish` folds.
    private var pending: Chunk?
    /// Set once a chunk failed or the state was handed back: nothing more is folded.
    private var done = false

    /// Starts from `state` (usually an empty one sized with `reservingCapacity`).
    package init(_ state: consuming LedgerState) {
        self.state = state
        claims = IDClaims(kinds: self.state.kinds)
        self.state.kinds = RecordKinds()
    }

    /// Hands over the next chunk, whose first record is ledger line `firstLine`: its ids are
    /// claimed in the background, and the chunk before it is folded now. So an error is
    /// thrown by the call after the one that brought the offending record, or by `finish`.
    /// After an error, `add` ignores its chunk and `finish` returns the state as it stands.
    package func add(_ records: [LedgerRecord], firstLine: Int) throws(LedgerStateError) {
        guard !done else { return }
        let chunk = Chunk(records: records, firstLine: firstLine)
        queue.async { [claims] in
            claims.claim(chunk)
            chunk.claimed.signal()
        }
        let previous = pending
        pending = chunk
        if let previous { try fold(previous, next: chunk) }
    }

    /// Folds the last chunk and returns the state. After an error (thrown by `add` or by
    /// this call), the state holds the records before the failing one.
    package func finish() throws(LedgerStateError) -> LedgerState {
        if let last = pending, !done {
            pending = nil
            try fold(last, next: nil)
        }
        return takeState()
    }

    /// The state with the id index moved back in, moved out of the loader (so that the
    /// caller's first change does not copy it); the loader is done with both.
    private func takeState() -> LedgerState {
        if !done {
            if let pending { pending.claimed.wait() }
            pending = nil
            done = true
            swap(&state.kinds, &claims.kinds)
        }
        let result = state
        state = LedgerState()
        return result
    }

    /// Folds `chunk` once its ids are claimed, stopping at the first record that fails (or
    /// whose id was taken already); then gives back the ids claimed from that record on,
    /// in this chunk and in `next`, the one claimed behind it.
    private func fold(_ chunk: Chunk, next: Chunk?) throws(LedgerStateError) {
        chunk.claimed.wait()
        let end = chunk.duplicateAt ?? chunk.records.count
        var failure: (index: Int, error: LedgerStateError)?
        chunk.records.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < end {
                let refKind: RecordKind? = switch buffer[index].body {
                case .void, .resolve: chunk.refKinds[index]
                default: nil
                }
                do throws(LedgerStateError) {
                    try state.fold(buffer[index], position: chunk.firstLine + index, refKind: refKind)
                } catch {
                    failure = (index, error)
                    return
                }
                state.count += 1
                index += 1
            }
        }
        if let failure {
            release(chunk, from: failure.index, next: next)
            throw failure.error
        }
        if end < chunk.records.count {
            let id = chunk.records[end].id
            release(chunk, from: end, next: next)
            throw LedgerStateError(position: chunk.firstLine + end, recordID: id, reason: .duplicateRecordID(id))
        }
    }

    /// Forgets the ids claimed for `chunk`'s records from `index` on and for all of `next`'s,
    /// once the queue is done with `next`; then stops the loader, the id index back in the
    /// state.
    private func release(_ chunk: Chunk, from index: Int, next: Chunk?) {
        if let next { next.claimed.wait() }
        pending = nil
        claims.release(chunk, from: index)
        if let next { claims.release(next, from: 0) }
        done = true
        swap(&state.kinds, &claims.kinds)
    }
}

/// One chunk of records and what claiming its ids found.
///
/// Written by the claims queue before it signals `claimed`, read by the loader after
/// waiting on it: the semaphore orders the two.
private final class Chunk: @unchecked Sendable {
    let records: [LedgerRecord]
    let firstLine: Int
    let claimed = DispatchSemaphore(value: 0)
    /// The first record whose id was taken (by an earlier record); it and the ones after it
    /// claimed nothing.
    var duplicateAt: Int?
    /// How many records from the start were looked at (their ids claimed, unknown types
    /// skipped): `duplicateAt`, or all of them, or none once an earlier chunk had a duplicate.
    var looked = 0
    /// The kind of the record each `void` or `resolve` (by index) names, when there is one.
    var refKinds: [Int: RecordKind] = [:]

    init(records: [LedgerRecord], firstLine: Int) {
        self.records = records
        self.firstLine = firstLine
    }
}

/// The id index while a `LedgerLoader` has it: only the claims queue touches it until the
/// loader has waited for the queue's last chunk.
private final class IDClaims: @unchecked Sendable {
    var kinds: RecordKinds
    /// Set at the first duplicate: later chunks claim nothing (the fold stops there).
    private var stopped = false

    init(kinds: RecordKinds) { self.kinds = kinds }

    func claim(_ chunk: Chunk) {
        guard !stopped else { return }
        chunk.records.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                guard let kind = RecordKind(buffer[index].body) else { continue }
                if kinds.insert(buffer[index].id, kind: kind) != nil {
                    chunk.duplicateAt = index
                    chunk.looked = index
                    stopped = true
                    return
                }
                if kind == .void || kind == .resolve, let ref = buffer[index].ref, let target = kinds[ref] {
                    chunk.refKinds[index] = target
                }
            }
            chunk.looked = buffer.count
        }
    }

    /// Forgets the ids `claim` added for `chunk`'s records in `index..<looked`.
    func release(_ chunk: Chunk, from index: Int) {
        guard index < chunk.looked else { return }
        for record in chunk.records[index..<chunk.looked] where RecordKind(record.body) != nil {
            kinds.remove(record.id)
        }
    }
}
