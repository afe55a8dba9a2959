import DunningCore
import Glibc

/// The ledger as a JSON Lines file: one record per line, appended under `flock`.
///
/// Locking: writers hold `LOCK_EX` from checking the tail to `fsync`; readers hold
/// `LOCK_SH` while they read. So a reader never sees a half-written line of a live writer,
/// and bytes after the last newline can only be left by a writer that died mid-write (or
/// a program that ignores the lock). Such a torn line is cut off (the file truncated to
/// its last newline), which needs `LOCK_EX`: a reader that finds one converts its lock
/// and reads again, because `flock` may drop the shared lock while converting and a
/// writer may have cut and appended in between. Writers cut a torn line too before
/// appending, so a new line is never glued to a torn one.
///
/// Reading decodes in place from a few MiB at a time (and on up to four threads when more
/// than 16 MiB are new, as when the daemon starts), handing the records over window by
/// window (`read(from:each:)`): a million records load in about a second, and folding them
/// as they come needs no array of them all (about 250 MB).
///
/// A torn last line is found before anything is decoded (the last byte is not a newline),
/// so the lock is converted before any record is handed over, and cut after the read.
///
/// A batch is written with one `write` loop and one `fsync`. If writing or syncing fails,
/// the file is truncated back to where the batch began. A crash in the middle of a batch
/// leaves its complete lines and a torn last line; `import` is idempotent, so a re-run
/// completes it.
public struct LedgerFile: LedgerStore {
    public let path: String
    public var location: String { path }

    public init(path: String) {
        self.path = path
    }

    public func read(from position: LedgerPosition) throws(LedgerError) -> LedgerReadResult {
        try Self.collect { each throws in try read(from: position, overlap: false, sized: each) }
    }

    public func read(from position: LedgerPosition, each chunk: ([LedgerRecord], _ firstLine: Int) throws -> Void) throws
        -> (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning]) {
        try read(from: position, overlap: true, sized: { records, firstLine, _ in try chunk(records, firstLine) })
    }

    /// `read(from:each:)`, whose chunks also carry the fraction of the read done; `overlap`
    /// decodes ahead on other threads while `chunk` runs (see `LedgerLineScanner.scan`).
    private func read(from position: LedgerPosition, overlap: Bool, sized chunk: ([LedgerRecord], Int, Double) throws -> Void) throws
        -> (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning]) {
        let handle = try LedgerFileHandle.openLocked(path: path, needsWrite: false, exclusive: false)
        let warnings: [LedgerWarning] = handle.created ? [.created(path: path)] : []
        if let plan = try Self.plan(handle, from: position, exclusive: false) {
            return try Self.read(handle, plan, warnings: warnings, overlap: overlap, each: chunk)
        }
        try handle.lock(exclusive: true)
        guard let plan = try Self.plan(handle, from: position, exclusive: true) else {
            preconditionFailure("a read under the exclusive lock cuts, never asks to")
        }
        return try Self.read(handle, plan, warnings: warnings, overlap: overlap, each: chunk)
    }

    @discardableResult
    public func append(_ records: [LedgerRecord]) throws(LedgerError) -> [LedgerWarning] {
        let bytes = try Self.lines(records, path: path)
        let handle = try LedgerFileHandle.openLocked(path: path, needsWrite: true, exclusive: true)
        return try Self.append(bytes, to: handle, warnings: handle.created ? [.created(path: path)] : [])
    }

    public func withExclusiveAccess<Result>(_ body: (any LedgerTransaction) throws -> Result) throws -> Result {
        let handle = try LedgerFileHandle.openLocked(path: path, needsWrite: true, exclusive: true)
        let transaction = LedgerFileTransaction(handle: handle)
        defer { transaction.handle = nil }
        return try body(transaction)
    }

    /// What a read covers, worked out before any record is decoded (so that no record is
    /// handed over before the lock it needs is held).
    struct ReadPlan {
        var generation: LedgerPosition.Generation
        /// Where decoding starts: `position`, or `.start` when the ledger was replaced.
        var start: LedgerPosition
        var reloaded: Bool
        /// Just past the last newline, and the bytes of a torn line after it (0 if none).
        var tail: (offset: Int64, bytes: Int)
    }

    /// Where to read from `position`, and whether the last line is torn.
    ///
    /// Returns `nil` when a torn last line must be cut but only a shared lock is held.
    static func plan(_ handle: LedgerFileHandle, from position: LedgerPosition, exclusive: Bool) throws(LedgerError) -> ReadPlan? {
        let info = try handle.status()
        let generation = LedgerPosition.Generation(major: UInt64(info.st_dev), minor: UInt64(info.st_ino))
        let size = Int64(info.st_size)
        var start = position
        var reloaded = false
        if position.generation != nil {
            var sameFile = position.generation == generation && position.offset <= size
            if sameFile, position.offset > 0 {
                // Rewritten in place (same inode, no longer a line boundary here) counts as replaced.
                sameFile = try handle.byte(at: position.offset - 1) == UInt8(ascii: "\n")
            }
            if !sameFile {
                reloaded = true
                start = .start
            }
        }
        var end = size
        if size > start.offset, try handle.byte(at: size - 1) != UInt8(ascii: "\n") {
            end = max(start.offset, try lastLineEnd(handle, size: size))
            if handle.writable, !exclusive { return nil }
        }
        return ReadPlan(generation: generation, start: start, reloaded: reloaded, tail: (end, Int(size - end)))
    }

    /// Decodes the complete lines `plan` covers, handing them to `each`; then cuts a torn
    /// last line if the file is writable (the caller holds the exclusive lock), else skips it.
    /// `each` gets each chunk, its first line number, and the fraction of the bytes read so far.
    static func read(_ handle: LedgerFileHandle, _ plan: ReadPlan, warnings: [LedgerWarning], overlap: Bool,
                     each: ([LedgerRecord], Int, Double) throws -> Void) throws -> (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning]) {
        let path = handle.path
        var warnings = warnings
        let total = Double(plan.tail.offset - plan.start.offset)
        let scan = try LedgerLineScanner.scan(handle, path: path, line: plan.start.line, from: plan.start.offset,
                                              to: plan.tail.offset, overlap: overlap) { records, firstLine, done in
            try each(records, firstLine, Double(done) / total)
        }
        // Bytes left without a newline before the planned end: the file shrank under us.
        guard scan.tail.bytes == 0, scan.tail.offset == plan.tail.offset else { throw LedgerError.changedWhileReading(path: path) }
        let tail = plan.tail
        if tail.bytes > 0 {
            if !handle.writable {
                warnings.append(.tornLineSkipped(path: path, line: scan.line + 1, bytes: tail.bytes))
            } else {
                try handle.truncate(to: tail.offset)
                try handle.sync()
                warnings.append(.tornLineCut(path: path, line: scan.line + 1, offset: tail.offset, bytes: tail.bytes))
            }
        }
        return (LedgerPosition(generation: plan.generation, offset: tail.offset, line: scan.line), plan.reloaded, warnings)
    }

    /// Runs a streaming read and gathers its records into one `LedgerReadResult`, sized from
    /// the first chunk (no doubling copies, no peak of old plus new storage at the last one).
    static func collect(_ read: (([LedgerRecord], Int, Double) throws -> Void) throws -> (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning]))
        throws(LedgerError) -> LedgerReadResult {
        var records: [LedgerRecord] = []
        do {
            let result = try read { chunk, _, done in
                if records.isEmpty, done > 0 { records.reserveCapacity(Int(Double(chunk.count) / done * 1.05)) }
                records.append(contentsOf: chunk)
            }
            return LedgerReadResult(records: records, position: result.position, reloaded: result.reloaded, warnings: result.warnings)
        } catch let error as LedgerError {
            throw error
        } catch {
            preconditionFailure("only the store throws while collecting records: \(error)")
        }
    }

    /// Appends `bytes` (whole lines) under the exclusive lock the caller holds, then fsyncs.
    static func append(_ bytes: [UInt8], to handle: LedgerFileHandle, warnings: [LedgerWarning]) throws(LedgerError) -> [LedgerWarning] {
        var warnings = warnings
        var size = Int64(try handle.status().st_size)
        if size > 0, try handle.byte(at: size - 1) != UInt8(ascii: "\n") {
            let end = try lastLineEnd(handle, size: size)
            try handle.truncate(to: end)
            warnings.append(.tornLineCut(path: handle.path, line: nil, offset: end, bytes: Int(size - end)))
            size = end
        }
        do {
            try bytes.withUnsafeBytes { buffer in Result { () throws(LedgerError) in try handle.append(buffer) } }.get()
            try handle.sync()
        } catch {
            // Best effort: leave no part of the batch behind; the error thrown is the first one.
            _ = ftruncate(handle.descriptor, off_t(size))
            throw error
        }
        return warnings
    }

    /// The offset just past the last newline before `size` (0 if there is none).
    private static func lastLineEnd(_ handle: LedgerFileHandle, size: Int64) throws(LedgerError) -> Int64 {
        let block = 65_536
        var buffer = [UInt8](repeating: 0, count: block)
        var end = size
        while end > 0 {
            let start = max(0, end - Int64(block))
            let count = Int(end - start)
            let got = try buffer.withUnsafeMutableBytes { raw in
                Result { () throws(LedgerError) in try handle.read(into: raw.baseAddress.unsafelyUnwrapped, count: count, at: start) }
            }.get()
            if let index = buffer[0..<got].lastIndex(of: UInt8(ascii: "\n")) { return start + Int64(index) + 1 }
            end = start
        }
        return 0
    }

    /// The records as lines, each checked to read back as itself.
    static func lines(_ records: [LedgerRecord], path: String) throws(LedgerError) -> [UInt8] {
        let decoder = LedgerDecoder()
        var bytes: [UInt8] = []
        for record in records {
            do {
                bytes += try LedgerCodec.validatedBytes(record, decoder: decoder)
            } catch {
                throw .invalidRecord(path: path, error)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
}

/// The ledger inside `withExclusiveAccess`: the lock is already held.
final class LedgerFileTransaction: LedgerTransaction {
    /// `nil` once the scope has ended.
    var handle: LedgerFileHandle?
    private var createdReported = false

    init(handle: LedgerFileHandle) {
        self.handle = handle
    }

    private func open() -> (LedgerFileHandle, [LedgerWarning]) {
        guard let handle else { preconditionFailure("a ledger transaction was used after its scope ended") }
        defer { createdReported = true }
        return (handle, handle.created && !createdReported ? [.created(path: handle.path)] : [])
    }

    func read(from position: LedgerPosition) throws(LedgerError) -> LedgerReadResult {
        try LedgerFile.collect { each throws in try read(from: position, overlap: false, sized: each) }
    }

    func read(from position: LedgerPosition, each chunk: ([LedgerRecord], _ firstLine: Int) throws -> Void) throws
        -> (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning]) {
        try read(from: position, overlap: true, sized: { records, firstLine, _ in try chunk(records, firstLine) })
    }

    private func read(from position: LedgerPosition, overlap: Bool, sized chunk: ([LedgerRecord], Int, Double) throws -> Void) throws
        -> (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning]) {
        let (handle, warnings) = open()
        guard let plan = try LedgerFile.plan(handle, from: position, exclusive: true) else {
            preconditionFailure("a read under the exclusive lock cuts, never asks to")
        }
        return try LedgerFile.read(handle, plan, warnings: warnings, overlap: overlap, each: chunk)
    }

    @discardableResult
    func append(_ records: [LedgerRecord]) throws(LedgerError) -> [LedgerWarning] {
        let (handle, warnings) = open()
        return try LedgerFile.append(try LedgerFile.lines(records, path: handle.path), to: handle, warnings: warnings)
    }
}
