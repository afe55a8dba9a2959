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
/// ```
public protocol LedgerStore: Sendable {
    /// Where the ledger is, for messages (the file's path).
    var location: String { get }

    /// The records appended since `position` (all of them from `.start`), and the position
    /// to read from next. If the ledger was replaced or shrank since `position`, the result
    /// is the whole ledger again with `reloaded` set.
    func read(from position: LedgerPosition) throws(LedgerError) -> LedgerReadResult

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
