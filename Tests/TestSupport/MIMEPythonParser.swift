import Foundation

/// Python's `email` package (`policy.default`) as an independent reader of composed
/// messages: runs `parse_message.py` (beside this file) with `python3`.
public enum MIMEPythonParser {
    /// What the script prints (see its docstring).
    public struct Result: Decodable, Sendable {
        public var headers: [[String]]
        public var addresses: [String: [Address]]
        public var defects: [String]
        public var parts: [Part]

        /// Every value of the header called `name` (any case), in order.
        public func values(_ name: String) -> [String] {
            headers.filter { $0.first?.lowercased() == name.lowercased() }.compactMap { $0.last }
        }
    }

    public struct Address: Decodable, Sendable, Equatable {
        public var name: String
        public var addr: String
    }

    public struct Part: Decodable, Sendable {
        public var contentType: String
        public var charset: String?
        public var filename: String?
        public var disposition: String?
        /// `text/*` decoded to a string (`get_content()`), else nil.
        public var text: String?
        /// Of the decoded bytes; nil for multiparts.
        public var sha256: String?
        public var size: Int?

        enum CodingKeys: String, CodingKey {
            case contentType = "content_type"
            case charset, filename, disposition, text, sha256, size
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case exited(status: Int32, stderr: String)

        public var description: String {
            switch self {
            case .exited(let status, let stderr): "parse_message.py exited with \(status): \(stderr)"
            }
        }
    }

    /// Parses `message` with Python; a missing `python3` or a script error throws.
    public static func parse(_ message: [UInt8]) throws -> Result {
        // This file's own path (not the caller's): the script sits beside it.
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("parse_message.py").path
        let directory = try TemporaryDirectory()
        let input = directory.file("message.eml")
        try Data(message).write(to: URL(fileURLWithPath: input))
        let output = directory.file("out.json")
        let errors = directory.file("err.txt")
        try Data().write(to: URL(fileURLWithPath: output))
        try Data().write(to: URL(fileURLWithPath: errors))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, input]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let stderr = String(decoding: FileManager.default.contents(atPath: errors) ?? Data(), as: UTF8.self)
            throw Failure.exited(status: process.terminationStatus, stderr: stderr)
        }
        return try JSONDecoder().decode(Result.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
    }
}
