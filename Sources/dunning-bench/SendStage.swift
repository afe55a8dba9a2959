import Daemon
import DunningCore
import DunningStore
import Foundation
import Logging
import Mail

/// The sender alone, in this process: `SendCycle` (plan, the `sending` records fsync'd
/// batch by batch, delivery over one libcurl connection, the outcomes journaled and
/// logged) on the benchmark's ledger, with every message already built. What `run --once`
/// adds to it is starting, loading, verifying and rendering (`dunning-bench build`).
struct SendStage {
    let folder: String
    let messages: Int

    /// Wall time of one cycle delivering every due reminder as `sample` into `config`'s SMTP server.
    func time(configPath: String, sample: [UInt8]) throws -> Double {
        let config = try ConfigLoader.load(path: configPath)
        let ledger = try BenchLedger(path: config.ledger)
        // Logged as `run --once` logs: a line per message, written as it comes.
        _ = FileManager.default.createFile(atPath: folder + "/send-stage.log", contents: nil)
        guard let log = FileHandle(forWritingAtPath: folder + "/send-stage.log") else { throw BenchError.failed("cannot write the log") }
        defer { try? log.close() }
        let logger = Logger(label: "dunning-bench") { _ in LogfmtLogHandler(journal: false) { log.write(Data($0.utf8)) } }
        let builder = PrebuiltMessages(
            bytes: sample, ids: TemplateMessageBuilder(config: config, library: try TemplateLibrary(folder: nil, fallbackLanguage: "nl"),
                                                       baseFolder: folder))
        let asOf = Planner.asOfInstant(for: CalendarDate(year: 2026, month: 11, day: 23)!, config: config)
        let cycle = SendCycle(config: config, logger: logger, builder: builder, asOf: asOf)
        let start = ContinuousClock.now
        let cpu = CPUTime.process()
        let summary = try cycle.run(ledger: ledger) { try TransportFactory.make(config.delivery, credentialsDirectory: nil) }
        let elapsed = SMTPBenchmark.seconds(since: start)
        if ProcessInfo.processInfo.environment["BENCH_VERBOSE"] != nil {
            let used = CPUTime.process()
            print(String(format: "    the sender alone: %.3f s, CPU %.3f s user + %.3f s system", elapsed, used.user - cpu.user, used.system - cpu.system))
        }
        guard summary.sent == messages else {
            throw BenchError.failed("send stage: \(summary.sent) of \(messages) sent (\(summary.deferred) deferred, \(summary.failed) failed)")
        }
        return elapsed
    }
}

/// The ledger file as the cycle sees it: the folded state, and appends that are checked,
/// written and fsync'd by `LedgerFile` (what the CLI's workspace does, without looking for
/// records others appended meanwhile: nobody does here).
final class BenchLedger: CycleLedger {
    private(set) var state = LedgerState()
    private let file: LedgerFile
    private var lines = 0

    init(path: String) throws {
        file = LedgerFile(path: path)
        let records = try file.read(from: .start).records
        try state.apply(records, firstLine: 1)
        lines = records.count
    }

    func append(_ bodies: [LedgerRecord.Body]) throws -> [LedgerRecord] {
        let records = RecordID.records(for: bodies, at: Date()) { state.contains(recordID: $0) }
        try append(records: records)
        return records
    }

    func append(records: [LedgerRecord]) throws {
        try file.append(records)
        try state.apply(records, firstLine: lines + 1)
        lines += records.count
    }
}

/// Every message is `bytes`, under the Message-ID the real builder gives it.
struct PrebuiltMessages: MessageBuilding {
    let bytes: [UInt8]
    let ids: TemplateMessageBuilder

    func message(for item: PlanItem, customer: CustomerRecord, messageID: String, inReplyTo: String?,
                 date: Date, asOf: CalendarDate) throws(MessageBuildError) -> [UInt8] { bytes }

    func messageID(for item: PlanItem) -> String { ids.messageID(for: item) }

    func confirmation(_ confirmation: DueConfirmation, messageID: String, date: Date,
                      asOf: CalendarDate) throws(MessageBuildError) -> [UInt8] { bytes }

    func confirmationMessageID(customer: String, agreement recordID: String) -> String {
        ids.confirmationMessageID(customer: customer, agreement: recordID)
    }

    func envelopeSender(messageID: String) -> String { ids.envelopeSender(messageID: messageID) }
}
