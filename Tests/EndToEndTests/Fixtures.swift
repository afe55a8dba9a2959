import Foundation
import TestSupport

/// Small CSVs for the end-to-end tests: one NL business, one BE consumer, one RO business.
enum Fixtures {
    static let customers = """
        id,name,email,phone,kind,country,language,address
        C-1,Bakkerij Æbelø B.V.,admin@bakkerij.example,030 234 5678,business,NL,nl,"Oudegracht 1, Utrecht"
        C-2,Lotte Peeters,lotte@example.be,0470 12 34 56,consumer,BE,nl,"Meir 1, Antwerpen"
        C-3,SC Ștefănescu SRL,office@stefanescu.example,0721 234 567,business,RO,ro,"Str. Unirii 1, Cluj"

        """
    static let invoices = """
        id,customer,issued,due,amount,currency,order
        F-1,C-1,2026-09-01,2026-10-01,1000.00,EUR,PO-1
        F-2,C-2,2026-09-15,2026-10-15,400.00,EUR,
        F-3,C-3,2026-10-01,2026-11-01,2500.00,RON,CMD-9

        """
    /// Dutch bank export: semicolons, decimal comma, DD-MM-YYYY.
    static let payments = """
        invoice;date;amount;currency;reference
        F-2;20-10-2026;100,00;EUR;BE71 0961 2345 6769

        """

    /// A CLI with the three CSVs written and imported.
    static func imported() throws -> DunningCLI {
        let cli = try DunningCLI()
        try cli.write(customers, to: "customers.csv")
        try cli.write(invoices, to: "invoices.csv")
        try cli.write(payments, to: "payments.csv")
        let result = try cli.run(["import", "customers.csv", "invoices.csv", "payments.csv"])
        guard result.status == 0 else { throw FixtureError(result: result) }
        return cli
    }

    /// `DUNNING_CLOCK_OFFSET` that moves the binary's clock to 10:00 in Amsterdam on `day`
    /// (`YYYY-MM-DD`): the "today" of the ledger commands, whatever day the tests run on.
    static func clockOffset(to day: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        guard let target = formatter.date(from: day + " 10:00") else { preconditionFailure("test day \(day)") }
        return String(Int(target.timeIntervalSinceNow.rounded()))
    }

    struct FixtureError: Error, CustomStringConvertible {
        var result: CommandResult
        var description: String { "fixture import failed: \(result)" }
    }
}

extension DunningCLI {
    /// `plan --format json` at `day`, parsed; fails the test on a non-zero exit.
    func planJSON(asOf day: String) throws -> [String: Any] {
        let result = try run(["plan", "--as-of", day, "--format", "json"])
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw Fixtures.FixtureError(result: result)
        }
        return object
    }

    /// The plan's items for `customer`.
    func items(_ plan: [String: Any], customer: String) -> [[String: Any]] {
        ((plan["items"] as? [[String: Any]]) ?? []).filter { $0["customer"] as? String == customer }
    }

    /// Runs `dunning ARGS` with its clock on `day` at 10:00 in Amsterdam (see `Fixtures.clockOffset`).
    func run(_ arguments: [String], today day: String) throws -> CommandResult {
        try run(arguments, environment: ["DUNNING_CLOCK_OFFSET": Fixtures.clockOffset(to: day)])
    }

    /// Appends raw lines to the ledger, as a later milestone's sender would.
    func appendToLedger(_ lines: [String]) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: ledgerPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines.map { $0 + "\n" }.joined().utf8))
        try handle.close()
    }
}
