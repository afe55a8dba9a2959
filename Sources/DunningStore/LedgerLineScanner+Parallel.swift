import Dispatch
import DunningCore
import Foundation
import Glibc

extension LedgerLineScanner {
    /// What scanning a range of the ledger gives.
    struct Scan {
        var records: [LedgerRecord]
        /// The number of the last complete line.
        var line: Int
        /// Where the bytes after the last newline begin, and how many (a torn line when nonzero).
        var tail: (offset: Int64, bytes: Int)
    }

    /// Ranges at least twice this big are split across processors.
    static let parallelRange: Int64 = 8 << 20

    /// Decodes the complete lines of `start..<end`, on up to four threads when it is big
    /// (a daemon starting on a long ledger).
    ///
    /// The range is split into parts that end just after a newline. A first pass counts
    /// each part's lines, so every part can decode straight into its own slice of the one
    /// result array: no joining copies, no second set of records in memory. `pread` on the
    /// shared descriptor is safe from several threads; each part has its own decoder and
    /// buffer. A malformed line's number counts the lines of the parts before it, and the
    /// first malformed line in file order is the one reported.
    static func scan(_ handle: LedgerFileHandle, path: String, line: Int, from start: Int64, to end: Int64) throws(LedgerError) -> Scan {
        let parts = min(4, ProcessInfo.processInfo.activeProcessorCount, Int((end - start) / parallelRange))
        guard parts >= 2 else { return try scanOnOneThread(handle, path: path, line: line, from: start, to: end) }
        var splits = [start]
        for part in 1..<parts {
            let guess = start + (end - start) * Int64(part) / Int64(parts)
            splits.append(try lineStart(handle, atOrAfter: max(guess, splits[part - 1]), end: end))
        }
        splits.append(end)
        let bounds = splits

        let counts = SharedSlots<Result<Int, LedgerError>>(count: parts)
        defer { counts.free() }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            counts.buffer[part] = Result { () throws(LedgerError) in try countLines(handle, from: bounds[part], to: bounds[part + 1]) }
        }
        var starts = [0]  // index of each part's first record
        for part in 0..<parts {
            guard let count = counts.buffer[part] else { preconditionFailure("concurrentPerform skipped part \(part)") }
            starts.append(starts[part] + (try count.get()))
        }
        let firsts = starts
        let total = firsts[parts]
        guard total > 0 else { return try scanOnOneThread(handle, path: path, line: line, from: start, to: end) }

        let outcomes = SharedSlots<Result<(line: Int, tail: (offset: Int64, bytes: Int)), LedgerError>>(count: parts)
        let written = SharedSlots<Int>(count: parts)
        defer {
            outcomes.free()
            written.free()
        }
        var failure: LedgerError?
        var lines = line
        var tail = (offset: start, bytes: 0)
        let records = [LedgerRecord](unsafeUninitializedCapacity: total) { buffer, initialized in
            let base = SharedRecords(base: buffer.baseAddress.unsafelyUnwrapped)  // total > 0
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var scanner = LedgerLineScanner(path: path, destination: base.base + firsts[part], limit: firsts[part + 1] - firsts[part])
                outcomes.buffer[part] = Result { () throws(LedgerError) in
                    let tail = try scanner.scan(handle, from: bounds[part], to: bounds[part + 1])
                    return (scanner.line, tail)
                }
                written.buffer[part] = scanner.written
            }
            for part in 0..<parts where failure == nil {
                switch outcomes.buffer[part] {
                case .success(let scan)?:
                    if written.buffer[part] != firsts[part + 1] - firsts[part] { failure = .changedWhileReading(path: path) }
                    lines += scan.line
                    tail = scan.tail
                case .failure(.malformedLine(let path, let local, let cause))?: failure = .malformedLine(path: path, line: lines + local, cause)
                case .failure(let error)?: failure = error
                case nil: preconditionFailure("concurrentPerform skipped part \(part)")
                }
            }
            if failure == nil {
                initialized = total
            } else {
                for part in 0..<parts { (base.base + firsts[part]).deinitialize(count: written.buffer[part] ?? 0) }
            }
        }
        if let failure { throw failure }
        return Scan(records: records, line: lines, tail: tail)
    }

    private static func scanOnOneThread(_ handle: LedgerFileHandle, path: String, line: Int, from start: Int64, to end: Int64) throws(LedgerError) -> Scan {
        var scanner = LedgerLineScanner(path: path, line: line)
        let tail = try scanner.scan(handle, from: start, to: end)
        return Scan(records: scanner.records, line: scanner.line, tail: tail)
    }

    /// The number of newlines in `start..<end`.
    private static func countLines(_ handle: LedgerFileHandle, from start: Int64, to end: Int64) throws(LedgerError) -> Int {
        let size = chunk
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        var lines = 0
        var position = start
        while position < end {
            let got = try handle.read(into: buffer, count: Int(min(Int64(size), end - position)), at: position)
            if got == 0 { break }
            var cursor = buffer
            var left = got
            while left > 0, let newline = memchr(cursor, Int32(UInt8(ascii: "\n")), left) {
                lines += 1
                left -= cursor.distance(to: newline) + 1
                cursor = newline + 1
            }
            position += Int64(got)
        }
        return lines
    }

    /// Buffers the threads of `concurrentPerform` share.
    ///
    /// `@unchecked Sendable`: each iteration touches only its own element (or its own slice
    /// of the result array), and `concurrentPerform` returns only after every iteration has
    /// finished, so no element is accessed by two threads at once and the reads afterwards
    /// see every write.
    private struct SharedSlots<Element>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Element?>

        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        func free() {
            _ = buffer.deinitialize()
            buffer.deallocate()
        }
    }

    /// The result array's storage, shared the same way: each part initializes only its slice.
    private struct SharedRecords: @unchecked Sendable {
        let base: UnsafeMutablePointer<LedgerRecord>
    }

    /// The offset just after the first newline at or after `offset`, or `end` if there is none.
    private static func lineStart(_ handle: LedgerFileHandle, atOrAfter offset: Int64, end: Int64) throws(LedgerError) -> Int64 {
        var block = [UInt8](repeating: 0, count: 65_536)
        var position = offset
        while position < end {
            let count = Int(min(Int64(block.count), end - position))
            let got = try block.withUnsafeMutableBytes { raw in
                Result { () throws(LedgerError) in try handle.read(into: raw.baseAddress.unsafelyUnwrapped, count: count, at: position) }
            }.get()
            if got == 0 { break }
            if let index = block[0..<got].firstIndex(of: UInt8(ascii: "\n")) { return position + Int64(index) + 1 }
            position += Int64(got)
        }
        return end
    }
}
