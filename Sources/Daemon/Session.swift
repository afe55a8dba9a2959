import DunningCore
import DunningStore
import Foundation

/// A config and the ledger it names, folded into a `LedgerState`: what every command and
/// the service work on.
///
/// The ledger is any `LedgerStore` (the JSON Lines file today). A session reads it once,
/// then only what others appended since (`refresh`); its appends go under the store's
/// lock after reading what others appended, are checked against the state, and are
/// durable when `append` returns. One owner at a time: a session is not shared between
/// threads (the send cycle hands it over, never shares it).
///
/// A session prints nothing: what the user should hear about the ledger (a created file,
/// a cut torn line, a ledger read anew) collects in `warnings` until the caller takes it
/// (`takeWarnings()`): the CLI prints them, the service logs them as `warning` lines.
///
/// ```swift
/// let session = try Session.open(environment: DunningEnvironment(configPath: "dunning.yaml"))
/// let plan = Planner.plan(config: session.config, state: session.state, asOf: session.now)
/// let record = try session.append(.note(NoteRecord(subject: .customer("C-1"), text: "called")))
/// ```
public final class Session {
    public let config: DunningConfig
    public let environment: DunningEnvironment
    public let store: any LedgerStore
    /// Whether `records` holds the ledger's records (see `init`).
    public let keepsRecords: Bool
    /// Every record of the ledger in order when opened `keepingRecords`; else empty.
    public private(set) var records: [LedgerRecord] = []
    public private(set) var state = LedgerState()
    private var position = LedgerPosition.start
    private var warnings: [String] = []
    /// The day a command run with `--as-of D` simulates: every record this session appends
    /// then carries `as_of` (its `at` stays the real instant, as evidence).
    public var asOf: CalendarDate?

    /// Folds the ledger in `store` into a fresh state.
    ///
    /// The ledger is folded chunk by chunk as it is decoded, so a large ledger never sits
    /// in memory as records; `keepingRecords` keeps them too (in `records`) for the
    /// commands that look at records rather than the state (`import`, `ledger show`).
    public init(config: DunningConfig, store: any LedgerStore, environment: DunningEnvironment,
                keepingRecords: Bool = false, expectedSize: Int = 0) throws(SessionError) {
        self.config = config
        self.store = store
        self.environment = environment
        keepsRecords = keepingRecords
        try load(expectedSize: expectedSize)
    }

    /// The session on the ledger file `config.ledger` names; a fresh install has no ledger
    /// yet, so its folder is made (the store creates the file).
    public static func open(config: DunningConfig, environment: DunningEnvironment, keepingRecords: Bool = false) throws(SessionError)
        -> Session {
        let folder = URL(fileURLWithPath: config.ledger).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw .ledgerFolder(ledger: config.ledger, reason: error.localizedDescription)
            }
        }
        // Sized from the file (a line is 150–250 bytes), so a big ledger loads without rehashing.
        let size = (try? FileManager.default.attributesOfItem(atPath: config.ledger)[.size] as? Int) ?? 0
        return try Session(config: config, store: LedgerFile(path: config.ledger), environment: environment,
                           keepingRecords: keepingRecords, expectedSize: size)
    }

    /// `open` on the config at `environment.configPath`.
    public static func open(environment: DunningEnvironment, keepingRecords: Bool = false) throws(SessionError) -> Session {
        try open(config: try loadConfig(environment), environment: environment, keepingRecords: keepingRecords)
    }

    /// The config at `environment.configPath`.
    public static func loadConfig(_ environment: DunningEnvironment) throws(SessionError) -> DunningConfig {
        do {
            return try ConfigLoader.load(path: environment.configPath)
        } catch {
            throw .config(error)
        }
    }

    /// What the user should hear about the ledger since the last call, oldest first.
    public func takeWarnings() -> [String] {
        defer { warnings = [] }
        return warnings
    }

    /// Now, by the environment's clock.
    public var now: Date { environment.clock() }

    /// Today in the company's time zone: the `--as-of` day when the session simulates one.
    public var today: CalendarDate { asOf ?? CalendarDate(now, in: config.company.timeZone) }

    /// Appends one record built now, after checking it against the state; returns it.
    @discardableResult
    public func append(_ body: LedgerRecord.Body) throws(SessionError) -> LedgerRecord {
        let records = RecordID.records(for: [body], at: now) { state.contains(recordID: $0) }
        try append(records, source: nil)
        return records[0]
    }

    /// Appends `batch` atomically under the ledger's lock: first reads what others appended
    /// since the last read, then checks every new record against the state, then writes.
    /// `source` (a CSV file) prefixes the error when the state refuses a record.
    ///
    /// The batch is checked by applying it to the state itself: a trial copy would copy every
    /// index of a big ledger's state (hundreds of MB) on each append. `apply` leaves the
    /// state unchanged for a record it refuses, but the batch's records before that one stay
    /// applied; so after a refused or failed write the state is folded anew from the store.
    public func append(_ batch: [LedgerRecord], source: String?) throws(SessionError) {
        guard !batch.isEmpty else { return }
        let batch = asOf.map { day in batch.map { record in var record = record; record.asOf = record.asOf ?? day; return record } } ?? batch
        var stale = false
        do {
            try store.withExclusiveAccess { transaction in try append(batch, source: source, in: transaction, stale: &stale) }
        } catch {
            // Outside the lock: the reload takes a shared one.
            if stale { try load(expectedSize: 0) }
            throw sessionError(error)
        }
    }

    /// `append(_:source:)` under the lock; `stale` is set while the state holds records the
    /// ledger may not.
    private func append(_ batch: [LedgerRecord], source: String?, in transaction: any LedgerTransaction,
                        stale: inout Bool) throws(SessionError) {
        let since = try ledgerCall { () throws(LedgerError) in try transaction.read(from: position) }
        if since.reloaded { throw .ledgerReplaced(ledger: store.location) }
        try fold(since.records, firstLine: position.line + 1)
        position = since.position
        stale = true
        for (offset, record) in batch.enumerated() {
            do {
                try state.apply(record, position: position.line + offset + 1)
            } catch {
                throw .refused(source: source, error)
            }
        }
        let appended = try ledgerCall { () throws(LedgerError) in try transaction.append(batch) }
        warnings += appended.map(\.description)
        // Still under the lock: what follows our position is exactly the batch, already in
        // the state; reading it back moves the position past it.
        let written = try ledgerCall { () throws(LedgerError) in try transaction.read(from: position) }
        guard written.records.count == batch.count else {
            throw .appendMismatch(ledger: store.location, found: written.records.count, written: batch.count)
        }
        position = written.position
        if keepsRecords { records += written.records }
        stale = false
    }

    /// Folds what was appended since the last read (by the CLI, a bookkeeper); a ledger that
    /// was replaced or shrank is read anew, with a warning. `true` when it was read anew.
    @discardableResult
    public func refresh() throws(SessionError) -> Bool {
        var fresh: [(records: [LedgerRecord], firstLine: Int)] = []
        let result: (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning])
        do {
            result = try store.read(from: position) { records, firstLine in fresh.append((records, firstLine)) }
        } catch {
            throw sessionError(error)
        }
        warnings += result.warnings.map(\.description)
        if result.reloaded {
            warnings.append("\(store.location): warning: the ledger was replaced or shrank; read anew")
            try load(expectedSize: 0)
            return true
        }
        for chunk in fresh { try fold(chunk.records, firstLine: chunk.firstLine) }
        position = result.position
        return false
    }

    /// Applies `new` (ledger lines from `firstLine` on) to the state.
    private func fold(_ new: [LedgerRecord], firstLine: Int) throws(SessionError) {
        do {
            try state.apply(new, firstLine: firstLine)
        } catch {
            throw .ledgerLine(ledger: store.location, error)
        }
        if keepsRecords { records += new }
    }

    /// Folds the whole ledger into a fresh state (and `records` when kept), the record ids
    /// claimed on a second thread one chunk ahead of the fold (`LedgerLoader`).
    private func load(expectedSize: Int) throws(SessionError) {
        let loader = LedgerLoader(LedgerState(reservingCapacity: expectedSize / 170))
        var kept: [LedgerRecord] = []
        let keep = keepsRecords
        do {
            let result = try store.read(from: .start) { chunk, firstLine in
                try loader.add(chunk, firstLine: firstLine)
                if keep { kept += chunk }
            }
            state = try loader.finish()
            records = kept
            position = result.position
            warnings += result.warnings.map(\.description)
        } catch {
            throw sessionError(error)
        }
    }

    /// A store call's `LedgerError` as a `SessionError`.
    private func ledgerCall<T>(_ body: () throws(LedgerError) -> T) throws(SessionError) -> T {
        do {
            return try body()
        } catch {
            throw .ledger(error)
        }
    }

    /// What the store's untyped calls (and the closures they run) throw, as a `SessionError`.
    private func sessionError(_ error: any Error) -> SessionError {
        switch error {
        case let error as SessionError: error
        case let error as LedgerError: .ledger(error)
        case let error as LedgerStateError: .ledgerLine(ledger: store.location, error)
        default: preconditionFailure("the ledger store threw \(type(of: error)): \(error)")
        }
    }
}
