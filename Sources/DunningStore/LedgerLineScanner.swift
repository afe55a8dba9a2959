import Dispatch
import DunningCore
import Foundation
import Glibc

/// Splits a range of the ledger file into lines, decodes each in place, and hands the
/// records over window by window, in file order.
///
/// Reads a window of a few MiB at a time into one buffer with simdjson's padding after it,
/// so the ledger never sits in memory as bytes, and the caller can fold each window's
/// records and let them go before the next: a million-line ledger need not exist as one
/// array of records. A big range (a daemon starting on a long ledger) is decoded on up to
/// four threads: each window is cut into parts that end just after a newline, each part
/// decoded by its own decoder, and the parts handed over in order; when the caller folds
/// as the records come, that happens on a thread of its own, windows ahead of the caller.
/// A line longer than the window grows the buffer.
enum LedgerLineScanner {
    /// `ProcessInfo.activeProcessorCount`, asked once: it reads the scheduler's affinity
    /// mask, too slow for every small read of the daemon's appends.
    static let processorCount = ProcessInfo.processInfo.activeProcessorCount

    /// Bytes per part of a window.
    static let chunk = 4 << 20
    /// Ranges at least twice this big are split across processors.
    static let parallelRange: Int64 = 8 << 20

    /// What scanning a range gives besides the records.
    struct Scan {
        /// The number of the last complete line.
        var line: Int
        /// Where the bytes after the last newline begin, and how many (a torn line when nonzero).
        var tail: (offset: Int64, bytes: Int)
    }

    /// Decodes the complete lines of `start..<end` and calls `each` with every part's records
    /// and the line number of its first record (`line` is the number of the line before
    /// `start`). A malformed line's number counts every line before it, and the first
    /// malformed line in file order is the one reported; nothing after it is handed over.
    /// `each` also gets the bytes decoded so far, counted from `start` (for sizing arrays).
    ///
    /// With `overlap`, a big range is decoded on other threads, a few windows ahead of
    /// `each`, which runs on the calling thread: the caller folds one window while the next
    /// ones are decoded, and one processor is left to it. Without, `each` is expected to be
    /// quick (collecting the records) and every processor decodes.
    ///
    /// Throws what `each` throws, unchanged, and otherwise only `LedgerError`.
    static func scan(_ handle: LedgerFileHandle, path: String, line: Int, from start: Int64, to end: Int64, overlap: Bool,
                     each: ([LedgerRecord], Int, Int64) throws -> Void) throws -> Scan {
        let processors = processorCount
        let ranges = Int((end - start) / parallelRange)
        guard overlap, ranges >= 2 else {
            let parts = max(1, min(4, processors, ranges))
            return try decode(handle, path: path, line: line, from: start, to: end, parts: parts, each: each)
        }
        let parts = max(1, min(4, processors - 1, ranges))
        let pipeline = Pipeline(depth: 2 * parts + 2)
        // A thread of its own, not a Dispatch queue's: the caller may itself be running on
        // one of a few pool threads (an async daemon), and blocks until this one delivers.
        let decoder = Thread {
            do {
                let scan = try decode(handle, path: path, line: line, from: start, to: end, parts: parts) { records, firstLine, done in
                    guard pipeline.put(.records(records, firstLine, done)) else { throw Pipeline.Cancelled() }
                }
                pipeline.finish(.success(scan))
            } catch {
                pipeline.finish(.failure(error))
            }
        }
        decoder.name = "ledger-decode"
        decoder.start()
        defer { pipeline.cancelAndWait() }
        while true {
            switch pipeline.take() {
            case .records(let records, let firstLine, let done): try each(records, firstLine, done)
            case .finished(let outcome): return try outcome.get()
            }
        }
    }

    /// `scan` on the calling thread, each window's parts decoded on `parts` threads.
    private static func decode(_ handle: LedgerFileHandle, path: String, line: Int, from start: Int64, to end: Int64,
                               parts: Int, each: ([LedgerRecord], Int, Int64) throws -> Void) throws -> Scan {
        let decoders = Decoders(count: parts)
        var capacity = chunk * parts
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity + LedgerDecoder.padding, alignment: 64)
        defer { buffer.deallocate() }
        var offset = start  // file offset of buffer[0]
        var filled = 0
        var line = line
        var density = 0.0  // records per byte so far, to size each part's array
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
            guard let complete = lineEnd(buffer, count: filled) else { continue }
            let bounds = split(buffer, count: complete, parts: parts)
            let decoded = decode(buffer, bounds: bounds, readable: capacity + LedgerDecoder.padding,
                                 decoders: decoders, path: path, density: density)
            var records = 0
            for part in decoded.indices {
                switch decoded[part] {
                case .success(let chunk):
                    if !chunk.isEmpty { try each(chunk, line + 1, offset - start + Int64(bounds[part].upperBound)) }
                    line += chunk.count
                    records += chunk.count
                case .failure(.malformedLine(let path, let local, let cause)):
                    throw LedgerError.malformedLine(path: path, line: line + local, cause)
                case .failure(let error):
                    throw error
                }
            }
            density = Double(records) / Double(complete)
            memmove(buffer, buffer + complete, filled - complete)
            offset += Int64(complete)
            filled -= complete
        }
        return Scan(line: line, tail: (offset, filled))
    }

    /// Just past the last newline in `base[0..<count]`, or `nil` if there is none.
    private static func lineEnd(_ base: UnsafeMutableRawPointer, count: Int) -> Int? {
        var index = count
        while index > 0 {
            index -= 1
            if base.load(fromByteOffset: index, as: UInt8.self) == UInt8(ascii: "\n") { return index + 1 }
        }
        return nil
    }

    /// Cuts `base[0..<count]` (whole lines) into up to `parts` ranges that end after a newline.
    private static func split(_ base: UnsafeMutableRawPointer, count: Int, parts: Int) -> [Range<Int>] {
        guard parts > 1 else { return count > 0 ? [0..<count] : [] }
        var bounds: [Range<Int>] = []
        var lower = 0
        for part in 1..<parts {
            let guess = max(lower, count * part / parts)
            guard guess < count, let newline = memchr(base + guess, Int32(UInt8(ascii: "\n")), count - guess) else { break }
            let upper = base.distance(to: newline) + 1
            if upper > lower { bounds.append(lower..<upper) }
            lower = upper
        }
        if lower < count { bounds.append(lower..<count) }
        return bounds
    }

    /// Decodes each range of lines with its own decoder, on several threads when there are
    /// several ranges; a failure's line number counts from its range's start.
    private static func decode(_ base: UnsafeMutableRawPointer, bounds: [Range<Int>], readable: Int, decoders: Decoders,
                               path: String, density: Double) -> [Result<[LedgerRecord], LedgerError>] {
        let buffer = SharedBuffer(base: base)
        @Sendable func part(_ index: Int) -> Result<[LedgerRecord], LedgerError> {
            let range = bounds[index]
            var records: [LedgerRecord] = []
            records.reserveCapacity(Int(Double(range.count) * density * 1.1))
            let decoder = decoders.decoders[index]
            var local = 0
            var lineStart = range.lowerBound
            while lineStart < range.upperBound,
                  let newline = memchr(buffer.base + lineStart, Int32(UInt8(ascii: "\n")), range.upperBound - lineStart) {
                let lineEnd = buffer.base.distance(to: newline)
                local += 1
                do {
                    let bytes = UnsafeRawBufferPointer(start: buffer.base + lineStart, count: lineEnd - lineStart)
                    records.append(try decoder.decode(bytes, capacity: readable - lineStart))
                } catch {
                    return .failure(.malformedLine(path: path, line: local, error))
                }
                lineStart = lineEnd + 1
            }
            return .success(records)
        }
        guard bounds.count > 1 else { return bounds.isEmpty ? [] : [part(0)] }
        let outcomes = SharedSlots<Result<[LedgerRecord], LedgerError>>(count: bounds.count)
        defer { outcomes.free() }
        DispatchQueue.concurrentPerform(iterations: bounds.count) { index in
            outcomes.buffer[index] = part(index)
        }
        return (0..<bounds.count).map { index in
            guard let outcome = outcomes.buffer[index] else { preconditionFailure("concurrentPerform skipped part \(index)") }
            return outcome
        }
    }

    /// Decoded parts on their way from the decoding thread to the caller's, in order, at
    /// most `depth` of them waiting.
    ///
    /// `@unchecked Sendable`: every stored property is read and written only under `condition`.
    private final class Pipeline: @unchecked Sendable {
        enum Item {
            case records([LedgerRecord], Int, Int64)
            case finished(Result<Scan, any Error>)
        }

        /// Thrown inside the decoding thread once the caller has stopped taking parts.
        struct Cancelled: Error {}

        private let condition = NSCondition()
        private let depth: Int
        private var items: [Item] = []
        private var cancelled = false
        private var finished = false

        init(depth: Int) { self.depth = depth }

        /// Waits for room; `false` if the caller stopped taking parts.
        func put(_ item: Item) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while items.count >= depth, !cancelled { condition.wait() }
            guard !cancelled else { return false }
            items.append(item)
            condition.broadcast()
            return true
        }

        /// The decoding thread's last word; never waits.
        func finish(_ outcome: Result<Scan, any Error>) {
            condition.lock()
            defer { condition.unlock() }
            items.append(.finished(outcome))
            finished = true
            condition.broadcast()
        }

        /// The next item in order, waiting for it.
        func take() -> Item {
            condition.lock()
            defer { condition.unlock() }
            while items.isEmpty { condition.wait() }
            condition.broadcast()
            return items.removeFirst()
        }

        /// Stops the decoding thread and waits until it is done with the file and its buffer.
        func cancelAndWait() {
            condition.lock()
            defer { condition.unlock() }
            cancelled = true
            condition.broadcast()
            while !finished { condition.wait() }
            items.removeAll()
        }
    }

    /// One decoder per part, kept from window to window.
    ///
    /// `@unchecked Sendable`: part `i` of a window uses only `decoders[i]`, and
    /// `concurrentPerform` returns only after every part has finished, so no decoder is
    /// used by two threads at once.
    private final class Decoders: @unchecked Sendable {
        let decoders: [LedgerDecoder]
        init(count: Int) { decoders = (0..<count).map { _ in LedgerDecoder() } }
    }

    /// The window's bytes, which every part reads (each parses only its own lines in place;
    /// simdjson only reads the padding after a line, which may be the next part's bytes).
    ///
    /// `@unchecked Sendable`: nothing writes to the buffer while the parts run.
    private struct SharedBuffer: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
    }

    /// Result slots the threads of `concurrentPerform` share.
    ///
    /// `@unchecked Sendable`: each iteration touches only its own element, and
    /// `concurrentPerform` returns only after every iteration has finished, so no element is
    /// accessed by two threads at once and the reads afterwards see every write.
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
}
