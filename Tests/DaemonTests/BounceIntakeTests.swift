@testable import Daemon
import Bounces
import DunningCore
import Foundation
import Logging
import Testing
import TestSupport

@Suite struct BounceIntakeTests {
    let directory: TemporaryDirectory
    let mailbox: MaildirBounceMailbox
    let ledger: MemoryLedger
    let sink = LineSink()

    /// C-1 (c-1@example.nl) got reminder `dunning.reminder.C-1.aaaa@voorbeeld.nl`; C-2
    /// (c-2@example.nl) got nothing yet.
    init() throws {
        directory = try TemporaryDirectory()
        mailbox = try MaildirBounceMailbox(path: directory.file("bounces"))
        ledger = MemoryLedger(clock: TestClock())
        let at = Date(timeIntervalSince1970: 1_780_000_000)
        for id in ["C-1", "C-2"] {
            try ledger.add([.customer(CustomerRecord(customer: id, name: "Klant \(id)", email: "\(id.lowercased())@example.nl",
                                                     phone: "", kind: .business, country: "NL", language: "nl")),
                            .invoice(InvoiceRecord(invoice: "INV-\(id)", customer: id, issued: CalendarDate(year: 2026, month: 9, day: 1)!,
                                                   due: CalendarDate(year: 2026, month: 10, day: 1)!, amount: 100, currency: .euro))], at: at)
        }
        try ledger.add([.reminder(ReminderRecord(customer: "C-1", step: "reminder", invoices: ["INV-C-1"], to: "c-1@example.nl",
                                                 messageID: "dunning.reminder.C-1.aaaa@voorbeeld.nl", state: .sent))], at: at)
    }

    var intake: BounceIntake {
        let sink = sink
        return BounceIntake(logger: Logger(label: "test") { _ in LogfmtLogHandler(journal: false, write: { sink.write($0) }) },
                            timeZone: TimeZone(identifier: "Europe/Amsterdam")!)
    }

    func deliver(_ bytes: [UInt8], name: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: mailbox.path + "/new/" + name))
    }

    func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: mailbox.path + "/" + folder).sorted()
    }

    var bounces: [BounceRecord] { ledger.records.compactMap { if case .bounce(let value) = $0.body { value } else { nil } } }
    var tasks: [TaskRecord] { ledger.records.compactMap { if case .task(let value) = $0.body { value } else { nil } } }

    @Test("a hard bounce found by its VERP token: bounce record, new-address task, bounced log line, file to cur/ as seen")
    func verp() throws {
        // The failed address is a forward target: the record names the address we wrote to.
        try deliver(BounceMessages.dsn(recipient: "jan@elders.nl", deliveredTo: "bounce+dunning.reminder.C-1.aaaa@voorbeeld.nl"),
                    name: "1700000000.M1P1.host")
        let summary = try intake.run(mailbox, ledger: ledger)
        #expect(summary.bounced == 1 && summary.tasks == 1 && summary.unmatched == 0)
        let bounce = try #require(bounces.first)
        #expect(bounce.customer == "C-1" && bounce.address == "c-1@example.nl" && bounce.kind == .hard && bounce.status == "5.1.1")
        #expect(bounce.messageID == "dunning.reminder.C-1.aaaa@voorbeeld.nl")
        #expect(bounce.diagnostic.contains("User unknown") && bounce.diagnostic.contains("(final recipient jan@elders.nl)"))
        #expect(tasks.map(\.kind) == [.newAddress] && tasks[0].customer == "C-1" && tasks[0].invoices == ["INV-C-1"])
        #expect(tasks[0].text.contains("c-1@example.nl hard-bounced"))
        #expect(tasks[0].text.hasSuffix("dunning ledger customer --customer C-1 --email NEW-ADDRESS"), "\(tasks[0].text)")
        #expect(sink.all.contains { $0.hasPrefix("bounced customer=C-1 to=c-1@example.nl message_id=<dunning.reminder.C-1.aaaa@voorbeeld.nl> ") && $0.contains("status=5.1.1") && $0.contains("kind=hard") })
        #expect(sink.all.contains { $0.hasPrefix("task customer=C-1 invoices=INV-C-1 kind=new-address text=") })
        #expect(try files("new").isEmpty && files("cur") == ["1700000000.M1P1.host:2,S"])
        // The plan now blocks C-1.
        #expect(ledger.state.bounces["c-1@example.nl"]?.count == 1)
    }

    @Test("matched by the returned Message-ID, and by address when the bounce names no message of ours")
    func messageIDAndAddress() throws {
        try deliver(BounceMessages.dsn(recipient: "c-1@example.nl", messageID: "dunning.reminder.C-1.aaaa@voorbeeld.nl"), name: "1.a.host")
        try deliver(BounceMessages.dsn(recipient: "C-2@Example.nl", status: "4.2.2", action: "failed", queueID: "Q2"), name: "2.a.host")
        let summary = try intake.run(mailbox, ledger: ledger)
        #expect(summary.bounced == 2 && summary.tasks == 1)
        #expect(bounces.map(\.customer) == ["C-1", "C-2"])
        #expect(bounces[1].address == "c-2@example.nl" && bounces[1].kind == .soft && bounces[1].messageID == nil)
        // A soft bounce asks nobody for a new address.
        #expect(tasks.map(\.customer) == ["C-1"])
    }

    @Test("a message read again after a crash between the fsync and the move records nothing twice")
    func replay() throws {
        let bytes = BounceMessages.dsn(recipient: "c-1@example.nl", messageID: "dunning.reminder.C-1.aaaa@voorbeeld.nl")
        try deliver(bytes, name: "1.a.host")
        _ = try intake.run(mailbox, ledger: ledger)
        let count = ledger.records.count
        // The crash: the records are durable, the file is back in new/ as if never moved.
        try FileManager.default.moveItem(atPath: mailbox.path + "/cur/1.a.host:2,S", toPath: mailbox.path + "/new/1.a.host")
        let again = try intake.run(mailbox, ledger: ledger)
        #expect(again.bounced == 0 && again.tasks == 0 && ledger.records.count == count)
        #expect(try files("new").isEmpty && files("cur") == ["1.a.host:2,S"])
        #expect(sink.all.filter { $0.hasPrefix("bounced ") }.count == 1)
    }

    @Test("a second bounce for the same address while its task is open adds the bounce but no second task")
    func oneTaskPerAddress() throws {
        try deliver(BounceMessages.dsn(recipient: "c-1@example.nl", queueID: "Q1"), name: "1.a.host")
        try deliver(BounceMessages.dsn(recipient: "c-1@example.nl", status: "5.1.10", queueID: "Q2"), name: "2.a.host")
        _ = try intake.run(mailbox, ledger: ledger)
        #expect(bounces.count == 2 && tasks.count == 1)
        // The customer's record changes (a new address that bounces again): a new task.
        try ledger.add([.customer(CustomerRecord(customer: "C-1", name: "Klant C-1", email: "c-1@example.nl", phone: "", kind: .business,
                                                 country: "NL", language: "nl"))], at: Date())
        try deliver(BounceMessages.dsn(recipient: "c-1@example.nl", queueID: "Q3"), name: "3.a.host")
        _ = try intake.run(mailbox, ledger: ledger)
        #expect(bounces.count == 3 && tasks.count == 2)
    }

    @Test("the bookkeeper's digest bounced (VERP token or returned Message-ID): a bounce record without customer, a warning to fix digest.to, seen")
    func digestBounce() throws {
        try ledger.add([.digest(DigestRecord(date: CalendarDate(year: 2026, month: 11, day: 23)!, to: "Boekhouding@voorbeeld.nl",
                                             messageID: "dunning.digest.2026-11-23@voorbeeld.nl"))], at: Date())
        try deliver(BounceMessages.dsn(recipient: "boekhouding@voorbeeld.nl", deliveredTo: "bounce+dunning.digest.2026-11-23@voorbeeld.nl"),
                    name: "1.a.host")
        try deliver(BounceMessages.dsn(recipient: "boekhouding@voorbeeld.nl", messageID: "dunning.digest.2026-11-23@voorbeeld.nl",
                                       queueID: "Q2"), name: "2.a.host")
        let summary = try intake.run(mailbox, ledger: ledger)
        #expect(summary.bounced == 2 && summary.unmatched == 0 && summary.tasks == 0)
        #expect(bounces.count == 2 && bounces.allSatisfy {
            $0.customer == nil && $0.address == "boekhouding@voorbeeld.nl" && $0.messageID == "dunning.digest.2026-11-23@voorbeeld.nl"
        })
        #expect(sink.all.filter { $0.hasPrefix("bounced to=boekhouding@voorbeeld.nl message_id=<dunning.digest.2026-11-23@voorbeeld.nl> ") }.count == 2)
        #expect(sink.all.filter { $0.hasPrefix("warning date=2026-11-23 to=Boekhouding@voorbeeld.nl ") && $0.contains("check digest.to") }.count == 2)
        #expect(!sink.all.contains { $0.hasPrefix("unmatched-bounce") })
        #expect(try files("new").isEmpty && files("cur") == ["1.a.host:2,S", "2.a.host:2,S"])
        // No customer's address was touched.
        #expect(ledger.state.bounces["c-1@example.nl"] == nil && ledger.state.bounces["c-2@example.nl"] == nil)
        // Read again after a crash before the move: nothing recorded or warned twice.
        try FileManager.default.moveItem(atPath: mailbox.path + "/cur/1.a.host:2,S", toPath: mailbox.path + "/new/1.a.host")
        #expect(try intake.run(mailbox, ledger: ledger).bounced == 0 && bounces.count == 2)
        #expect(sink.all.filter { $0.hasPrefix("warning date=2026-11-23 ") }.count == 2)
    }

    @Test("a bounce that matches nothing is logged and set aside flagged, unread; an out-of-office reply is only marked seen")
    func unmatchedAndNotBounces() throws {
        try deliver(BounceMessages.dsn(recipient: "nobody@elders.nl", messageID: "other@elders.nl"), name: "1.a.host")
        try deliver(BounceMessages.outOfOffice, name: "2.a.host")
        try deliver([], name: "3.a.host")
        let summary = try intake.run(mailbox, ledger: ledger)
        #expect(summary.bounced == 0 && summary.unmatched == 1 && summary.notBounces == 1 && summary.unreadable == 1)
        #expect(bounces.isEmpty && tasks.isEmpty)
        #expect(try files("new").isEmpty && files("cur") == ["1.a.host:2,F", "2.a.host:2,S", "3.a.host:2,F"])
        #expect(sink.all.contains { $0.hasPrefix("unmatched-bounce to=nobody@elders.nl message_id=<other@elders.nl> ") })
        #expect(sink.all.contains { $0.hasPrefix("not-a-bounce ") && $0.contains("auto-reply") })
        #expect(sink.all.contains { $0.hasPrefix("warning ") && $0.contains("3.a.host") && $0.contains("set aside") })
        // Never read again.
        #expect(try intake.run(mailbox, ledger: ledger) == IntakeSummary())
    }

    @Test("over IMAP (Dovecot): a message that cannot be fetched whole is set aside flagged, the bounce after it is recorded and seen")
    func imapSetsAsideWhatItCannotRead() throws {
        let dovecot = try DovecotServer(maildir: directory.file("imap"))
        // libcurl ends a custom command's answer at a line starting with its tag (A005 here).
        let forged = Array((["From: a@example.test", "Subject: forged", ""] + (1...9).map { "A00\($0) OK x" } + [""])
            .joined(separator: "\r\n").utf8)
        try Data(forged).write(to: URL(fileURLWithPath: directory.file("imap/new/1.a.host")))
        try Data(BounceMessages.dsn(recipient: "c-1@example.nl")).write(to: URL(fileURLWithPath: directory.file("imap/new/2.a.host")))
        try dovecot.password.write(toFile: directory.file("imap-password"), atomically: true, encoding: .utf8)
        var settings = BounceSettings(imap: dovecot.url, imapUser: dovecot.user, imapPasswordFile: directory.file("imap-password"))
        settings.imapTLS = .none
        let imap = try IMAPBounceMailbox(settings: settings, credentialsDirectory: nil)
        let summary = try intake.run(imap, ledger: ledger)
        #expect(summary.bounced == 1 && bounces.first?.customer == "C-1")
        #expect(summary.unreadable == 1 && sink.all.contains { $0.hasPrefix("warning ") && $0.contains("UID 1") && $0.contains("set aside") })
        imap.close()
        // Dovecot keeps the flags in the file names: the forged one flagged and unread, the bounce seen.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.file("imap/cur")).sorted()
        #expect(names.count == 2 && names[0].hasPrefix("1.a.host") && names[0].hasSuffix(",F") && names[1].hasSuffix(",S"), "\(names)")
        #expect(try IMAPBounceMailbox(settings: settings, credentialsDirectory: nil).waiting().isEmpty)
    }
}

