import DunningCore
import Glibc

/// Splits a range of the ledger file into lines and decodes each in place.
///
/// Reads in chunks of a few MiB into one buffer with simdjson's padding after it, so a
/// million-line ledger never sits in memory as bytes, only as records. A line longer than
/// the buffer grows it.
struct LedgerLineScanner {
    let path: String
    /// Lines consumed so far (the number of the last complete line).
    private(set) var line: Int
    private(set) var records: [LedgerRecord] = []
    private let decoder = LedgerDecoder()

    static let chunk = 4 << 20

    /// Where to put the records instead of `records`: room for exactly `limit` of them.
    private let destination: UnsafeMutablePointer<LedgerRecord>?
    private let limit: Int
    /// Records initialized at `destination` so far.
    private(set) var written = 0

    init(path: String, line: Int) {
        self.path = path
        self.line = line
        destination = nil
        limit = 0
    }

    /// A scanner that initializes its records at `destination`, which has room for `limit`.
    init(path: String, destination: UnsafeMutablePointer<LedgerRecord>, limit: Int) {
        self.path = path
        self.line = 0
        self.destination = destination
        self.limit = limit
    }

    /// Decodes the complete lines in `start..<end`; returns where the bytes after the last
    /// newline begin and how many there are (a torn line when nonzero).
    mutating func scan(_ handle: LedgerFileHandle, from start: Int64, to end: Int64) throws(LedgerError) -> (offset: Int64, bytes: Int) {
        var capacity = Self.chunk
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity + LedgerDecoder.padding, alignment: 64)
        defer { buffer.deallocate() }
        var offset = start  // file offset of buffer[0]
        var filled = 0
        while offset + Int64(filled) < end {
            if filled == capacity {
                let grown = UnsafeMutableRawPointer.allocate(byteCount: 2 * capacity + LedgerDecoder.padding, alignment: 64)
                grown.copyMemory(from: buffer, byteCount: filled)
                buffer.deallocate()
                buffer = grown
                capacity *= 2
            }
            let want = Int(min(Int64(capacity - filled), end - offset - Int64(filled)))
            let got = try handle.read(into: buffer + filled, count: want, at: offset + Int64(filled))
            if got == 0 { break }  // the file shrank under us: only a writer ignoring the lock does that
            filled += got
            let consumed = try decodeLines(in: buffer, count: filled, readable: capacity + LedgerDecoder.padding)
            if offset == start, records.count > 0, consumed > 0 {
                // Size the array once from the first chunk's line length: no doubling copies,
                // and no peak of old plus new storage at the last doubling.
                let estimate = Double(end - start) / Double(consumed) * Double(records.count) * 1.05
                records.reserveCapacity(Int(estimate))
            }
            if consumed > 0 {
                memmove(buffer, buffer + consumed, filled - consumed)
                offset += Int64(consumed)
                filled -= consumed
            }
        }
        return (offset, filled)
    }

    /// Decodes every complete line in `base[0..<count]`; returns the bytes consumed.
    private mutating func decodeLines(in base: UnsafeMutableRawPointer, count: Int, readable: Int) throws(LedgerError) -> Int {
        var lineStart = 0
        while lineStart < count, let newline = memchr(base + lineStart, Int32(UInt8(ascii: "\n")), count - lineStart) {
            let lineEnd = base.distance(to: newline)
            line += 1
            let record: LedgerRecord
            do {
                let bytes = UnsafeRawBufferPointer(start: base + lineStart, count: lineEnd - lineStart)
                record = try decoder.decode(bytes, capacity: readable - lineStart)
            } catch {
                throw .malformedLine(path: path, line: line, error)
            }
            if let destination {
                guard written < limit else { throw .changedWhileReading(path: path) }
                (destination + written).initialize(to: record)
                written += 1
            } else {
                records.append(record)
            }
            lineStart = lineEnd + 1
        }
        return lineStart
    }
}
