import DunningCore
import Foundation
import Yams

/// Reads `dunning.yaml` into a validated `DunningConfig`.
///
/// Every problem is reported as `PATH:LINE:COL: error: MESSAGE`, from the Yams node it is
/// about; as many problems as can be found in one pass are collected.
///
/// Relative paths in the file (`ledger`, `templates`, `delivery.outbox`, `delivery.smtp.ca_file`,
/// `bounces.maildir`) are resolved against the directory of the config file, so a checkout
/// can ship a config that works from anywhere. `password_file` and `imap_password_file` are
/// kept as written: relative ones are read from `$CREDENTIALS_DIRECTORY` when used.
///
/// ```swift
/// let config = try ConfigLoader.load(path: ConfigLoader.defaultPath(environment: ProcessInfo.processInfo.environment))
/// ```
public enum ConfigLoader {
    /// `$DUNNING_CONFIG` if set and not empty, else `/etc/dunning/dunning.yaml`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["DUNNING_CONFIG"], !path.isEmpty { return path }
        return "/etc/dunning/dunning.yaml"
    }

    /// Reads and validates the config file at `path`.
    public static func load(path: String) throws(ConfigError) -> DunningConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: Self.reason(error))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "the file is not UTF-8 text")
        }
        return try load(yaml: text, path: path)
    }

    /// Validates `yaml` as if read from `path`, which names it in errors and anchors relative paths.
    public static func load(yaml: String, path: String) throws(ConfigError) -> DunningConfig {
        let (config, reader) = read(yaml: yaml, path: path)
        if let config, reader.issues.isEmpty { return config }
        precondition(!reader.issues.isEmpty, "a config was refused without a reported issue")
        let inFileOrder = reader.issues.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }
        throw .invalid(inFileOrder.map(\.element))
    }

    /// The config (`nil` if it cannot be built at all) and the reader with its issues and used keys.
    static func read(yaml: String, path: String) -> (DunningConfig?, ConfigReader) {
        let reader = ConfigReader(path: path)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (line, column) = syntaxPosition(error)
            reader.report(syntaxProblem(error), line: line, column: column)
            return (nil, reader)
        } catch {
            reader.report(.syntax(String(describing: error)), at: nil)
            return (nil, reader)
        }
        guard let root else {
            reader.report(.invalidValue("the config file is empty (expected a map with at least 'company')"), at: nil)
            return (nil, reader)
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().standardized.path
        return (reader.config(root, base: base), reader)
    }

    /// `path` itself if absolute, else `path` inside `directory`, with `.` and `..` removed.
    public static func resolve(_ path: String, against directory: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(path)
        return url.standardized.path
    }

    private static func reason(_ error: any Error) -> String {
        let cocoa = error as NSError
        if let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        switch cocoa.code {
        case NSFileReadNoSuchFileError: return "no such file"
        case NSFileReadNoPermissionError: return "permission denied"
        default: return cocoa.localizedDescription
        }
    }

    // MARK: Yams errors

    private static func syntaxProblem(_ error: YamlError) -> ConfigProblem {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return .syntax(problem + (context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""))
        case .reader(let problem, _, _, _):
            return .syntax(problem)
        case .duplicatedKeysInMapping(let duplicates, _):
            return .duplicateKey(duplicates.joined(separator: "', '"))
        default:
            return .syntax(String(describing: error))
        }
    }

    /// 1-based line and column of a Yams error (`reader` errors give a byte offset).
    private static func syntaxPosition(_ error: YamlError) -> (Int, Int) {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return (mark.line, mark.column)
        case .duplicatedKeysInMapping(_, let context):
            return (context.mark.line, context.mark.column)
        case .reader(_, let offset?, _, let yaml):
            let lines = Array(yaml.utf8.prefix(offset)).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let column = String(decoding: lines.last ?? [], as: UTF8.self).unicodeScalars.count + 1
            return (lines.count, column)
        default:
            return (1, 1)
        }
    }
}

extension ConfigReader {
    /// The whole config from the document's root map; `nil` if `company` is unusable.
    func config(_ root: Node, base: String) -> DunningConfig? {
        guard let top = keyed(root, .root, name: "") else { return nil }
        let company = top.required("company", in: self).flatMap { self.company($0, builtInTemplates: top["templates"] == nil) }
        var config = DunningConfig(company: company ?? Company(name: "", from: ""))

        if let node = top["ledger"], let path = nonEmpty(node, name: "ledger") {
            config.ledger = ConfigLoader.resolve(path, against: base)
        }
        if let node = top["templates"], let path = nonEmpty(node, name: "templates") {
            config.templates = ConfigLoader.resolve(path, against: base)
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: config.templates ?? "", isDirectory: &isDirectory)
                || !isDirectory.boolValue {
                invalid("templates: '\(config.templates ?? path)' is not a directory", at: node)
            }
        }
        if let node = top["delivery"] { config.delivery = delivery(node, base: base) }
        if let node = top["retry"] { config.retry = retry(node) }
        if let node = top["schedule"] { config.schedule = schedule(node) }
        if let node = top["verification"] { config.verification = verification(node) }
        if let node = top["bounces"] { config.bounces = bounces(node, base: base) }
        if let node = top["digest"] { config.digest = digest(node) }
        if let node = top["flat_compensation"] { config.flatCompensation = flatCompensation(node) }
        if let node = top["rates"] { config.rates = rates(node) }
        if let node = top["policies"] {
            config.policies = policies(node, rates: config.rates, templates: config.templates,
                                       language: config.company.language)
        }
        if let node = top["limitation"] { config.limitation = limitation(node) }
        return company == nil ? nil : config
    }
}
