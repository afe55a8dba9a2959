import DunningCore
import DunningStore
import Foundation
import Glibc

/// A deterministic ledger of realistic shape: mostly customers, invoices, payments,
/// disputes and promises, a few of every other type, one in ten thousand of a type from
/// the future. The same `count` always gives the same bytes.
struct SyntheticLedger {
    let count: Int

    /// SplitMix64: a seeded generator, so ids and amounts repeat from run to run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Writes the ledger to `path`; returns its size in bytes.
    func write(to path: String) throws -> Int {
        guard let file = fopen(path, "w") else { throw BenchError.failed("cannot create \(path)") }
        defer { fclose(file) }
        var random = SplitMix(state: 42)
        var customers = 0
        var invoices = 0
        var bytes = 0
        // resolve and void refer to real records, so the ledger also folds into a state.
        var lastDispute = ""
        var lastPayment = ""
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let base = CalendarDate(year: 2024, month: 1, day: 1)!
        for index in 0..<count {
            let slot = index % 100
            let day = base.adding(days: index / 2_000)
            let customer = "C-\(customers == 0 ? 0 : Int(random.next() % UInt64(customers)))"
            let invoice = "INV-\(invoices == 0 ? 0 : Int(random.next() % UInt64(invoices)))"
            let cents = Decimal(sign: .plus, exponent: -2, significand: Decimal(random.next() % 500_000 + 1))
            let body: LedgerRecord.Body
            switch slot {
            case _ where customers == 0, 0..<5:
                body = .customer(CustomerRecord(
                    customer: "C-\(customers)", name: "Klant \(customers) B.V.", email: "debiteuren\(customers)@klant\(customers % 997).nl",
                    phone: "+3120555\(customers % 10_000)", kind: customers % 3 == 0 ? .consumer : .business,
                    country: ["NL", "BE", "RO"][customers % 3], language: ["nl", "nl", "ro"][customers % 3]))
                customers += 1
            case _ where invoices == 0, 5..<45:
                body = .invoice(InvoiceRecord(
                    invoice: "INV-\(invoices)", customer: customer, issued: day, due: day.adding(days: 30), amount: cents,
                    currency: .euro, order: invoices % 4 == 0 ? "PO-\(invoices)" : nil))
                invoices += 1
            case 45..<75:
                body = .payment(PaymentRecord(invoice: invoice, date: day, amount: cents, currency: .euro, reference: "BANK-\(index)"))
            case 75..<80:
                body = .dispute(DisputeRecord(invoice: invoice, reason: "Goederen beschadigd geleverd"))
            case 80..<90:
                body = .promise(PromiseRecord(subject: index % 2 == 0 ? .invoice(invoice) : .customer(customer), until: day.adding(days: 14),
                                              amount: index % 3 == 0 ? cents : nil))
            case 90..<94:
                body = .reminder(ReminderRecord(customer: customer, step: "herinnering", invoices: [invoice], to: "debiteuren@klant.nl",
                                                messageID: "<\(index)@dunning.voorbeeld.nl>", state: index % 8 == 0 ? .sending : .sent,
                                                reply: "250 2.0.0 Ok: queued"))
            case 94, 95:
                body = .contactCheck(ContactCheckRecord(customer: customer, channel: .email, address: "debiteuren@klant.nl",
                                                        result: .valid, reason: "mx found", mx: ["mx1.klant.nl", "mx2.klant.nl"]))
            case 96:
                body = .credit(PaymentRecord(invoice: invoice, date: day, amount: cents, currency: .euro))
            case 97:
                body = .note(NoteRecord(subject: .customer(customer), text: "Gebeld,\nbelooft te betalen"))
            default:
                body = rare(index: index, customer: customer, invoice: invoice, day: day, amount: cents,
                            dispute: lastDispute, payment: lastPayment)
            }
            let record = LedgerRecord(id: RecordID.generate(type: typeName(body), using: &random),
                                      at: start.addingTimeInterval(Double(index * 60)), body: body)
            if case .dispute = body { lastDispute = record.id }
            if case .payment = body { lastPayment = record.id }
            var line = LedgerCodec.encode(record)
            line.append("\n")
            bytes += line.utf8.count
            guard fputs(line, file) >= 0 else { throw BenchError.failed("cannot write \(path)") }
        }
        return bytes
    }

    private func typeName(_ body: LedgerRecord.Body) -> String {
        LedgerRecord(id: "", at: Date(), body: body).type
    }

    /// Slots 98 and 99: every other type in turn, and now and then one from the future.
    private func rare(index: Int, customer: String, invoice: String, day: CalendarDate, amount: Decimal,
                      dispute: String, payment: String) -> LedgerRecord.Body {
        switch (index / 100) % 10 {
        case 0: .hold(HoldRecord(subject: .customer(customer), until: day.adding(days: 30), reason: "Faillissement aangevraagd"))
        case 1: .arrangement(ArrangementRecord(invoices: [invoice], instalments: [Instalment(due: day, amount: amount),
                                                                                  Instalment(due: day.adding(months: 1), amount: amount)]))
        case 2: .resolve(ResolveRecord(ref: dispute, outcome: nil, note: "Opgelost"))
        case 3: .void(VoidRecord(ref: payment, reason: "Dubbel geboekt"))
        case 4: .bounce(BounceRecord(address: "oud@klant.nl", kind: .hard, status: "5.1.1", diagnostic: "user unknown", customer: customer))
        case 5: .task(TaskRecord(customer: customer, invoices: [invoice], kind: .call, text: "Bellen", step: "bellen"))
        case 6: .handover(HandoverRecord(customer: customer, invoices: [invoice], file: "/var/lib/dunning/handover/\(index).zip"))
        case 7: .digest(DigestRecord(date: day, to: "boekhouding@voorbeeld.nl", messageID: "<digest-\(index)@dunning>"))
        case 8 where index % 10_000 == 98: .unknown(type: "from-the-future")
        default: .dispute(DisputeRecord(invoice: invoice, reason: "Niet besteld"))
        }
    }
}
