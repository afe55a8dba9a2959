@testable import Bounces
import DunningCore
import Testing

@Suite("BounceClassifier")
struct BounceClassifierTests {
    @Test("RFC 3463 statuses map to hard and soft as docs/bounces.md says", arguments: [
        ("5.1.1", "", BounceKind.hard), ("5.1.2", "", .hard), ("5.1.10", "", .hard), ("5.2.1", "", .hard),
        ("5.4.4", "", .hard), ("5.2.2", "", .soft), ("5.7.1", "blocked using zen.spamhaus.org", .soft),
        ("5.7.1", "Recipient address rejected: User unknown", .hard), ("5.1.8", "", .soft), ("4.2.2", "", .soft),
        ("5.0.0", "mailbox full", .soft), ("5.0.0", "", .hard), ("5.5.0", "", .soft), ("5.3.4", "", .soft),
    ])
    func kinds(status: String, text: String, kind: BounceKind) {
        #expect(BounceClassifier.classify(status: status, diagnostic: text, permanent: true).kind == kind)
    }

    @Test("a generic status gives way to a specific one of the same class in the text")
    func genericStatusRefined() {
        let outcome = BounceClassifier.classify(status: "5.0.0", diagnostic: "550 5.1.1 <a@b.nl>: User unknown", permanent: true)
        #expect(outcome.status.description == "5.1.1")
        #expect(outcome.inferredFrom == nil)
    }

    @Test("without any code the status is inferred from the reply code and the words, and says so", arguments: [
        ("550 Requested action not taken: no such user", "5.1.1", BounceKind.hard),
        ("553 sorry, that domain isn't in my list", "5.1.1", .hard),
        ("552 Mailbox quota exceeded", "5.2.2", .soft),
        ("550 Message rejected as spam", "5.7.1", .soft),
        ("421 Service not available, closing channel", "4.0.0", .soft),
        ("554 Transaction failed", "5.0.0", .hard),
    ])
    func inferred(text: String, status: String, kind: BounceKind) {
        let outcome = BounceClassifier.classify(status: nil, diagnostic: text, permanent: true)
        #expect(outcome.status.description == status)
        #expect(outcome.kind == kind)
        #expect(outcome.inferredFrom != nil)
        #expect(BounceParser.oneLine(text, inferredFrom: outcome.inferredFrom).hasPrefix("status inferred from"))
    }

    @Test("an IP address or a version number is no status code")
    func notACode() {
        #expect(EnhancedStatus.first(in: "host 10.4.5.1 said 550") == nil)
        #expect(EnhancedStatus.first(in: "Microsoft SMTP Server id 14.3.498.0") == nil)
        #expect(EnhancedStatus.first(in: "<mx.example.nl #5.1.1>")?.description == "5.1.1")
    }

    @Test("diagnostics are one line of at most 300 characters; repeated reply codes are dropped")
    func oneLine() {
        let long = BounceParser.oneLine(String(repeating: "word\n  ", count: 200), inferredFrom: nil)
        #expect(long.count == BounceReport.maximumDiagnosticLength)
        #expect(!long.contains("\n"))
        #expect(BounceParser.oneLine("550-5.1.1 The account\n 550-5.1.1 does not\n 550 5.1.1  exist", inferredFrom: nil)
            == "550-5.1.1 The account does not exist")
    }
}
