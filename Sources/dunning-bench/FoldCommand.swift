import DunningCore
import DunningStore
import Foundation

/// `dunning-bench fold --ledger PATH [--runs N]` (hidden): the fold alone, for comparing
/// builds on a busy machine. Folds the loaded records into a fresh state `runs` times, then
/// loads into a state `runs` times streaming (as the CLI does); prints the best thread CPU
/// time of each (less disturbed by other processes than wall time) and the best wall time.
struct FoldCommand {
    let ledger: String
    let runs: Int

    func run() throws {
        let records = try LedgerFile(path: ledger).read(from: .start).records
        var fromArray: [Double] = []
        for _ in 0..<runs {
            var state = LedgerState(reservingCapacity: records.count)
            let cpu = CPUTime.thread()
            try state.apply(records, firstLine: 1)
            fromArray.append(CPUTime.thread() - cpu)
            withExtendedLifetime(state) {}
        }
        var streamed: [Double] = []
        var walls: [Double] = []
        for _ in 0..<runs {
            LedgerBenchmark.trimHeap()
            let size = (try FileManager.default.attributesOfItem(atPath: ledger)[.size] as? Int) ?? 0
            let clock = ContinuousClock.now
            let cpu = CPUTime.thread()
            let loader = LedgerLoader(LedgerState(reservingCapacity: size / 170))
            _ = try LedgerFile(path: ledger).read(from: .start) { records, firstLine in try loader.add(records, firstLine: firstLine) }
            let state = try loader.finish()
            streamed.append(CPUTime.thread() - cpu)
            let elapsed = ContinuousClock.now - clock
            walls.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            withExtendedLifetime(state) {}
        }
        let perRecord = 1e6 / Double(max(1, records.count))
        print(String(format: "fold from array: best CPU %.3f s (%.2f µs a record); streamed: best fold CPU %.3f s (%.2f µs), best wall %.3f s",
                     fromArray.min() ?? .nan, (fromArray.min() ?? .nan) * perRecord,
                     streamed.min() ?? .nan, (streamed.min() ?? .nan) * perRecord, walls.min() ?? .nan))
    }
}
