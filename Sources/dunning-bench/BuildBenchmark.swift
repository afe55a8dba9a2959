import Daemon
import DunningCore
import DunningStore
import Foundation
import Glibc
import Mail

/// `dunning-bench build [--messages 2000] [--runs 3]`: the CPU one message costs to build,
/// on one thread, in its parts: the template data (amounts and dates formatted by
/// Foundation), rendering the three parts (swift-mustache), and the whole message
/// (data, rendering and MIME through GMime). No I/O: what `run --once` spends per message
/// besides journaling and delivery.
struct BuildBenchmark {
    let messages: Int
    let runs: Int

    func run() throws {
        let config = try ConfigLoader.load(yaml: SMTPBenchWorkdir.config(delivery: "transport: outbox\n  outbox: outbox"),
                                           path: "bench.yaml")
        var state = LedgerState()
        var position = 1
        for index in 0..<messages {
            let id = String(format: "C-%05d", index)
            let bodies: [LedgerRecord.Body] = [
                .customer(CustomerRecord(customer: id, name: "Klant \(index) B.V.", email: "debiteuren\(index)@klant\(index).example",
                                         phone: "+31205550000", kind: .business, country: "NL", language: "nl")),
                .invoice(InvoiceRecord(invoice: String(format: "INV-%05d", index), customer: id,
                                       issued: CalendarDate(year: 2026, month: 9, day: 1)!, due: CalendarDate(year: 2026, month: 10, day: 1)!,
                                       amount: Decimal(100 + index % 5_000) + Decimal(string: "0.50")!, currency: .euro)),
            ]
            for body in bodies {
                try state.apply(LedgerRecord(id: "r\(position)", at: Date(), body: body), position: position)
                position += 1
            }
        }
        let asOf = Planner.asOfInstant(for: CalendarDate(year: 2026, month: 11, day: 23)!, config: config)
        let plan = Planner.plan(config: config, state: state, asOf: asOf)
        let items = plan.items.filter { $0.status == .due && $0.channel == .email }
        guard items.count == messages else { throw BenchError.failed("\(items.count) of \(messages) items due") }
        let library = try TemplateLibrary(folder: nil, fallbackLanguage: config.company.language)
        let builder = TemplateMessageBuilder(config: config, library: library, baseFolder: "/tmp")
        let day = plan.asOf
        let customers = items.map { state.customer($0.customer)! }

        print("\(messages) reminders (nl), one thread, best of \(runs):")
        let data = best {
            for (item, customer) in zip(items, customers) {
                _ = TemplateData.reminder(item: item, customer: customer, config: config, asOf: day)
            }
        }
        report("template data", data)
        let phase = ProcessInfo.processInfo.environment["BENCH_PHASE"]
        let prepared = zip(items, customers).map { TemplateData.reminder(item: $0, customer: $1, config: config, asOf: day) }
        let render = phase != nil && phase != "render" ? 0 : best {
            for data in prepared { _ = try? library.render(kind: "reminder", language: "nl", data: data) }
        }
        report("render (3 parts)", render)
        if phase == nil || phase == "parallel" {
            // Both processors at once, each on half the messages: wall time per message.
            var walls: [Double] = []
            for _ in 0..<runs {
                let start = ContinuousClock.now
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    for data in prepared[(half * prepared.count / 2)..<((half + 1) * prepared.count / 2)] {
                        _ = try? library.render(kind: "reminder", language: "nl", data: data)
                    }
                }
                walls.append(SMTPBenchmark.seconds(since: start))
            }
            report("render, 2 threads (wall)", walls.min() ?? .nan)
        }
        let both = phase != nil ? 0 : best {
            for (item, customer) in zip(items, customers) {
                _ = try? library.render(kind: "reminder", language: "nl",
                                        data: .reminder(item: item, customer: customer, config: config, asOf: day))
            }
        }
        report("data + render", both)
        let rendered = prepared.compactMap { try? library.render(kind: "reminder", language: "nl", data: $0) }
        let compose = phase != nil && phase != "mime" ? 0 : best {
            for (index, message) in rendered.enumerated() {
                _ = try? MessageComposer.compose(OutgoingMessage(
                    messageID: builder.messageID(for: items[index]), date: Date(), timeZone: config.company.timeZone,
                    from: MailAddress(name: config.company.name, address: config.company.from),
                    to: [MailAddress(name: customers[index].name, address: customers[index].email)],
                    subject: message.subject, text: message.text, html: message.html, invoices: [items[index].invoices[0].id]))
            }
        }
        report("MIME (GMime)", compose)
        let message = phase != nil ? 0 : best {
            for (item, customer) in zip(items, customers) {
                _ = try? builder.message(for: item, customer: customer, messageID: builder.messageID(for: item),
                                         inReplyTo: nil, date: Date(), asOf: day)
            }
        }
        report("whole message", message)
    }

    private func report(_ name: String, _ seconds: Double) {
        print(String(format: "  %-18@ %6.1f µs/message", name, seconds / Double(messages) * 1e6))
    }

    /// The smallest thread CPU time of `runs` passes.
    private func best(_ work: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = CPUTime.thread()
            work()
            times.append(CPUTime.thread() - start)
        }
        if ProcessInfo.processInfo.environment["BENCH_VERBOSE"] != nil {
            print("    runs: " + times.map { String(format: "%.1f", $0 / Double(messages) * 1e6) }.joined(separator: " "))
        }
        return times.min() ?? .nan
    }
}
