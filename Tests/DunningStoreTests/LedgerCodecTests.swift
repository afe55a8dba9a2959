import DunningCore
import DunningStore
import Foundation
import Testing

/// One record of every type, with optional fields both set and left out.
let everyRecordType: [LedgerRecord] = {
    let at = Date(timeIntervalSince1970: 1_795_424_400)  // 2026-11-23T09:00:00Z
    let day = CalendarDate(year: 2026, month: 11, day: 20)!
    let yen = Currency(code: "JPY")!
    let bodies: [LedgerRecord.Body] = [
        .customer(CustomerRecord(customer: "C-1", name: "Ștefan Müller SRL", email: "plata@exemplu.ro", phone: "+40 21 000 0000",
                                 kind: .business, country: "RO", language: "ro", extra: ["iban": "RO49AAAA1B31007593840000", "note": "x\"y"])),
        .customer(CustomerRecord(customer: "C-2", name: "Jan", email: "", phone: "", kind: .consumer, country: "NL", language: "nl")),
        .invoice(InvoiceRecord(invoice: "INV-1", customer: "C-1", issued: day, due: day.adding(days: 30), amount: Decimal(string: "1250.5")!,
                               currency: .euro, order: "PO-9", pdf: "/srv/inv-1.pdf", extra: ["project": "Bouw"])),
        .invoice(InvoiceRecord(invoice: "INV-2", customer: "C-2", issued: day, due: day, amount: 0, currency: yen)),
        .payment(PaymentRecord(invoice: "INV-1", date: day, amount: Decimal(string: "100.25")!, currency: .euro, reference: "BANK-1")),
        .payment(PaymentRecord(invoice: "INV-2", date: day, amount: 5000, currency: yen)),
        .credit(PaymentRecord(invoice: "INV-1", date: day, amount: 10, currency: .euro, reference: "CN-1")),
        .payment(PaymentRecord(invoice: "INV-1", date: day, amount: 2000, currency: .euro, overpayment: true)),
        .dispute(DisputeRecord(invoice: "INV-1", reason: "Not ordered")),
        .promise(PromiseRecord(subject: .customer("C-1"), until: day, amount: Decimal(string: "50.5")!)),
        .promise(PromiseRecord(subject: .invoice("INV-1"), until: day)),
        .promise(PromiseRecord(subject: .invoice("INV-1"), until: day, confirm: false)),
        .arrangement(ArrangementRecord(invoices: ["INV-1", "INV-3"], instalments: [
            Instalment(due: day, amount: Decimal(string: "625.25")!), Instalment(due: day.adding(months: 1), amount: Decimal(string: "625.25")!),
        ])),
        .arrangement(ArrangementRecord(invoices: ["INV-1"], instalments: [Instalment(due: day, amount: 10)], confirm: false)),
        .hold(HoldRecord(subject: .invoice("INV-1"), until: day, reason: "Bankruptcy")),
        .hold(HoldRecord(subject: .customer("C-1"), reason: "Lawyer")),
        .resolve(ResolveRecord(ref: "<abc@dunning>", outcome: .notSent, note: "Checked the relay log")),
        .resolve(ResolveRecord(ref: "dsp-0123456789")),
        .note(NoteRecord(subject: .customer("C-1"), text: "Called.\r\nWill pay\tFriday; \"promised\" \\ ok ✓")),
        .void(VoidRecord(ref: "pay-0123456789", reason: "Booked twice")),
        .contactCheck(ContactCheckRecord(customer: "C-1", channel: .email, address: "plata@exemplu.ro", result: .valid,
                                         reason: "mx found", mx: ["mx1.exemplu.ro", "mx2.exemplu.ro"])),
        .contactCheck(ContactCheckRecord(customer: "C-2", channel: .phone, address: "", result: .unverified, reason: "no number")),
        .reminder(ReminderRecord(customer: "C-1", step: "herinnering", invoices: ["INV-1", "INV-3"], to: "plata@exemplu.ro",
                                 messageID: "<1@dunning>", state: .sent, reply: "250 2.0.0 Ok: queued as 4Q")),
        .reminder(ReminderRecord(customer: "C-1", step: "aanmaning", invoices: ["INV-1"], to: "plata@exemplu.ro",
                                 messageID: "<2@dunning>", state: .sending)),
        .bounce(BounceRecord(address: "old@exemplu.ro", kind: .hard, status: "5.1.1", diagnostic: "user unknown",
                             customer: "C-1", messageID: "<1@dunning>")),
        .bounce(BounceRecord(address: "x@y.z", kind: .soft, status: "4.2.2", diagnostic: "mailbox full")),
        .task(TaskRecord(customer: "C-1", invoices: ["INV-1"], kind: .call, text: "Call +40 21 000 0000", step: "bellen")),
        .task(TaskRecord(customer: "C-2", invoices: [], kind: .newAddress, text: "Find an address")),
        .handover(HandoverRecord(customer: "C-1", invoices: ["INV-1"], file: "/var/lib/dunning/handover/INV-1.zip", step: "incasso")),
        .digest(DigestRecord(date: day, to: "boekhouding@voorbeeld.nl", messageID: "<digest-1@dunning>")),
    ]
    return bodies.enumerated().map { index, body in
        LedgerRecord(id: "rec-\(index)", at: at.addingTimeInterval(Double(index)), body: body)
    }
}()

@Suite struct LedgerCodecTests {
    @Test("every record type survives encode and decode unchanged", arguments: everyRecordType)
    func roundTrip(record: LedgerRecord) throws {
        let line = LedgerCodec.encode(record)
        #expect(!line.contains("\n"))
        #expect(try LedgerCodec.decode(line) == record)
        #expect(LedgerCodec.encode(try LedgerCodec.decode(line)) == line)
        // Foundation agrees it is one JSON object carrying type, id and at.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["type"] as? String == record.type)
        #expect(object["id"] as? String == record.id)
    }

    @Test("a record written under --as-of carries as_of after at, and reads back with it; a bad as_of names the field")
    func asOf() throws {
        let record = LedgerRecord(id: "pay-7k3m9q2x4d", at: Date(timeIntervalSince1970: 1_795_424_400),
                                  asOf: CalendarDate(year: 2026, month: 12, day: 7)!, body: .payment(
            PaymentRecord(invoice: "INV-1", date: CalendarDate(year: 2026, month: 11, day: 20)!, amount: 10, currency: .euro)))
        let line = LedgerCodec.encode(record)
        #expect(line.hasPrefix(#"{"type":"payment","id":"pay-7k3m9q2x4d","at":"2026-11-23T09:00:00Z","as_of":"2026-12-07","invoice""#), "\(line)")
        #expect(try LedgerCodec.decode(line) == record)
        #expect(throws: LedgerCodecError.self) {
            try LedgerCodec.decode(line.replacingOccurrences(of: "2026-12-07", with: "2026-02-30"))
        }
    }

    @Test("lines are written with the fixed key order and money to the currency's minor units")
    func exactLine() {
        let record = LedgerRecord(id: "pay-7k3m9q2x4d", at: Date(timeIntervalSince1970: 1_795_424_400), body: .payment(
            PaymentRecord(invoice: "INV-1", date: CalendarDate(year: 2026, month: 11, day: 20)!, amount: Decimal(string: "149.5")!, currency: .euro)))
        #expect(LedgerCodec.encode(record)
            == #"{"type":"payment","id":"pay-7k3m9q2x4d","at":"2026-11-23T09:00:00Z","invoice":"INV-1","date":"2026-11-20","amount":"149.50","currency":"EUR"}"#)
        let arrangement = LedgerRecord(id: "arr-1", at: Date(timeIntervalSince1970: 1_795_424_400), body: .arrangement(ArrangementRecord(
            invoices: ["INV-1"], instalments: [Instalment(due: CalendarDate(year: 2026, month: 12, day: 1)!, amount: 100)])))
        #expect(LedgerCodec.encode(arrangement)
            == #"{"type":"arrangement","id":"arr-1","at":"2026-11-23T09:00:00Z","invoices":["INV-1"],"instalments":[{"due":"2026-12-01","amount":"100.00"}]}"#)
    }

    @Test("`confirm` (ours) is written only as false on promises and arrangements; absent or null reads as true")
    func confirmField() throws {
        let at = Date(timeIntervalSince1970: 1_795_424_400)
        let day = CalendarDate(year: 2026, month: 12, day: 1)!
        let optedOut = LedgerRecord(id: "prm-1", at: at, body: .promise(PromiseRecord(subject: .customer("C-1"), until: day, confirm: false)))
        #expect(LedgerCodec.encode(optedOut)
            == #"{"type":"promise","id":"prm-1","at":"2026-11-23T09:00:00Z","customer":"C-1","until":"2026-12-01","confirm":false}"#)
        let confirmed = LedgerRecord(id: "prm-2", at: at, body: .promise(PromiseRecord(subject: .customer("C-1"), until: day)))
        #expect(!LedgerCodec.encode(confirmed).contains("confirm"))
        let arrangement = LedgerRecord(id: "arr-1", at: at, body: .arrangement(ArrangementRecord(
            invoices: ["INV-1"], instalments: [Instalment(due: day, amount: 100)], confirm: false)))
        #expect(LedgerCodec.encode(arrangement).hasSuffix(#""instalments":[{"due":"2026-12-01","amount":"100.00"}],"confirm":false}"#))
        for line in [#"{"type":"promise","id":"p","at":"2026-11-23T09:00:00Z","invoice":"I","until":"2026-12-01","confirm":true}"#,
                     #"{"type":"promise","id":"p","at":"2026-11-23T09:00:00Z","invoice":"I","until":"2026-12-01","confirm":null}"#] {
            guard case .promise(let promise) = try LedgerCodec.decode(line).body else { Issue.record("not a promise: \(line)"); continue }
            #expect(promise.confirm)
        }
    }

    @Test("`overpayment` (ours) is written only as true on payments and credits; absent or null reads as false")
    func overpaymentField() throws {
        let at = Date(timeIntervalSince1970: 1_795_424_400)
        let day = CalendarDate(year: 2026, month: 11, day: 20)!
        let over = LedgerRecord(id: "pay-1", at: at, body: .payment(PaymentRecord(invoice: "F-1", date: day, amount: 7800, currency: .euro,
                                                                               reference: "OP 12", overpayment: true)))
        #expect(LedgerCodec.encode(over)
            == #"{"type":"payment","id":"pay-1","at":"2026-11-23T09:00:00Z","invoice":"F-1","date":"2026-11-20","amount":"7800.00","currency":"EUR","reference":"OP 12","overpayment":true}"#)
        let credit = LedgerRecord(id: "crd-1", at: at, body: .credit(PaymentRecord(invoice: "F-1", date: day, amount: 1, currency: .euro,
                                                                                overpayment: true)))
        #expect(try LedgerCodec.decode(LedgerCodec.encode(credit)) == credit)
        let plain = LedgerRecord(id: "pay-2", at: at, body: .payment(PaymentRecord(invoice: "F-1", date: day, amount: 1, currency: .euro)))
        #expect(!LedgerCodec.encode(plain).contains("overpayment"))
        let line = #"{"type":"payment","id":"p","at":"2026-11-23T09:00:00Z","invoice":"F-1","date":"2026-11-20","amount":"1.00","currency":"EUR","overpayment":null}"#
        guard case .payment(let payment) = try LedgerCodec.decode(line).body else { Issue.record("not a payment: \(line)"); return }
        #expect(!payment.overpayment)
    }

    @Test("re-encoding a hand-written line is stable; unknown fields are ignored; offsets and fractions are read")
    func stable() throws {
        let line = #"{"at":"2026-11-23T10:00:00.5+01:00","type":"dispute","future":{"x":[1,2.5,null,true]},"reason":"r","invoice":"I","id":"d1"}"#
        let record = try LedgerCodec.decode(line)
        #expect(record.at == Date(timeIntervalSince1970: 1_795_424_400.5))
        let once = LedgerCodec.encode(record)
        #expect(once == #"{"type":"dispute","id":"d1","at":"2026-11-23T09:00:00Z","invoice":"I","reason":"r"}"#)
        #expect(LedgerCodec.encode(try LedgerCodec.decode(once)) == once)
    }

    @Test("unknown members that share a lookup slot with known ones neither hide nor stand in for them")
    func sharedSlots() throws {
        // "xcb" and "xjg" hash to the slots of "invoice" and "reason" (ledgerjson_slot).
        let record = try LedgerCodec.decode(#"{"xcb":1,"type":"dispute","id":"d","at":"2026-11-23T09:00:00Z","invoice":"I","reason":"r","xjg":"z"}"#)
        #expect(record.body == .dispute(DisputeRecord(invoice: "I", reason: "r")))
        #expect(throws: LedgerCodecError.missingField("reason")) {
            try LedgerCodec.decode(#"{"type":"dispute","id":"d","at":"2026-11-23T09:00:00Z","invoice":"I","xjg":"r"}"#)
        }
    }

    @Test("a type this version does not know is kept as unknown")
    func unknownType() throws {
        let record = try LedgerCodec.decode(#"{"type":"sms","id":"s1","at":"2026-11-23T09:00:00Z","to":"+31","body":{"a":1}}"#)
        #expect(record.body == .unknown(type: "sms"))
        #expect(record.id == "s1")
    }

    static let base = #""id":"x1","at":"2026-11-23T09:00:00Z""#
    static let invoice = #""invoice":"INV-1","customer":"C-1","issued":"2026-01-01","due":"2026-01-31""#
    static let customer = #""customer":"C-1","name":"N","email":"e@x.nl","phone":"","country":"NL","language":"nl""#

    @Test("a bad field is an error naming the field", arguments: [
        (#"{"type":"invoice",\#(base),\#(invoice),"amount":"12abc","currency":"EUR"}"#, "amount"),
        (#"{"type":"invoice",\#(base),\#(invoice),"amount":"-5.00","currency":"EUR"}"#, "amount"),
        (#"{"type":"invoice",\#(base),\#(invoice),"amount":"1.005","currency":"EUR"}"#, "amount"),
        (#"{"type":"invoice",\#(base),\#(invoice),"amount":"100.5","currency":"JPY"}"#, "amount"),
        (#"{"type":"invoice",\#(base),\#(invoice),"amount":"1.00","currency":"XYZ"}"#, "currency"),
        (#"{"type":"invoice",\#(base),\#(invoice),"amount":12,"currency":"EUR"}"#, "amount"),
        (#"{"type":"invoice",\#(base),\#(invoice),"currency":"EUR"}"#, "amount"),
        (#"{"type":"invoice",\#(base),"invoice":"INV-1","customer":"C-1","issued":"2024-02-30","due":"2026-01-31","amount":"1.00","currency":"EUR"}"#, "issued"),
        (#"{"type":"payment",\#(base),"invoice":"INV-1","date":"2026-01-01","amount":"0.00","currency":"EUR"}"#, "amount"),
        (#"{"type":"payment",\#(base),"invoice":"","date":"2026-01-01","amount":"1.00","currency":"EUR"}"#, "invoice"),
        (#"{"type":"credit",\#(base),"invoice":"I","date":"01-01-2026","amount":"1.00","currency":"EUR"}"#, "date"),
        (#"{"type":"customer",\#(base),\#(customer),"kind":"retail"}"#, "kind"),
        (#"{"type":"customer",\#(base),"customer":"C-1","name":"N","email":"e","phone":"","kind":"business","country":"nl","language":"nl"}"#, "country"),
        (#"{"type":"customer",\#(base),\#(customer),"kind":"business","extra":{"a":1}}"#, "extra.a"),
        (#"{"type":"reminder",\#(base),"customer":"C","step":"s","invoices":["I"],"to":"t","message_id":"<m>","state":"bogus"}"#, "state"),
        (#"{"type":"reminder",\#(base),"customer":"C","step":"s","invoices":[],"to":"t","message_id":"<m>","state":"sent"}"#, "invoices"),
        (#"{"type":"reminder",\#(base),"customer":"C","step":"s","invoices":["I",3],"to":"t","message_id":"<m>","state":"sent"}"#, "invoices[1]"),
        (#"{"type":"reminder",\#(base),"customer":"C","step":"s","invoices":["I"],"to":"t","state":"sent"}"#, "message_id"),
        (#"{"type":"promise",\#(base),"customer":"C","invoice":"I","until":"2026-01-01"}"#, "customer"),
        (#"{"type":"promise",\#(base),"until":"2026-01-01"}"#, "customer or invoice"),
        (#"{"type":"promise",\#(base),"invoice":"I","until":"2026-01-01","amount":"-1"}"#, "amount"),
        (#"{"type":"promise",\#(base),"invoice":"I","until":"2026-01-01","confirm":"no"}"#, "confirm"),
        (#"{"type":"arrangement",\#(base),"invoices":["I"],"instalments":[{"due":"2026-01-01","amount":"1.00"}],"confirm":0}"#, "confirm"),
        (#"{"type":"arrangement",\#(base),"invoices":["I"],"instalments":[{"due":"2026-01-01","amount":"1.00"},{"due":"2026-13-01","amount":"1.00"}]}"#, "instalments[1].due"),
        (#"{"type":"arrangement",\#(base),"invoices":["I"],"instalments":[{"due":"2026-01-01","amount":"x"}]}"#, "instalments[0].amount"),
        (#"{"type":"arrangement",\#(base),"invoices":["I"],"instalments":[]}"#, "instalments"),
        (#"{"type":"contact-check",\#(base),"customer":"C","channel":"fax","address":"a","result":"valid","reason":"r"}"#, "channel"),
        (#"{"type":"contact-check",\#(base),"customer":"C","channel":"email","address":"a","result":"maybe","reason":"r"}"#, "result"),
        (#"{"type":"contact-check",\#(base),"customer":"C","channel":"email","address":"a","result":"valid","reason":"r","mx":"mx1"}"#, "mx"),
        (#"{"type":"bounce",\#(base),"address":"a","kind":"medium","status":"5.1.1","diagnostic":"d"}"#, "kind"),
        (#"{"type":"resolve",\#(base),"ref":"r","outcome":"maybe"}"#, "outcome"),
        (#"{"type":"hold",\#(base),"invoice":"I","until":"tomorrow","reason":"r"}"#, "until"),
        (#"{"type":"note",\#(base),"invoice":"I","text":null}"#, "text"),
        (#"{"type":"digest",\#(base),"date":"2026-01-01","to":"t"}"#, "message_id"),
        (#"{"type":"void","id":"v","at":"yesterday","ref":"r","reason":"x"}"#, "at"),
        (#"{"type":"void","at":"2026-11-23T09:00:00Z","ref":"r","reason":"x"}"#, "id"),
        (#"{"id":"v","at":"2026-11-23T09:00:00Z"}"#, "type"),
        (#"{"type":7,"id":"v","at":"2026-11-23T09:00:00Z"}"#, "type"),
    ])
    func badField(line: String, field: String) {
        #expect {
            try LedgerCodec.decode(line)
        } throws: { error in
            guard let error = error as? LedgerCodecError else { return false }
            return error.field == field && error.description.contains(field)
        }
    }

    @Test("a field given twice is an error, at any depth, whatever the order of lookups")
    func duplicateField() {
        #expect(throws: LedgerCodecError.duplicateField("invoice")) {
            try LedgerCodec.decode(#"{"type":"dispute","id":"d","at":"2026-11-23T09:00:00Z","invoice":"I","reason":"r","invoice":"J"}"#)
        }
        #expect(throws: LedgerCodecError.duplicateField("due")) {
            try LedgerCodec.decode(#"{"type":"arrangement","id":"a","at":"2026-11-23T09:00:00Z","invoices":["I"],"instalments":[{"due":"2026-01-01","amount":"1","due":"2026-02-01"}]}"#)
        }
    }

    @Test("fields in any order decode the same as in the written order")
    func anyOrder() throws {
        let decoder = LedgerDecoder()
        for record in everyRecordType {
            let line = LedgerCodec.encode(record)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let reversed = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            #expect(try decoder.decode(String(decoding: reversed, as: UTF8.self)) == record)
        }
    }

    @Test("what is not a JSON object is an error", arguments: ["", "{", "[1]", "\"x\"", #"{"type":"void"} x"#])
    func notAnObject(line: String) {
        #expect(throws: LedgerCodecError.self) { try LedgerCodec.decode(line) }
    }

    @Test("validate refuses a record that would not read back, naming the reason")
    func validate() throws {
        let decoder = LedgerDecoder()
        let at = Date(timeIntervalSince1970: 1_795_424_400)
        let day = CalendarDate(year: 2026, month: 1, day: 1)!
        let tooPrecise = LedgerRecord(id: "p", at: at, body: .payment(PaymentRecord(invoice: "I", date: day, amount: Decimal(string: "1.005")!, currency: .euro)))
        #expect(throws: LedgerCodecError.self) { try LedgerCodec.validate(tooPrecise, decoder: decoder) }
        let zero = LedgerRecord(id: "p", at: at, body: .payment(PaymentRecord(invoice: "I", date: day, amount: 0, currency: .euro)))
        #expect(throws: LedgerCodecError.invalidValue(field: "amount", message: "amount must be greater than zero")) {
            try LedgerCodec.validate(zero, decoder: decoder)
        }
        #expect(throws: LedgerCodecError.self) { try LedgerCodec.validate(LedgerRecord(id: "", at: at, body: .dispute(DisputeRecord(invoice: "I", reason: ""))), decoder: decoder) }
        for record in everyRecordType {
            #expect(try LedgerCodec.validate(record, decoder: decoder) == LedgerCodec.encode(record))
        }
    }

    @Test("record ids: type prefix, 10 base32 characters, no look-alikes, no repeats")
    func recordIDs() {
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let id = RecordID.generate(type: "payment")
            #expect(id.hasPrefix("pay-"))
            let suffix = id.dropFirst(4)
            #expect(suffix.count == 10)
            #expect(suffix.allSatisfy { "0123456789abcdefghjkmnpqrstvwxyz".contains($0) })
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
        #expect(RecordID.generate(type: "contact-check").hasPrefix("chk-"))
        #expect(RecordID.generate(type: "sms").hasPrefix("rec-"))
        var taken = true
        let fresh = RecordID.generate(type: "note") { _ in defer { taken = false }; return taken }
        #expect(fresh.hasPrefix("not-"))
    }

    @Test("an append's records: ids by type, none the ledger has, none twice in the batch, one time for all")
    func batchRecordIDs() {
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        var asked: [String] = []
        let bodies: [LedgerRecord.Body] = [.note(NoteRecord(subject: .customer("C-1"), text: "a")),
                                           .task(TaskRecord(customer: "C-1", invoices: [], kind: .call, text: "b")),
                                           .note(NoteRecord(subject: .customer("C-2"), text: "c"))]
        let records = RecordID.records(for: bodies, at: at) { id in
            asked.append(id)
            return asked.count <= 2  // the ledger "has" the first two ids drawn
        }
        #expect(records.map(\.body) == bodies)
        #expect(records.allSatisfy { $0.at == at })
        #expect(records.map { $0.id.prefix(4) } == ["not-", "tsk-", "not-"])
        #expect(Set(records.map(\.id)).count == 3)
        #expect(Set(records.map(\.id)).isDisjoint(with: asked.prefix(2)))
    }
}
