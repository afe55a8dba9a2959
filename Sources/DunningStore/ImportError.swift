/// A CSV file that cannot be imported: `FILE:LINE[:COL]: error: MESSAGE`, field named where known.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    /// 1-based byte column in the line, where one byte is at fault (a byte that is not UTF-8).
    public var column: Int?
    public var message: String

    public init(path: String, line: Int?, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        switch (line, column) {
        case (let line?, let column?): "\(path):\(line):\(column): error: \(message)"
        case (let line?, nil): "\(path):\(line): error: \(message)"
        default: "\(path): error: \(message)"
        }
    }
}
