@testable import Daemon
import DunningCore
import Foundation
import Logging
import Mail
import Testing

/// A ledger whose next `digest` append fails, as a crash between the server's 250 and the
/// fsync would leave things.
final class CrashingLedger: CycleLedger {
    let inner: MemoryLedger
    var crashOnDigest = true
    init(_ inner: MemoryLedger) { self.inner = inner }
    var state: LedgerState { inner.state }
    struct Crash: Error {}

    func append(_ bodies: [LedgerRecord.Body]) throws -> [LedgerRecord] {
        if crashOnDigest, bodies.contains(where: { if case .digest = $0 { true } else { false } }) { throw Crash() }
        return try inner.append(bodies)
    }

    func append(records: [LedgerRecord]) throws {
        try inner.append(records: records)
    }
}

@Suite struct DigestSenderTests {
    let sink = LineSink()

    func sender(clock: TestClock) throws -> DigestSender {
        let config = DailyDigestTests.config()
        let logger = Logger(label: "test") { [sink] _ in LogfmtLogHandler(journal: false, write: { sink.write($0) }) }
        let library = try TemplateLibrary(folder: nil, fallbackLanguage: "nl")
        return DigestSender(config: config, logger: logger,
                            builder: TemplateMessageBuilder(config: config, library: library, baseFolder: "."),
                            clock: { clock.now })
    }

    static func digests(_ ledger: MemoryLedger) -> [DigestRecord] {
        ledger.records.compactMap { if case .digest(let value) = $0.body { value } else { nil } }
    }

    @Test("due: one message to the bookkeeper, then the `digest` record and the `digest` log line; the same day again: nothing")
    func sendsOnce() throws {
        let clock = TestClock()
        clock.now = DailyDigestTests.now
        let ledger = try DailyDigestTests.busyLedger()
        let transport = ScriptedTransport([.sent(reply: "250 2.0.0 Ok: queued as D1")])
        let outcome = try sender(clock: clock).sendIfDue(asOf: DailyDigestTests.now, ledger: ledger) { transport }
        let id = "dunning.digest.2026-11-23@voorbeeld.nl"
        #expect(outcome == .sent(date: DailyDigestTests.monday, messageID: id))
        #expect(transport.delivered.count == 1 && transport.closed)
        #expect(transport.delivered.first?.envelope.recipients == ["boekhouding@voorbeeld.nl"])
        #expect(Self.digests(ledger) == [DigestRecord(date: DigestScheduleTests.day("2026-11-20"), to: "boekhouding@voorbeeld.nl",
                                                      messageID: "dunning.digest.2026-11-20@voorbeeld.nl"),
                                         DigestRecord(date: DailyDigestTests.monday, to: "boekhouding@voorbeeld.nl", messageID: id)])
        #expect(sink.all == ["digest date=2026-11-23 to=boekhouding@voorbeeld.nl message_id=<\(id)> smtp=250 reply=\"250 2.0.0 Ok: queued as D1\"\n"])

        let text = String(decoding: try #require(transport.delivered.first).bytes, as: UTF8.self)
        #expect(text.contains("Message-ID: <\(id)>\r\n"))
        #expect(text.contains("To: boekhouding@voorbeeld.nl\r\n"))
        #expect(text.contains("Auto-Submitted: auto-generated\r\n"))
        #expect(text.contains("Subject: Dagoverzicht 23 november 2026 =?UTF-8?B?4oCT?= verzonden: 1,"), "RFC 2047 for the dash only")

        let again = ScriptedTransport()
        #expect(try sender(clock: clock).sendIfDue(asOf: DailyDigestTests.now + 600, ledger: ledger) { again } == .notDue)
        #expect(again.delivered.isEmpty)
    }

    @Test("before digest.at nothing is built, and no transport is opened")
    func notYet() throws {
        let clock = TestClock()
        let ledger = try DailyDigestTests.busyLedger()
        var opened = false
        let early = DigestScheduleTests.at("2026-11-23T06:30:00Z")
        #expect(try sender(clock: clock).sendIfDue(asOf: early, ledger: ledger) { opened = true; return ScriptedTransport() } == .notDue)
        #expect(!opened && sink.all.isEmpty)
    }

    @Test("deferred: a `warning`, nothing recorded; the next run sends it with the same Message-ID")
    func deferredThenSent() throws {
        let clock = TestClock()
        clock.now = DailyDigestTests.now
        let ledger = try DailyDigestTests.busyLedger()
        let first = ScriptedTransport([.deferred(reply: "451 4.3.0 try again later")])
        let outcome = try sender(clock: clock).sendIfDue(asOf: DailyDigestTests.now, ledger: ledger) { first }
        #expect(outcome == .notDelivered(date: DailyDigestTests.monday, .deferred(reply: "451 4.3.0 try again later")))
        #expect(Self.digests(ledger).count == 1)
        #expect(sink.all.count == 1 && sink.all[0].hasPrefix("warning date=2026-11-23 to=boekhouding@voorbeeld.nl message_id=<dunning.digest.2026-11-23@voorbeeld.nl> smtp=451 detail="), "\(sink.all)")

        clock.advance(minutes: 5)
        let second = ScriptedTransport()
        #expect(try sender(clock: clock).sendIfDue(asOf: clock.now, ledger: ledger) { second }
            == .sent(date: DailyDigestTests.monday, messageID: "dunning.digest.2026-11-23@voorbeeld.nl"))
        #expect(Self.digests(ledger).count == 2)
        let ids = (first.delivered + second.delivered).map { String(decoding: $0.bytes, as: UTF8.self).contains("Message-ID: <dunning.digest.2026-11-23@voorbeeld.nl>") }
        #expect(ids == [true, true])
    }

    @Test("a crash after the server took it but before the record: sent again, byte for byte the same Message-ID, then recorded")
    func crashBeforeRecord() throws {
        let clock = TestClock()
        clock.now = DailyDigestTests.now
        let ledger = CrashingLedger(try DailyDigestTests.busyLedger())
        let first = ScriptedTransport()
        #expect(throws: CrashingLedger.Crash.self) {
            try sender(clock: clock).sendIfDue(asOf: DailyDigestTests.now, ledger: ledger) { first }
        }
        #expect(first.delivered.count == 1 && Self.digests(ledger.inner).count == 1)
        #expect(sink.all.isEmpty, "the log never says more than the ledger")

        ledger.crashOnDigest = false
        let second = ScriptedTransport()
        _ = try sender(clock: clock).sendIfDue(asOf: DailyDigestTests.now + 60, ledger: ledger) { second }
        #expect(second.delivered.count == 1 && Self.digests(ledger.inner).count == 2)
        func messageID(_ transport: ScriptedTransport) -> String? {
            String(decoding: transport.delivered[0].bytes, as: UTF8.self).split(separator: "\r\n").first { $0.hasPrefix("Message-ID:") }.map(String.init)
        }
        #expect(messageID(first) == messageID(second) && messageID(first) == "Message-ID: <dunning.digest.2026-11-23@voorbeeld.nl>")
    }
}
