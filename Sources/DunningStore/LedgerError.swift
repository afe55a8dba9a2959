import Glibc

/// Why one ledger line is not a record: the message names the field when there is one.
public enum LedgerCodecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not JSON at all (simdjson's message).
    case invalidJSON(String)
    /// Valid JSON, but not an object.
    case notAnObject
    case missingField(String)
    /// An object names the same member twice (at any depth; the name is the member's own).
    case duplicateField(String)
    /// The field has the wrong JSON type (`expected` is "a string", "an array of strings", ...).
    case wrongType(field: String, expected: String)
    /// The field has the right type but a value the schema refuses.
    case invalidValue(field: String, message: String)
    /// `customer` and `invoice` both given where exactly one is allowed.
    case conflictingFields(String, String)
    /// A record given to `append` that does not survive encoding unchanged.
    case notRepresentable(id: String, message: String)

    public var description: String {
        switch self {
        case .invalidJSON(let message): "not valid JSON (\(message))"
        case .notAnObject: "not a JSON object"
        case .missingField(let field): "missing field '\(field)'"
        case .duplicateField(let field): "field '\(field)' appears twice"
        case .wrongType(let field, let expected): "field '\(field)' must be \(expected)"
        case .invalidValue(let field, let message): "field '\(field)': \(message)"
        case .conflictingFields(let a, let b): "fields '\(a)' and '\(b)' exclude each other; give exactly one"
        case .notRepresentable(let id, let message): "record '\(id)' cannot be written: \(message)"
        }
    }

    /// The field the error is about, when there is one (`instalments[1].amount`).
    public var field: String? {
        switch self {
        case .missingField(let field), .duplicateField(let field), .wrongType(let field, _), .invalidValue(let field, _): field
        case .conflictingFields(let field, _): field
        case .invalidJSON, .notAnObject, .notRepresentable: nil
        }
    }
}

/// A ledger that cannot be used: the program refuses to act on it.
///
/// `description` is the one-line form every dunning error has: `PATH:LINE: error: MESSAGE`,
/// or `PATH: error: MESSAGE` for errors about the whole file.
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A complete line that is not a valid record (torn last lines are cut, not reported here).
    case malformedLine(path: String, line: Int, LedgerCodecError)
    /// A record handed to `append` that would not read back (nothing was written).
    case invalidRecord(path: String, LedgerCodecError)
    /// The path exists but is not a regular file (a directory, a socket, ...).
    case notAFile(path: String)
    /// The file changed between two passes of one read, under the lock: something writes
    /// to the ledger without taking it.
    case changedWhileReading(path: String)
    /// A system call failed: the call, its errno and the C library's text for it.
    case system(path: String, call: String, errno: Int32)

    public var description: String {
        switch self {
        case .malformedLine(let path, let line, let error): "\(path):\(line): error: \(error)"
        case .invalidRecord(let path, let error): "\(path): error: \(error)"
        case .notAFile(let path): "\(path): error: the ledger is not a regular file"
        case .changedWhileReading(let path):
            "\(path): error: the ledger changed while it was read; a program is writing to it without taking its lock"
        case .system(let path, let call, let code):
            "\(path): error: \(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}

/// Something the caller should tell the user, though the ledger is usable.
///
/// Store functions return warnings instead of printing them: the CLI prints them, the
/// daemon logs them as `warning` events.
public enum LedgerWarning: Equatable, Sendable, CustomStringConvertible {
    /// The ledger did not exist and was created empty.
    case created(path: String)
    /// The last line had no newline (a writer crashed mid-line) and was cut off the file.
    /// `line` is its line number when the reader knew it (a writer that cuts does not count).
    case tornLineCut(path: String, line: Int?, offset: Int64, bytes: Int)
    /// As `tornLineCut`, but the file was opened read-only, so the line was only skipped.
    case tornLineSkipped(path: String, line: Int, bytes: Int)

    public var description: String {
        switch self {
        case .created(let path):
            "\(path): note: the ledger did not exist; created it empty"
        case .tornLineCut(let path, let line, let offset, let bytes):
            "\(path)\(line.map { ":\($0)" } ?? ""): warning: cut off an incomplete last line "
                + "(\(bytes) bytes at offset \(offset), no newline: an interrupted write)"
        case .tornLineSkipped(let path, let line, let bytes):
            "\(path):\(line): warning: skipped an incomplete last line (\(bytes) bytes, no newline); "
                + "no write permission to cut it off"
        }
    }
}
