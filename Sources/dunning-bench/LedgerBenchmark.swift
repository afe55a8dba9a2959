import DunningCore
import DunningStore
import Foundation
import Glibc

/// `dunning-bench ledger`: generates a synthetic ledger, loads it, and compares with
/// Python's `json.loads` per line. Targets: load ≤ 2 s, peak RSS ≤ 500 MB, ≥ 3× Python.
struct LedgerBenchmark {
    let records: Int
    /// How often each side parses the file.
    let runs: Int
    /// Keep the generated ledger here (and reuse it if it exists) instead of a temp dir.
    let file: String?
    /// Compare with Python's `json.loads` (slow: about 7 s a run).
    let python: Bool
    /// Time the planner over the state.
    let plan: Bool

    func run() throws {
        let directory = NSTemporaryDirectory() + "/dunning-bench-\(getpid())"
        let path = file ?? directory + "/ledger.jsonl"
        if file == nil { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        defer { if file == nil { _ = try? FileManager.default.removeItem(atPath: directory) } }

        var clock = ContinuousClock.now
        let bytes: Int
        if let file, FileManager.default.fileExists(atPath: file) {
            bytes = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0
            print("reusing \(file), \(bytes / 1_000_000) MB (simdjson: \(LedgerDecoder.implementation))")
        } else {
            bytes = try SyntheticLedger(count: records).write(to: path)
            print("generated \(records) records, \(bytes / 1_000_000) MB, in \(format(seconds(since: clock))) s "
                + "(simdjson: \(LedgerDecoder.implementation))")
        }

        let state = try loadIntoState(path: path)
        if plan { try EngineBenchmark(state: state).run() }
        print("peak RSS with the state and the plans: \(Self.peakMemoryMB()) MB")
        withExtendedLifetime(state) {}

        // Each side runs `runs` times, alternating would not help: the two are compared by
        // their best and their median run, which tames the noise of a shared machine.
        var loads: [Double] = []
        var cpu: [Double] = []
        var peak = 0
        var loaded: LedgerReadResult?
        for _ in 0..<runs {
            loaded = nil
            Self.trimHeap()
            resetPeakMemory()
            let cpuBefore = cpuSeconds()
            clock = .now
            let result = try LedgerFile(path: path).read(from: .start)
            loads.append(seconds(since: clock))
            cpu.append(cpuSeconds() - cpuBefore)
            peak = max(peak, Self.peakMemoryMB())
            guard file != nil || result.records.count == records else {
                throw BenchError.failed("loaded \(result.records.count) records, expected \(records)")
            }
            loaded = result
        }
        let load = Summary(loads)
        let loadCPU = Summary(cpu)
        print("load \(loaded?.records.count ?? 0) records: best \(format(load.best)) s, median \(format(load.median)) s "
            + "(\(Int(Double(bytes) / 1e6 / load.median)) MB/s; CPU best \(format(loadCPU.best)) s), peak RSS \(peak) MB  [targets: 2 s, 500 MB]")


        guard python else { return }
        let timings = try pythonSeconds(path: path)
        let python = Summary(timings.map(\.wall))
        let pythonCPU = Summary(timings.map(\.cpu))
        print("python json.loads per line: best \(format(python.best)) s, median \(format(python.median)) s (CPU best \(format(pythonCPU.best)) s)")
        print("dunning is \(format(python.best / load.best))x faster (best wall), \(format(python.median / load.median))x (median wall), "
            + "\(format(pythonCPU.best / loadCPU.best))x less CPU  [target: 3x]")
        withExtendedLifetime(loaded) {}
    }

    /// Times reading the ledger and folding each chunk of records into a `LedgerState` as it
    /// is decoded (as the CLI and the daemon start): wall time and VmHWM together, the state
    /// alone (VmRSS once the read is done), and the state's figures for a sanity check.
    private func loadIntoState(path: String) throws -> LedgerState {
        var times: [Double] = []
        var folds: [Double] = []
        var processCPU: [Double] = []
        var peak = 0
        var held = 0
        var summary = ""
        var last = LedgerState()
        for _ in 0..<runs {
            last = LedgerState()
            Self.trimHeap()
            let baseline = Self.memoryMB("VmRSS:")
            resetPeakMemory()
            let clock = ContinuousClock.now
            let cpuBefore = (process: cpuSeconds(), thread: CPUTime.thread())
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let loader = LedgerLoader(LedgerState(reservingCapacity: size / 170))
            let read: (position: LedgerPosition, reloaded: Bool, warnings: [LedgerWarning])
            let state: LedgerState
            do {
                read = try LedgerFile(path: path).read(from: .start) { records, firstLine in try loader.add(records, firstLine: firstLine) }
                state = try loader.finish()
            } catch let error as LedgerStateError {
                throw BenchError.failed("line \(error.position): \(error.description)")
            }
            times.append(seconds(since: clock))
            folds.append(CPUTime.thread() - cpuBefore.thread)
            processCPU.append(cpuSeconds() - cpuBefore.process)
            peak = max(peak, Self.peakMemoryMB())
            held = max(held, Self.memoryMB("VmRSS:") - baseline)
            summary = "\(read.position.line) lines, \(state.customers.count) customers, \(state.invoices.count) invoices, "
                + "\(state.messages.count) messages"
            last = state
        }
        Self.trimHeap()
        let load = Summary(times)
        print("load into state (\(summary)): best \(format(load.best)) s, median \(format(load.median)) s "
            + "(CPU best \(format(Summary(processCPU).best)) s, of which folding \(format(Summary(folds).best)) s), "
            + "peak RSS \(peak) MB, state alone \(held) MB  [targets: 2 s, 500 MB]")
        return last
    }

    /// The best and the median of some timings.
    struct Summary {
        let best: Double
        let median: Double
        init(_ values: [Double]) {
            let sorted = values.sorted()
            best = sorted.first ?? .nan
            median = sorted.isEmpty ? .nan : sorted[sorted.count / 2]
        }
    }

    /// Python's time to `json.loads` every line, measured inside Python (start-up excluded).
    private func pythonSeconds(path: String) throws -> [(wall: Double, cpu: Double)] {
        let script = """
            import json, sys, time
            loads = json.loads
            for _ in range(int(sys.argv[2])):
                start, cpu = time.perf_counter(), time.process_time()
                with open(sys.argv[1], 'rb') as f:
                    for line in f:
                        loads(line)
                print(time.perf_counter() - start, time.process_time() - cpu)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path, String(runs)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let values = text.split(separator: "\n").compactMap { line -> (wall: Double, cpu: Double)? in
            let fields = line.split(separator: " ").compactMap { Double($0) }
            return fields.count == 2 ? (fields[0], fields[1]) : nil
        }
        guard process.terminationStatus == 0, values.count == runs else {
            throw BenchError.failed("python3 failed (status \(process.terminationStatus)): \(text)")
        }
        return values
    }

    /// User plus system CPU time of this process so far (all threads).
    private func cpuSeconds() -> Double {
        let time = CPUTime.process()
        return time.user + time.system
    }

    /// Resets VmHWM to the current RSS (Linux: `echo 5 > /proc/self/clear_refs`), so the
    /// peak excludes generating the file.
    private func resetPeakMemory() {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return }
        fputs("5", file)
        fclose(file)
    }

    /// Gives freed heap memory back to the system (glibc's `malloc_trim`, which the `Glibc`
    /// module does not import), so that the next peak is measured from what is in use.
    static func trimHeap() {
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }

    /// VmHWM from /proc/self/status, in MB.
    static func peakMemoryMB() -> Int { memoryMB("VmHWM:") }

    /// A `Vm...:` figure from /proc/self/status (`VmHWM:`, `VmRSS:`), in MB; -1 if missing.
    static func memoryMB(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? -1
            return kilobytes / 1024
        }
        return -1
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
