/// A CSV file that cannot be imported: `FILE:LINE: error: MESSAGE`, field named where known.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { "\(path):\(line): error: \(message)" } else { "\(path): error: \(message)" }
    }
}
