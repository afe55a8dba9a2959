import ArgumentParser
import Daemon
import DunningCore
import Foundation
import Verify

/// `dunning verify [--customer ID]`: checks contact details now, records them, prints a table.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify customers' e-mail addresses and phone numbers now and record the results.",
        discussion: """
            E-mail: syntax (RFC 5321/5322), internationalized domains (IDNA), bounce history, then DNS: an MX \
            record, or an address of the domain itself, makes it valid; a null MX, a domain that does not exist \
            or has no mail host makes it invalid (unverified in verification.mode advisory); a DNS failure or \
            timeout leaves it unverified, to be asked again. Phone: libphonenumber for the customer's country, \
            in E.164. Each check appends a `contact-check` record; likely typos (gmial.com) are warnings on \
            stderr. `run` verifies by itself before it writes to an address with no check within \
            verification.max_age; this command does it now, for every customer or one.
            """
    )
    @OptionGroup var options: GlobalOptions
    @Option(help: "Only this customer.") var customer: String?

    func run() throws {
        let session = try options.session()
        let outcomes = try session.verifyContacts(of: customer)
        for warning in outcomes.compactMap(\.warning) { Console.error("warning: \(warning)") }
        Console.warnings(of: session)
        Console.out(Self.table(outcomes))
    }

    /// `CUSTOMER  CHANNEL  RESULT  ADDRESS  REASON`, aligned; a warning (a likely typo)
    /// follows the reason.
    static func table(_ outcomes: [ContactVerifier.Outcome]) -> String {
        let rows = [["CUSTOMER", "CHANNEL", "RESULT", "ADDRESS", "REASON"]] + outcomes.map { outcome in
            let record = outcome.record
            return [record.customer, record.channel.rawValue, record.result.rawValue, record.address,
                    record.reason + (outcome.warning.map { "; warning: \($0)" } ?? "")]
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<4).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + row[4]
        }.joined(separator: "\n")
    }
}
