/// A problem with a template: it does not parse, it uses a variable the data does not
/// have, or a file it needs is missing.
///
/// Printed as `PATH:LINE:COL: error: MESSAGE`; `PATH` is the file, or for a built-in
/// template `builtin:LANG/KIND.PART.mustache`. A problem with a whole file (missing,
/// unreadable) has no line: `PATH: error: MESSAGE`.
public struct TemplateError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    /// 1-based; `nil` for a problem with the whole file.
    public var line: Int?
    /// 1-based, in characters; `nil` when not known.
    public var column: Int?
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = path
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return "\(place): error: \(message)"
    }
}
