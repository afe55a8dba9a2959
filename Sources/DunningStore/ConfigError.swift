/// Why a config file cannot be used.
///
/// Printed one problem per line as `PATH:LINE:COL: error: MESSAGE` (lines and columns
/// 1-based, columns counted in Unicode scalars as Yams and libyaml count them).
public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read or is not UTF-8; reported at 1:1.
    case unreadable(path: String, reason: String)
    /// One or more problems in the file, in file order (never empty).
    case invalid([ConfigIssue])

    /// Every problem, each with its position; `unreadable` as one issue at 1:1.
    public var issues: [ConfigIssue] {
        switch self {
        case .unreadable(let path, let reason):
            [ConfigIssue(path: path, line: 1, column: 1, problem: .unreadable(reason))]
        case .invalid(let issues):
            issues
        }
    }

    /// One `PATH:LINE:COL: error: MESSAGE` line per issue, joined by newlines.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// One problem at one place in the config file.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// 1-based.
    public var line: Int
    /// 1-based, in Unicode scalars.
    public var column: Int
    public var problem: ConfigProblem

    public init(path: String, line: Int, column: Int, problem: ConfigProblem) {
        self.path = path
        self.line = line
        self.column = column
        self.problem = problem
    }

    /// `PATH:LINE:COL: error: MESSAGE`.
    public var description: String { "\(path):\(line):\(column): error: \(problem)" }
}

/// What is wrong at a place in the config file.
public enum ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    /// Yams/libyaml could not parse the text.
    case syntax(String)
    /// The same key twice in one map.
    case duplicateKey(String)
    /// `key` holds a value of the wrong shape (`expected` and `found` are phrases: "a map", "a list").
    case wrongType(key: String, expected: String, found: String)
    case unknownKey(String, section: String, suggestion: String?)
    /// A required key is absent from the map `section`.
    case missingKey(String, section: String)
    /// A password or other secret written into the config instead of a file.
    case inlineSecret(key: String, use: String)
    /// An amount written as a YAML number instead of a quoted decimal string.
    case unquotedMoney(key: String, text: String)
    /// A value of the right shape that is not allowed; `message` names the key and says why.
    case invalidValue(String)

    public var description: String {
        switch self {
        case .unreadable(let reason): "cannot read the config file: \(reason)"
        case .syntax(let message): "invalid YAML: \(message)"
        case .duplicateKey(let key): "key '\(key)' appears more than once in this map"
        case .wrongType(let key, let expected, let found): "\(key): expected \(expected), found \(found)"
        case .unknownKey(let key, let section, let suggestion):
            "unknown key '\(key)' in \(section)" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .missingKey(let key, let section): "missing required key '\(key)' in \(section)"
        case .inlineSecret(let key, let use):
            "secrets are never written in the config: remove '\(key)' and use '\(use)' "
                + "(a file; relative paths are read from $CREDENTIALS_DIRECTORY)"
        case .unquotedMoney(let key, let text):
            "\(key): write amounts as quoted strings (\"\(text)\"), never as YAML numbers: money is never floating point"
        case .invalidValue(let message): message
        }
    }
}
