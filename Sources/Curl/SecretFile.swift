import Foundation

/// A secret (a password) kept in a file of its own: never inline in the config, never logged.
///
/// A relative name is looked up in the credentials directory, which systemd gives the
/// service as `$CREDENTIALS_DIRECTORY` (`LoadCredential=`); the caller passes it in.
public enum SecretFile {
    /// Why a secret file cannot be used. Carries paths and reasons, never the secret.
    public enum Failure: Error, Equatable {
        /// `file` is relative but there is no credentials directory.
        case credentialsDirectoryUnset(file: String)
        /// The file cannot be read, is empty, or holds more than one line.
        case unreadable(path: String, reason: String)
    }

    /// The secret in `file` (relative: below `credentialsDirectory`), without its final line break.
    public static func read(_ file: String, credentialsDirectory: String?) throws(Failure) -> String {
        let path: String
        if file.hasPrefix("/") {
            path = file
        } else {
            guard let credentialsDirectory, !credentialsDirectory.isEmpty else { throw .credentialsDirectoryUnset(file: file) }
            path = credentialsDirectory + "/" + file
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file"
            throw .unreadable(path: path, reason: reason)
        }
        var bytes = [UInt8](data)
        while let last = bytes.last, last == 10 || last == 13 { bytes.removeLast() }
        guard !bytes.isEmpty else { throw .unreadable(path: path, reason: "empty") }
        guard !bytes.contains(0), !bytes.contains(10), !bytes.contains(13) else {
            throw .unreadable(path: path, reason: "more than one line")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
