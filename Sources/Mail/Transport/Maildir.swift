import Foundation
import Synchronization

/// A Maildir on disk (`tmp/`, `new/`, `cur/`), delivered to as qmail's maildir(5) says:
/// write `tmp/NAME`, fsync, rename to `new/NAME`, fsync `new/`.
///
/// Names are `SECONDS.MMICROSECONDSPPIDQSEQ.HOST`: unique per process by the sequence
/// number, per host by the pid and time, and `O_EXCL` catches the rest.
struct Maildir {
    let path: String

    /// Opens the Maildir, creating it and its three folders (mode 0750) when missing.
    init(path: String) throws(TransportError) {
        self.path = path
        for folder in [path, path + "/tmp", path + "/new", path + "/cur"] {
            guard mkdir(folder, 0o750) == 0 || errno == EEXIST else {
                throw TransportError.maildir(path: path, reason: "mkdir \(folder): \(Self.describe(errno))")
            }
            var info = stat()
            guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw TransportError.maildir(path: path, reason: "\(folder) is not a directory")
            }
        }
    }

    /// What went wrong, and whether the message is already visible in `new/`.
    enum DeliveryError: Error {
        /// Nothing was delivered; `tmp/` is cleaned up.
        case notDelivered(String)
        /// The file is in `new/NAME`, but making that durable failed.
        case notDurable(name: String, reason: String)
    }

    /// Delivers `bytes` into `new/`; returns the file's name there.
    func deliver(_ bytes: [UInt8]) throws(DeliveryError) -> String {
        var name = Self.uniqueName()
        var fd = open(path + "/tmp/" + name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        while fd < 0 && errno == EEXIST {
            name = Self.uniqueName()
            fd = open(path + "/tmp/" + name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        }
        guard fd >= 0 else { throw .notDelivered("open tmp/\(name): \(Self.describe(errno))") }
        let temporary = path + "/tmp/" + name
        do throws(DeliveryError) {
            try Self.writeAll(fd, bytes)
            guard Self.retrying({ fsync(fd) }) == 0 else { throw DeliveryError.notDelivered("fsync tmp/\(name): \(Self.describe(errno))") }
            guard close(fd) == 0 else {
                fd = -1
                throw DeliveryError.notDelivered("close tmp/\(name): \(Self.describe(errno))")
            }
            fd = -1
            guard rename(temporary, path + "/new/" + name) == 0 else {
                throw DeliveryError.notDelivered("rename to new/\(name): \(Self.describe(errno))")
            }
        } catch {
            if fd >= 0 { close(fd) }
            unlink(temporary)
            throw error
        }
        let directory = open(path + "/new", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw .notDurable(name: name, reason: "open new/: \(Self.describe(errno))") }
        defer { close(directory) }
        guard Self.retrying({ fsync(directory) }) == 0 else {
            throw .notDurable(name: name, reason: "fsync new/: \(Self.describe(errno))")
        }
        return name
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(DeliveryError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                retrying { write(fd, buffer.baseAddress.unsafelyUnwrapped + written, buffer.count - written) }
            }
            guard result > 0 else { throw .notDelivered("write: \(describe(result < 0 ? errno : EIO))") }
            written += result
        }
    }

    /// Calls `call` again while it fails with `EINTR`.
    private static func retrying<Result: BinaryInteger>(_ call: () -> Result) -> Result {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }

    private static let sequence = Atomic<Int>(0)

    private static let host: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        // maildir(5): "/" and ":" cannot appear in a name part.
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).replacingOccurrences(of: "/", with: "\\057").replacingOccurrences(of: ":", with: "\\072")
    }()

    static func uniqueName() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let sequence = sequence.add(1, ordering: .relaxed).newValue
        return "\(now.tv_sec).M\(now.tv_nsec / 1000)P\(getpid())Q\(sequence).\(host)"
    }

    private static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}
