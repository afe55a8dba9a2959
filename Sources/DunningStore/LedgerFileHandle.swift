import Glibc

/// One open descriptor of the ledger file, closed (and so unlocked) on deinit.
///
/// Every C call goes through `syscall`, which retries `EINTR` and throws a
/// `LedgerError.system` naming the call and its errno.
///
/// `Sendable`: all its stored properties are immutable, and `pread`, `fstat` on one
/// descriptor are safe from several threads (the parallel scan does only those).
final class LedgerFileHandle: Sendable {
    let path: String
    let descriptor: Int32
    /// Opened read-write; `false` when only reading was permitted.
    let writable: Bool
    /// This open created the (empty) file.
    let created: Bool

    private init(path: String, descriptor: Int32, writable: Bool, created: Bool) {
        self.path = path
        self.descriptor = descriptor
        self.writable = writable
        self.created = created
    }

    deinit { close(descriptor) }

    /// Opens the ledger, creating it empty if it does not exist (then the directory is
    /// fsync'd so the new name is durable). Without `needsWrite`, a file we may only read is
    /// opened read-only.
    static func open(path: String, needsWrite: Bool) throws(LedgerError) -> LedgerFileHandle {
        let flags = O_RDWR | O_APPEND | O_CLOEXEC
        while true {
            var descriptor = Glibc.open(path, flags)
            var writable = true
            var created = false
            if descriptor < 0 {
                let code = errno
                switch code {
                case EINTR:
                    continue
                case ENOENT:
                    descriptor = Glibc.open(path, flags | O_CREAT | O_EXCL, 0o660)
                    if descriptor < 0 && errno == EEXIST { continue }  // someone else created it: open theirs
                    guard descriptor >= 0 else { throw .system(path: path, call: "open", errno: errno) }
                    created = true
                case EACCES, EROFS, EPERM:
                    guard !needsWrite else { throw .system(path: path, call: "open", errno: code) }
                    descriptor = try syscall("open", path: path) { Glibc.open(path, O_RDONLY | O_CLOEXEC) }
                    writable = false
                case EISDIR:
                    throw .notAFile(path: path)
                default:
                    throw .system(path: path, call: "open", errno: code)
                }
            }
            let handle = LedgerFileHandle(path: path, descriptor: descriptor, writable: writable, created: created)
            guard try handle.status().st_mode & S_IFMT == S_IFREG else { throw .notAFile(path: path) }
            if created { try syncDirectory(of: path) }
            return handle
        }
    }

    /// Opens the ledger and locks it, making sure the lock is on the file the path names
    /// once locked: if the file was renamed over or removed while we waited (a restored
    /// backup), appending to the old one would lose records, so we open the new one.
    static func openLocked(path: String, needsWrite: Bool, exclusive: Bool) throws(LedgerError) -> LedgerFileHandle {
        while true {
            let handle = try open(path: path, needsWrite: needsWrite)
            try handle.lock(exclusive: exclusive)
            let opened = try handle.status()
            var named = stat()
            if stat(path, &named) == 0 {
                if named.st_dev == opened.st_dev, named.st_ino == opened.st_ino { return handle }
            } else if errno != ENOENT {
                throw .system(path: path, call: "stat", errno: errno)
            }
            // Replaced or removed while we waited for the lock: lock what the path names now.
        }
    }

    /// `flock(LOCK_SH)` or `flock(LOCK_EX)`, waiting for it; released by `close`.
    func lock(exclusive: Bool) throws(LedgerError) {
        _ = try syscall("flock", path: path) { flock(descriptor, exclusive ? LOCK_EX : LOCK_SH) }
    }

    func status() throws(LedgerError) -> stat {
        var info = stat()
        _ = try syscall("fstat", path: path) { fstat(descriptor, &info) }
        return info
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws(LedgerError) -> Int {
        var total = 0
        while total < count {
            let done = try syscall("pread", path: path) { pread(descriptor, buffer + total, count - total, off_t(offset) + off_t(total)) }
            if done == 0 { break }
            total += done
        }
        return total
    }

    /// The byte at `offset`.
    func byte(at offset: Int64) throws(LedgerError) -> UInt8? {
        var value: UInt8 = 0
        let done = try read(into: &value, count: 1, at: offset)
        return done == 1 ? value : nil
    }

    /// Writes all of `bytes` at the end of the file (the descriptor is `O_APPEND`).
    func append(_ bytes: UnsafeRawBufferPointer) throws(LedgerError) {
        var written = 0
        while written < bytes.count {
            let base = bytes.baseAddress.map { $0 + written }
            written += try syscall("write", path: path) { write(descriptor, base, bytes.count - written) }
        }
    }

    func truncate(to size: Int64) throws(LedgerError) {
        _ = try syscall("ftruncate", path: path) { ftruncate(descriptor, off_t(size)) }
    }

    func sync() throws(LedgerError) {
        _ = try syscall("fsync", path: path) { fsync(descriptor) }
    }

    /// fsyncs the directory holding `path`, so a file created in it survives a crash.
    private static func syncDirectory(of path: String) throws(LedgerError) {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        let descriptor = try syscall("open", path: directory) { Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { close(descriptor) }
        _ = try syscall("fsync", path: directory) { fsync(descriptor) }
    }
}

/// Runs a C call until it is not interrupted; `-1` becomes `LedgerError.system(call, errno)`.
func syscall<Result: BinaryInteger>(_ call: String, path: String, _ body: () -> Result) throws(LedgerError) -> Result {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = errno
        if code == EINTR { continue }
        throw .system(path: path, call: call, errno: code)
    }
}
