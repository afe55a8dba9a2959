import DunningCore

/// Where the ledger lives: a JSON Lines file today (`LedgerFile`), a database table later.
///
/// The engine and the CLI see only this protocol. Appends are atomic with respect to other
/// writers and readers (no one sees half a batch, batches never interleave) and durable
/// when `append` returns. Reads are incremental: keep the returned position and pass it to
/// the next read to get only what was appended since.
///
/// ```swift
/// let ledger: any LedgerStore = LedgerFile(path: config.ledger)
/// var loaded = try ledger.read(from: .start)
/// // ... later, in the daemon's cycle:
/// let more = try ledger.read(from: loaded.position)
/// if more.reloaded { /* rebuild state from more.records alone */ }
///
/// // Or fold as the records are decoded, without an array of them all:
/// var state = LedgerState()
/// let read = try ledger.read(from: .start) { records, firstLine in
///     for (offset, record) in records.enumerated() { try state.apply(record, position: firstLine + offset) }
/// }
/// ```
public protocol LedgerStore: Sendable {
    /// Where the ledger is, for messages (the file's path).
    var location: String { get }

    /// The records appended since `position` (all of them from `.start`), and the position
    /// to read from next. If the ledger was replaced or shrank since `position`, the result
    /// is the whole ledger again with `reloaded` set.
    func read(from position: LedgerPosition) throws(LedgerError) -> LedgerReadResult

    /// As `read(from:)`, but hands the records to `chunk` as they are decoded, a few
    /// thousand at a time in ledger order, instead of returning them all: fold them into a
    /// state and the whole ledger never sits in memory as records.
    ///
    /// `firstLine` is the ledger line number of the chunk's first record (the records are
    /// consecutive lines). When the ledger was replaced or shrank since `position`, the
    /// chunks start again at line 1 (so the first `firstLine` is not `position.line + 1`)
    /// and `reloaded` is set: a caller folding into an existing state must start over.
    ///
    /// Throws a `LedgerError` as `read(from:)` does (a malformed line as `PATH:LINE`; no
    /// chunk after it is handed over), or what `chunk` throws, unchanged, which ends the
    /// read. A torn last line is cut (or skipped) as by `read(from:)`, once every chunk
    /// was handed over.
    func read(from position: LedgerPosition, each chunk: ([LedgerRecord], _ firstLine: Int) throws -> Void) throws
        -> (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning])

    /// Appends `records` as one batch and makes them durable before returning.
    ///
    /// Every record is checked first (`LedgerCodec.validate`): if one is invalid, nothing is
    /// written. Returns warnings (a created ledger, a cut torn line).
    @discardableResult
    func append(_ records: [LedgerRecord]) throws(LedgerError) -> [LedgerWarning]

    /// Runs `body` while no one else can append: for read-decide-append sequences such as
    /// an idempotent import. Use only the transaction passed in; it is invalid afterwards.
    func withExclusiveAccess<Result>(_ body: (any LedgerTransaction) throws -> Result) throws -> Result
}

/// Reading and appending inside `LedgerStore.withExclusiveAccess`, without taking the lock again.
public protocol LedgerTransaction: AnyObject {
    func read(from position: LedgerPosition) throws(LedgerError) -> LedgerReadResult
    /// See `LedgerStore.read(from:each:)`.
    func read(from position: LedgerPosition, each chunk: ([LedgerRecord], _ firstLine: Int) throws -> Void) throws
        -> (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning])
    @discardableResult
    func append(_ records: [LedgerRecord]) throws(LedgerError) -> [LedgerWarning]
}

/// A place in the ledger to continue reading from; opaque to callers.
public struct LedgerPosition: Sendable, Hashable {
    /// Which ledger the offset belongs to (for a file: its device and inode); `nil` for `.start`.
    public let generation: Generation?
    /// Bytes (for a file) or records before this position.
    public let offset: Int64
    /// Lines before this position, so errors in later lines carry their line numbers.
    public let line: Int

    public struct Generation: Sendable, Hashable {
        public let major: UInt64
        public let minor: UInt64
        public init(major: UInt64, minor: UInt64) {
            self.major = major
            self.minor = minor
        }
    }

    public init(generation: Generation?, offset: Int64, line: Int) {
        self.generation = generation
        self.offset = offset
        self.line = line
    }

    /// Before the first record.
    public static let start = LedgerPosition(generation: nil, offset: 0, line: 0)
}

/// What one read returns.
public struct LedgerReadResult: Sendable {
    /// In ledger order, records of unknown types included (`.unknown(type:)`).
    public var records: [LedgerRecord]
    /// Pass to the next `read`.
    public var position: LedgerPosition
    /// The ledger was replaced (another inode) or shrank since the position read from:
    /// `records` is the whole ledger and the caller must rebuild its state from it alone.
    public var reloaded: Bool
    /// For the user: a created ledger, a cut torn line. Never printed by the store.
    public var warnings: [LedgerWarning]

    public init(records: [LedgerRecord], position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning]) {
        self.records = records
        self.position = position
        self.reloaded = reloaded
        self.warnings = warnings
    }
}
