import Foundation
import Testing
import TestSupport

/// `dunning render` end to end: the exact message the plan would send, and nothing written.
@Suite struct RenderCommandTests {
    @Test("render prints the MIME message for an overdue invoice's customer and writes nothing")
    func message() throws {
        let cli = try Fixtures.imported()
        let before = try cli.ledgerLines()
        let result = try cli.run(["render", "--invoice", "F-1", "--as-of", "2026-11-23"])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.components(separatedBy: "\r\n")
        for header in ["Message-ID: <", "To: ", "Subject: ", "Auto-Submitted: auto-generated", "X-Dunning-Invoices: F-1"] {
            #expect(lines.contains { $0.hasPrefix(header) }, "\(header) missing:\n\(result.stdout)")
        }
        #expect(result.stdout.contains("admin@bakkerij.example"))
        #expect(try cli.ledgerLines() == before)
        let outbox = cli.directory.file("outbox/new")
        let sent = FileManager.default.fileExists(atPath: outbox) ? try FileManager.default.contentsOfDirectory(atPath: outbox) : []
        #expect(sent.isEmpty)
    }

    @Test("render refuses what it cannot show, naming the option", arguments: [
        (["--invoice", "F-404"], "error: --invoice: unknown invoice 'F-404'"),
        (["--invoice", "F-1", "--step", "nonexistent"], "error: --step: policy 'default' has no step 'nonexistent'"),
        (["--invoice", "F-1", "--as-of", "2026-09-20"], "error: --invoice: 'F-1' is not in the plan"),
    ])
    func refused(arguments: [String], message: String) throws {
        let cli = try Fixtures.imported()
        let result = try cli.run(["render"] + arguments + (arguments.contains("--as-of") ? [] : ["--as-of", "2026-11-23"]))
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.hasPrefix(message), "\(result)")
        #expect(result.stdout.isEmpty)
    }
}
