import Dispatch
import DunningCore
import Foundation

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
    /// Each part but the last ends just after a newline, and has its own decoder and
    /// buffer; `pread` on the shared descriptor is safe from several threads. Records are
    /// joined in file order; a malformed line's number counts the lines of the parts before
    /// it, and the first malformed line in file order is the one reported.
    static func scan(_ handle: LedgerFileHandle, path: String, line: Int, from start: Int64, to end: Int64) throws(LedgerError) -> Scan {
        let parts = min(4, ProcessInfo.processInfo.activeProcessorCount, Int((end - start) / parallelRange))
        guard parts >= 2 else {
            var scanner = LedgerLineScanner(path: path, line: line)
            let tail = try scanner.scan(handle, from: start, to: end)
            return Scan(records: scanner.records, line: scanner.line, tail: tail)
        }
        var splits = [start]
        for part in 1..<parts {
            let guess = start + (end - start) * Int64(part) / Int64(parts)
            splits.append(try lineStart(handle, atOrAfter: max(guess, splits[part - 1]), end: end))
        }
        splits.append(end)
        let bounds = splits

        let outcomes = Slots(count: parts)
        defer { outcomes.free() }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            outcomes.buffer[part] = Result { () throws(LedgerError) in
                // The first part's array will hold everyone's records: it reserves for all.
                var scanner = LedgerLineScanner(path: path, line: 0, reserveFor: part == 0 ? end - start : 0)
                let tail = try scanner.scan(handle, from: bounds[part], to: bounds[part + 1])
                return Scan(records: scanner.records, line: scanner.line, tail: tail)
            }
        }

        var joined = Scan(records: [], line: line, tail: (start, 0))
        for part in 0..<parts {
            switch outcomes.buffer[part] {
            case .success(let scan)?: joined.line += scan.line
            case .failure(.malformedLine(let path, let local, let cause))?: throw .malformedLine(path: path, line: joined.line + local, cause)
            case .failure(let error)?: throw error
            case nil: preconditionFailure("concurrentPerform skipped part \(part)")
            }
        }
        for part in 0..<parts {
            guard case .success(var scan)? = outcomes.buffer[part] else { preconditionFailure("checked above") }
            outcomes.buffer[part] = nil  // `scan` now holds the only reference to the part's records
            if part == 0 {
                swap(&joined.records, &scan.records)  // no copy: the first array has room for all
            } else {
                joined.records.append(contentsOf: scan.records)
            }
            joined.tail = scan.tail
        }
        return joined
    }

    /// One result slot per part, written by the threads of `concurrentPerform`.
    ///
    /// `@unchecked Sendable`: each iteration writes only its own slot, and
    /// `concurrentPerform` returns only after every iteration has finished, so no slot is
    /// ever accessed by two threads at once, and the reads afterwards see every write.
    private struct Slots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Result<Scan, LedgerError>?>

        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        func free() {
            _ = buffer.deinitialize()
            buffer.deallocate()
        }
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
