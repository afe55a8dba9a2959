import ArgumentParser
import DunningCore
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file.", discussion: "Default: $DUNNING_CONFIG, else /etc/dunning/dunning.yaml.", valueName: "path"))
    var config: String?

    /// `--config`, else `$DUNNING_CONFIG`, else `/etc/dunning/dunning.yaml`.
    var configPath: String {
        if let config { return config }
        if let fromEnvironment = ProcessInfo.processInfo.environment["DUNNING_CONFIG"], !fromEnvironment.isEmpty { return fromEnvironment }
        return "/etc/dunning/dunning.yaml"
    }
}

/// `--invoice ID` or `--customer ID`, exactly one.
struct SubjectOptions: ParsableArguments {
    @Option(help: "The invoice id.") var invoice: String?
    @Option(help: "The customer id.") var customer: String?

    func validate() throws {
        guard (invoice == nil) != (customer == nil) else {
            throw ValidationError("Give exactly one of --invoice and --customer.")
        }
    }

    var subject: Subject {
        if let invoice { return .invoice(invoice) }
        return .customer(customer ?? "")
    }
}

extension CalendarDate: ExpressibleByArgument {
    /// `YYYY-MM-DD` (also `DD-MM-YYYY`, `DD.MM.YYYY`) on the command line.
    public init?(argument: String) {
        do {
            self = try CalendarDate.parse(argument, lenient: true)
        } catch {
            return nil
        }
    }
}
