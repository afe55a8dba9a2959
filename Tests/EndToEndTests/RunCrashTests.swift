import Foundation
import Testing
import TestSupport

/// `kill -9` of `run --once` in the middle of 300 deliveries: at most once, nothing torn, nothing lost silently.
@Suite struct RunCrashTests {
    @Test("after kill -9 mid-cycle, the next run sends no duplicate; unsettled sends become uncertain and can be resolved")
    func killNine() throws {
        let server = try SMTPServer(SMTPServerOptions(delayMilliseconds: 20))
        defer { server.stop() }
        let customers = RunFixture.customers(300)
        let cli = try RunFixture.imported(port: server.port, customers: customers)

        // Past the first batch of ten: its outcomes are journaled with the second batch's
        // `sending` records, before the 11th message goes out.
        let threshold = Int.random(in: 12...60)
        let killed = try cli.start(["run", "--once", "--as-of", RunFixture.asOf])
        let reached = try waitUntil(timeout: .seconds(30)) { try server.messages().count >= threshold || !killed.process.isRunning }
        try #require(reached && killed.process.isRunning, "the run ended or stalled before \(threshold) messages arrived")
        usleep(UInt32.random(in: 0...20_000))
        killed.kill9()
        #expect(killed.process.terminationReason == .uncaughtSignal)
        // A message whose DATA was complete may still be stored by the (slow) server after the kill.
        usleep(200_000)

        let afterKill = try cli.reminders()
        let sentInFirst = Set(afterKill.filter { $0["state"] as? String == "sent" }.compactMap { $0["message_id"] as? String })
        let startedInFirst = Set(afterKill.filter { $0["state"] as? String == "sending" }.compactMap { $0["message_id"] as? String })
        let settledInFirst = Set(afterKill.filter { $0["state"] as? String != "sending" }.compactMap { $0["message_id"] as? String })
        let dangling = startedInFirst.subtracting(settledInFirst)
        #expect(!sentInFirst.isEmpty)
        #expect(!dangling.isEmpty, "the run was killed before its last outcome; some send must be unsettled")

        let second = try cli.runOnce()
        #expect(second.status == 0, "\(second)")

        // No torn lines: every line is a whole JSON object, and the file ends with a newline.
        let records = try cli.records()
        #expect(try String(contentsOfFile: cli.ledgerPath, encoding: .utf8).hasSuffix("\n"))
        let reminders = records.filter { $0["type"] as? String == "reminder" }

        // At most once: one message per (customer, step) received, and no Message-ID twice.
        let messages = try server.messages()
        var perRecipient: [String: Int] = [:]
        for message in messages { for recipient in message.recipients { perRecipient[recipient, default: 0] += 1 } }
        let duplicates = perRecipient.filter { $0.value > 1 }
        #expect(duplicates.isEmpty, "received more than once: \(duplicates)")
        let receivedIDs = messages.compactMap { $0.header("Message-ID") }
        #expect(receivedIDs.count == messages.count)
        #expect(Set(receivedIDs).count == receivedIDs.count)

        // Every customer ends sent or uncertain; a `sent` one was received; nobody silently dropped.
        let received = Set(perRecipient.keys)
        for customer in customers {
            let own = reminders.filter { $0["customer"] as? String == customer.id }
            let last = own.last?["state"] as? String
            #expect(last == "sent" || last == "uncertain", "\(customer.id): \(own)")
            if last == "sent" {
                #expect(received.contains(customer.email), "\(customer.id) recorded sent but never received")
            }
            let messageIDs = Set(own.compactMap { $0["message_id"] as? String })
            #expect(messageIDs.count == 1, "\(customer.id) has more than one message: \(messageIDs)")
        }

        // Every `sending` the killed run left without an outcome is `uncertain` now, and logged so.
        for messageID in dangling {
            #expect(reminders.contains { $0["message_id"] as? String == messageID && $0["state"] as? String == "uncertain" },
                    "\(messageID) has no uncertain record")
        }
        let uncertainLines = second.stderr.split(separator: "\n").filter { $0.hasPrefix("uncertain customer=") }
        #expect(uncertainLines.count == dangling.count)

        // The bookkeeper settles one: the plan stops blocking that customer with uncertain-send.
        let pick = try #require(dangling.sorted().first)
        let customer = try #require(reminders.first { $0["message_id"] as? String == pick }?["customer"] as? String)
        let before = cli.items(try cli.planJSON(asOf: RunFixture.asOf), customer: customer)
        #expect(before.contains { $0["blocked"] as? String == "uncertain-send" }, "\(before)")
        let resolve = try cli.run(["ledger", "resolve", "--ref", pick, "--outcome", "sent"])
        #expect(resolve.status == 0, "\(resolve)")
        let after = cli.items(try cli.planJSON(asOf: RunFixture.asOf), customer: customer)
        #expect(!after.contains { $0["blocked"] as? String == "uncertain-send" }, "\(after)")
    }
}
