import Foundation

/// A fresh directory under the system's temp directory, removed when the value is released.
public final class TemporaryDirectory: Sendable {
    public let path: String

    /// Creates `dunning-test-XXXXXX` (mkdtemp).
    public init() throws {
        var template = Array((NSTemporaryDirectory() + "/dunning-test-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress.unsafelyUnwrapped) }
        guard created != nil else { throw TemporaryDirectoryError.cannotCreate(errno: errno) }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `path/name`.
    public func file(_ name: String) -> String { path + "/" + name }

    /// The text of `name` in the folder, or why it cannot be read (for a failing test's message).
    public func text(of name: String) -> String { fileText(file(name)) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

public enum TemporaryDirectoryError: Error {
    case cannotCreate(errno: Int32)
}

/// The text of the file at `path`, or why it cannot be read (for a failing test's message).
public func fileText(_ path: String) -> String {
    do {
        return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        return "(\(path) unreadable: \(error))"
    }
}
