import DunningStore
import Foundation

// dunning-bench: benchmarks, never run by `swift test`.
//
//   dunning-bench [ledger] [--records N] [--runs 3] [--file PATH] [--skip-python] [--skip-plan]
//                                          load a synthetic ledger (into a state, as records),
//                                          plan over it, compare with Python
//   dunning-bench smtp [--messages 2000] [--runs 3] [--only run|sender|reference]
//                    [--server smtp-sink|aiosmtpd]
//                                          `dunning run --once` into Postfix smtp-sink and
//                                          aiosmtpd, against smtp-source and smtplib (needs
//                                          `swift build -c release`: runs ../dunning)
//   dunning-bench build [--messages 2000] [--runs 3]
//                                          CPU per message on one thread: template data,
//                                          rendering, the whole MIME message
//   dunning-bench verify [--customers 10000] [--domains 500]
//                                          the contact verifier against dnsmasq: addresses/s,
//                                          each domain asked once
//   dunning-bench append --ledger PATH --count N --tag T [--batch B]
//                                          (hidden) append N notes; the tests run several
//                                          at once to prove appends never interleave
//   dunning-bench read --ledger PATH       (hidden) load the ledger; print the record
//                                          count, then each warning, one per line
//   dunning-bench send --folder DIR --config PATH --sample FILE [--messages 2000]
//                                          (hidden) the sender alone, once, on a workdir made
//                                          before (for a profiler): its ledger must be fresh
//   dunning-bench fold --ledger PATH [--runs 5]
//                                          (hidden) the fold alone: best thread CPU time
var arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first.map { $0.hasPrefix("-") ? "ledger" : $0 } ?? "ledger"
if arguments.first == command { arguments.removeFirst() }
do {
    let options = try BenchOptions(arguments)
    switch command {
    case "ledger":
        try LedgerBenchmark(records: try options.integer("--records", default: 1_000_000), runs: max(1, try options.integer("--runs", default: 3)),
                            file: options.optionalString("--file"), python: !options.flag("--skip-python"),
                            plan: !options.flag("--skip-plan")).run()
    case "smtp":
        try SMTPBenchmark(messages: max(1, try options.integer("--messages", default: 2_000)),
                          runs: max(1, try options.integer("--runs", default: 3)), only: options.optionalString("--only"), server: options.optionalString("--server")).run()
    case "build":
        try BuildBenchmark(messages: max(1, try options.integer("--messages", default: 2_000)),
                           runs: max(1, try options.integer("--runs", default: 3))).run()
    case "verify":
        try VerifyBenchmark(customers: max(1, try options.integer("--customers", default: 10_000)),
                            domains: max(1, try options.integer("--domains", default: 500))).run()
    case "append":
        try AppendCommand(ledger: try options.string("--ledger"), count: try options.integer("--count", default: 100),
                          tag: try options.string("--tag"), batch: try options.integer("--batch", default: 1)).run()
    case "fold":
        try FoldCommand(ledger: try options.string("--ledger"), runs: max(1, try options.integer("--runs", default: 5))).run()
    case "send":
        let folder = try options.string("--folder")
        let sample = try Data(contentsOf: URL(fileURLWithPath: try options.string("--sample")))
        let seconds = try SendStage(folder: folder, messages: try options.integer("--messages", default: 2_000))
            .time(configPath: try options.string("--config"), sample: Array(sample))
        print(String(format: "the sender alone: %.3f s", seconds))
    case "read":
        let result = try LedgerFile(path: try options.string("--ledger")).read(from: .start)
        print(result.records.count)
        for warning in result.warnings { print(warning) }
    default: throw BenchError.usage("unknown command '\(command)'")
    }
} catch {
    FileHandle.standardError.write(Data("dunning-bench: error: \(error)\n".utf8))
    exit(1)
}
