import Foundation
import Testing
import TestSupport

/// A message the bookkeeper settles `not-sent` counts nowhere: the step is not done, and
/// the next run sends it again (a new Message-ID, `-2`).
@Suite struct NotSentTests {
    @Test("a reminder settled not-sent (the server had said 250) is due again and sent again as -2")
    func notSentIsNotDone() throws {
        let server = try SMTPServer()
        defer { server.stop() }
        let cli = try RunFixture.imported(port: server.port, customers: RunFixture.customers(1))
        let first = try cli.runOnce()
        #expect(first.status == 0, "\(first)")
        let sent = try #require(try cli.reminders(customer: "C-1").last)
        #expect(sent["state"] as? String == "sent")
        let messageID = try #require(sent["message_id"] as? String)
        let resolve = try cli.run(["ledger", "resolve", "--ref", "<\(messageID)>", "--outcome", "not-sent",
                                   "--note", "the customer never got it"])
        #expect(resolve.status == 0, "\(resolve)")
        let item = try #require(cli.items(try cli.planJSON(asOf: "2026-11-24"), customer: "C-1").first)
        #expect(item["step"] as? String == "reminder" && item["blocked"] is NSNull, "\(item)")
        let second = try cli.run(["run", "--once", "--as-of", "2026-11-24"])
        #expect(second.status == 0, "\(second)")
        let ids = try cli.reminders(customer: "C-1").compactMap { $0["message_id"] as? String }
        #expect(Set(ids).count == 2 && ids.last?.contains("-2@") == true, "\(ids)")
        #expect(try server.messages().count == 2)
    }
}
