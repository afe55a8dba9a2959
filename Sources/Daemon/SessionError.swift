import DunningCore
import DunningStore
import Mail

/// Why the engine cannot do what it was asked: a problem with the user's files or input.
///
/// Typed, with the underlying error kept whole (`ConfigError`, `LedgerError`, ...), so a
/// front end can show it its own way. `description` is the one-line-per-problem form every
/// dunning error has, `PATH:LINE[:COL]: error: MESSAGE` (or `error: MESSAGE` when no file
/// is at fault); the CLI prints it and exits 1.
public enum SessionError: Error, CustomStringConvertible {
    /// The config file cannot be read or is invalid.
    case config(ConfigError)
    /// A file to import cannot be read, or a row of it is bad (nothing of it was imported).
    case importFile(ImportError)
    /// A template cannot be used (a folder that cannot be read, or templates that fail `check`).
    case templates([TemplateError])
    /// The ledger cannot be read or written.
    case ledger(LedgerError)
    /// A ledger line the state refuses (a duplicate id, an unknown invoice): nothing is sent
    /// until it is fixed.
    case ledgerLine(ledger: String, LedgerStateError)
    /// A record the caller wanted to append that the state refuses; `source` is the input
    /// it came from (a CSV file), when there is one. Nothing was written.
    case refused(source: String?, LedgerStateError)
    /// The ledger file was replaced while an append was being prepared; nothing was written.
    case ledgerReplaced(ledger: String)
    /// The ledger's folder does not exist and cannot be made.
    case ledgerFolder(ledger: String, reason: String)
    /// What was read back after an append is not what was written (a program writing to the
    /// ledger without its lock).
    case appendMismatch(ledger: String, found: Int, written: Int)
    /// A message cannot be made (a template error, a step that sends no e-mail).
    case message(MessageBuildError)
    /// The configured delivery cannot be set up (the config names what to fix).
    case transport(config: String, TransportError)
    /// `verification.resolvers` cannot be used.
    case resolvers(config: String, reason: String)
    /// Input that does not fit the ledger: an unknown invoice, an amount in the wrong
    /// currency. `field` names the input (`invoice`, `customer`, `amount`); the CLI shows it
    /// as its option (`--invoice`).
    case input(field: String, message: String)

    public var description: String {
        switch self {
        case .config(let error): error.description
        case .importFile(let error): error.description
        case .templates(let errors): errors.map(\.description).joined(separator: "\n")
        case .ledger(let error): error.description
        case .ledgerLine(let ledger, let error): "\(ledger):\(error.position): error: \(error.description)"
        case .refused(let source, let error): "\(source.map { "\($0): " } ?? "")error: \(error.description)"
        case .ledgerReplaced(let ledger):
            "\(ledger): error: the ledger was replaced while this command ran; nothing was written, run it again"
        case .ledgerFolder(let ledger, let reason): "\(ledger): error: cannot create the ledger's folder: \(reason)"
        case .appendMismatch(let ledger, let found, let written):
            "\(ledger): error: \(found) records follow where \(written) were written"
        case .message(let error): "error: \(error.reason)"
        case .transport(let config, let error): "\(config): error: delivery: \(error.description)"
        case .resolvers(let config, let reason): "\(config): error: verification.resolvers: \(reason)"
        case .input(let field, let message): "error: \(field): \(message)"
        }
    }
}
