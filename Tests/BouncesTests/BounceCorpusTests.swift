import Bounces
import DunningCore
import Testing

@Suite("Bounce corpus")
struct BounceCorpusTests {
    @Test("each corpus message parses as its sidecar file says", arguments: Corpus.names)
    func parsesAsExpected(_ name: String) throws {
        let expected = try Corpus.expected(name)
        let parse: BounceParse
        switch BounceParser.parse(try Corpus.message(name)) {
        case .success(let success): parse = success
        case .failure(let error):
            Issue.record("\(name): \(error)")
            return
        }
        switch parse {
        case .notABounce(let reason):
            #expect(reason.caseName == expected.notABounce, "\(name): not a bounce (\(reason))")
        case .bounce(let reports):
            let wanted = try #require(expected.bounce, "\(name): parsed as a bounce: \(reports)")
            #expect(reports.map(\.address) == wanted.map(\.address), "\(name)")
            for (report, want) in zip(reports, wanted) {
                #expect(report.kind.rawValue == want.kind, "\(name) \(report.address): \(report.diagnostic)")
                #expect(report.status == want.status, "\(name) \(report.address): \(report.diagnostic)")
                #expect(report.diagnostic.contains(want.diagnosticContains), "\(name) \(report.address): \(report.diagnostic)")
                #expect(report.diagnostic.count <= BounceReport.maximumDiagnosticLength)
                #expect(!report.diagnostic.contains("\n"))
                #expect(report.originalMessageID == want.originalMessageID, "\(name)")
                #expect(report.verpToken == want.verpToken, "\(name)")
            }
        }
    }

    /// Bounce vs not-bounce over messages, hard vs soft over the bounced recipients both sides
    /// agree are bounced. The corpus is ours, so anything below 100% is a regression.
    @Test("recall and precision over the corpus are 100%")
    func recallAndPrecision() throws {
        var truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0
        var kindsRight = 0, kindsCompared = 0
        for name in Corpus.names {
            let expected = try Corpus.expected(name)
            let reports: [BounceReport]? = switch BounceParser.parse(try Corpus.message(name)) {
            case .success(.bounce(let reports)): reports
            case .success(.notABounce), .failure: nil
            }
            switch (expected.bounce, reports) {
            case (let wanted?, let reports?):
                truePositives += 1
                for want in wanted {
                    guard let report = reports.first(where: { $0.address == want.address }) else { continue }
                    kindsCompared += 1
                    if report.kind.rawValue == want.kind { kindsRight += 1 }
                }
            case (nil, _?): falsePositives += 1
            case (_?, nil): falseNegatives += 1
            case (nil, nil): trueNegatives += 1
            }
        }
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let kindAccuracy = Double(kindsRight) / Double(max(1, kindsCompared))
        print("""
            bounce corpus: \(Corpus.names.count) messages, \(truePositives + falseNegatives) bounces, \
            \(trueNegatives + falsePositives) not bounces; recall \(percent(recall)), precision \(percent(precision)), \
            hard/soft right \(kindsRight)/\(kindsCompared) (\(percent(kindAccuracy)))
            """)
        #expect(Corpus.names.count >= 31)
        #expect(trueNegatives + falsePositives >= 6)
        #expect(recall >= 1.0)
        #expect(precision >= 1.0)
        #expect(kindAccuracy >= 1.0)
    }

    private func percent(_ ratio: Double) -> String { "\(Int((ratio * 1000).rounded()) / 10).\(Int((ratio * 1000).rounded()) % 10)%" }
}
