import DunningCore
import DunningStore
import Foundation

/// What every command starts from: the loaded config, the ledger, and the state folded
/// from it. Problems become `UserError`s in the one-line `PATH:LINE[:COL]: error:` form.
struct Workspace {
    let configPath: String
    let config: DunningConfig
    let ledger: LedgerFile
    /// Whether `records` holds the ledger's records (see `open`).
    let keepRecords: Bool
    /// Every record of the ledger in order, when opened with `keepRecords`; else empty.
    private(set) var records: [LedgerRecord]
    private(set) var state: LedgerState
    private var position: LedgerPosition

    /// Loads config and ledger; ledger warnings (created, torn line cut) go to stderr.
    ///
    /// The ledger is folded into the state chunk by chunk as it is decoded, so a large
    /// ledger never sits in memory as records; `keepRecords` keeps them too (in `records`)
    /// for the commands that look at records rather than the state (`import`, `ledger show`).
    static func open(_ options: GlobalOptions, keepRecords: Bool = false) throws -> Workspace {
        try open(options, config: try loadConfig(options), keepRecords: keepRecords)
    }

    /// `open` with the config already loaded (`run` loads it first to take the sender lock).
    static func open(_ options: GlobalOptions, config: DunningConfig, keepRecords: Bool = false) throws -> Workspace {
        let configPath = options.configPath
        let ledger = LedgerFile(path: config.ledger)
        var workspace = Workspace(configPath: configPath, config: config, ledger: ledger, keepRecords: keepRecords,
                                  records: [], state: LedgerState(), position: .start)
        do {
            // A fresh install has no ledger yet: make its folder; the store creates the file.
            let folder = URL(fileURLWithPath: config.ledger).deletingLastPathComponent()
            if !FileManager.default.fileExists(atPath: folder.path) {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            let result = try workspace.load(keepingRecords: keepRecords)
            for warning in result.warnings { Console.error(warning.description) }
        } catch let error as LedgerError {
            throw UserError(error.description)
        } catch let error as UserError {
            throw error
        } catch {
            throw UserError("\(config.ledger): error: cannot create the ledger's folder: \(error.localizedDescription)")
        }
        return workspace
    }

    /// The config alone (`PATH:LINE:COL: error:` on a problem).
    static func loadConfig(_ options: GlobalOptions) throws -> DunningConfig {
        do {
            return try ConfigLoader.load(path: options.configPath)
        } catch {
            throw UserError(error.description)
        }
    }

    /// Applies `records` (ledger lines from `firstLine` on) to the state.
    private mutating func fold(_ new: [LedgerRecord], firstLine: Int) throws {
        do {
            try state.apply(new, firstLine: firstLine)
        } catch {
            throw UserError("\(config.ledger):\(error.position): error: \(error.description)")
        }
        if keepRecords { records += new }
    }

    /// Today in the company's time zone.
    var today: CalendarDate { CalendarDate(Date(), in: config.company.timeZone) }

    /// Appends one record built now, after checking it against the state; returns it.
    mutating func append(_ body: LedgerRecord.Body) throws -> LedgerRecord {
        let type = LedgerRecord(id: "", at: Date(), body: body).type
        let record = LedgerRecord(id: RecordID.generate(type: type) { state.contains(recordID: $0) }, at: Date(), body: body)
        try append([record], source: nil)
        return record
    }

    /// Appends `batch` atomically under the ledger's lock: first reads what others appended
    /// since we loaded, then checks every new record against the state, then writes.
    ///
    /// The batch is checked by applying it to the state itself: a trial copy would copy every
    /// index of a big ledger's state (hundreds of MB) on each append. `apply` leaves the
    /// state unchanged for a record it refuses, but the batch's records before that one stay
    /// applied; so after a refused or failed write the state is folded anew from the file.
    mutating func append(_ batch: [LedgerRecord], source: String?) throws {
        guard !batch.isEmpty else { return }
        var stale = false
        do {
            try ledger.withExclusiveAccess { transaction in
                let since = try transaction.read(from: position)
                if since.reloaded {
                    throw UserError("\(config.ledger): error: the ledger was replaced while this command ran; nothing was written, run it again")
                }
                try fold(since.records, firstLine: position.line + 1)
                position = since.position
                stale = true
                for (offset, record) in batch.enumerated() {
                    do {
                        try state.apply(record, position: position.line + offset + 1)
                    } catch let error as LedgerStateError {
                        throw UserError("\(source.map { "\($0): " } ?? "")error: \(error.description)")
                    }
                }
                for warning in try transaction.append(batch) { Console.error(warning.description) }
                // Still under the lock: what follows our position is exactly the batch,
                // already in the state; reading it back moves the position past it.
                let written = try transaction.read(from: position)
                guard written.records.count == batch.count else {
                    throw UserError("\(config.ledger): error: \(written.records.count) records follow where \(batch.count) were written")
                }
                position = written.position
                if keepRecords { records += written.records }
                stale = false
            }
        } catch {
            // Outside the lock: the reload takes a shared one.
            if stale { _ = try load(keepingRecords: keepRecords) }
            if let error = error as? LedgerError { throw UserError(error.description) }
            throw error
        }
    }

    /// Folds what was appended since the last read (by the CLI, a bookkeeper); a ledger that
    /// was replaced or shrank is read anew, with a warning. `true` when it was read anew.
    @discardableResult
    mutating func refresh() throws -> Bool {
        var fresh: [(records: [LedgerRecord], firstLine: Int)] = []
        let result: (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning])
        do {
            result = try ledger.read(from: position) { records, firstLine in fresh.append((records, firstLine)) }
        } catch let error as LedgerError {
            throw UserError(error.description)
        }
        for warning in result.warnings { Console.error(warning.description) }
        if result.reloaded {
            Console.error("\(config.ledger): warning: the ledger was replaced or shrank; read anew")
            _ = try load(keepingRecords: keepRecords)
            return true
        }
        for chunk in fresh { try fold(chunk.records, firstLine: chunk.firstLine) }
        position = result.position
        return false
    }

    /// Folds the whole ledger into a fresh state (and `records` with `keepingRecords`), the
    /// record ids claimed on a second thread one chunk ahead of the fold (`LedgerLoader`).
    /// Sized from the file (a line is 150–250 bytes), so a big ledger loads without rehashing.
    private mutating func load(keepingRecords: Bool) throws -> (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning]) {
        let size = (try? FileManager.default.attributesOfItem(atPath: config.ledger)[.size] as? Int) ?? 0
        let loader = LedgerLoader(LedgerState(reservingCapacity: size / 170))
        var kept: [LedgerRecord] = []
        do {
            let result = try ledger.read(from: .start) { chunk, firstLine in
                try loader.add(chunk, firstLine: firstLine)
                if keepingRecords { kept += chunk }
            }
            state = try loader.finish()
            records = kept
            position = result.position
            return result
        } catch let error as LedgerStateError {
            throw UserError("\(config.ledger):\(error.position): error: \(error.description)")
        }
    }

    func invoiceCurrency(_ id: String) throws -> Currency {
        guard let invoice = state.invoice(id) else { throw UserError("error: --invoice: unknown invoice '\(id)'") }
        return invoice.currency
    }

    /// The currency of an invoice, or of a customer's open invoices (one currency only).
    func currency(of subject: Subject) throws -> Currency {
        switch subject {
        case .invoice(let id):
            return try invoiceCurrency(id)
        case .customer(let id):
            guard state.customer(id) != nil else { throw UserError("error: --customer: unknown customer '\(id)'") }
            let currencies = Set(Balances.customer(id, in: state).invoices.filter { $0.open > 0 }.map(\.invoice.currency))
            guard currencies.count == 1, let currency = currencies.first else {
                throw UserError("error: --amount: customer '\(id)' has open invoices in \(currencies.isEmpty ? "no" : "several") currencies; give --invoice instead")
            }
            return currency
        }
    }

    /// The open total of `ids`, which must share one customer and one currency.
    func openTotal(of ids: [String]) throws -> (Decimal, Currency) {
        guard let first = ids.first, let invoice = state.invoice(first) else {
            throw UserError("error: --invoice: unknown invoice '\(ids.first ?? "")'")
        }
        let balances = Balances.customer(invoice.customer, in: state).invoices
        var total = Decimal(0)
        for id in ids {
            guard let balance = balances.first(where: { $0.invoice.invoice == id }) else {
                throw UserError("error: --invoice: '\(id)' is unknown or not an invoice of customer \(invoice.customer)")
            }
            guard balance.invoice.currency == invoice.currency else {
                throw UserError("error: --invoice: '\(id)' is in \(balance.invoice.currency), '\(first)' in \(invoice.currency)")
            }
            total += balance.open
        }
        return (total, invoice.currency)
    }

    /// `open` lines for `ledger show`: per invoice what is still owed, and customer credit.
    func balanceLines(for subject: Subject) -> [String] {
        let customer: String? = switch subject {
        case .customer(let id): id
        case .invoice(let id): state.invoice(id)?.customer
        }
        guard let customer else { return [] }
        let (invoices, credits) = Balances.customer(customer, in: state)
        var lines: [String] = []
        for balance in invoices {
            if case .invoice(let id) = subject, id != balance.invoice.invoice { continue }
            let currency = balance.invoice.currency
            lines.append("open  \(balance.invoice.invoice)  \(Money.string(balance.open, in: currency)) \(currency) of \(Money.string(balance.invoice.amount, in: currency)), due \(balance.invoice.due)")
        }
        for credit in credits where credit.remaining > 0 {
            lines.append("credit  \(Money.string(credit.remaining, in: credit.currency)) \(credit.currency) (over-payment on \(credit.sources.joined(separator: ", ")))")
        }
        return lines
    }
}
