import DunningCore
import Foundation

extension Session {
    /// What the config silently leaves undone for this ledger now, as
    /// `PATH: warning: MESSAGE` lines: statutory interest without its rates table (the
    /// config file's path), overdue invoices no policy covers (the ledger's path).
    ///
    /// Warnings, not errors: the config is valid and `check` still succeeds; they say the
    /// result is probably not what was meant (docs/configuration.md).
    public func coverageWarnings() -> [String] {
        let plan = Planner.plan(config: config, state: state, asOf: now)
        return ConfigCoverage.missingRates(config: config, state: state).map { "\(environment.configPath): warning: \($0)" }
            + ConfigCoverage.uncovered(plan).map { "\(store.location): warning: \($0)" }
    }
}
