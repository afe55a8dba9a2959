import Daemon
import DunningCore
import Foundation
import Logging
import Mail

extension Sending {
    /// The bookkeeper's digest, when one is due at `asOf` (see `DigestSchedule` and
    /// `DigestSender`): run after the send cycle, on the same ledger. Returns when the next
    /// digest is due (`asOf` itself while today's is still to go), for the daemon's timer.
    ///
    /// A transport that cannot be set up is a `UserError` naming the config, as for the cycle.
    ///
    /// `retry` (the service's) holds back a digest that failed lately (`DigestRetry`); the
    /// moment returned is then its next attempt.
    @discardableResult
    static func digest(on ledger: WorkspaceLedger, asOf: Date, logger: Logger, configPath: String,
                       retry: inout DigestRetry) throws -> Date? {
        let workspace = ledger.workspace
        let schedule = DigestSchedule(config: workspace.config)
        if let date = schedule.due(at: asOf, state: ledger.state) {
            guard retry.allows(date, at: Date()) else { return retry.notBefore }
            let sender = DigestSender(config: workspace.config, logger: logger, builder: try builder(workspace),
                                      resolveCommand: resolveCommand(configPath: configPath))
            do {
                let outcome = try sender.sendIfDue(asOf: asOf, ledger: ledger) { try transport(workspace.config) }
                retry.note(outcome, at: Date(), retry: workspace.config.retry)
                // Set only after a failed attempt: the next one.
                if let next = retry.notBefore { return next }
            } catch let error as TransportError {
                throw UserError("\(configPath): error: delivery: \(error.description)")
            }
        }
        return schedule.next(after: asOf, state: ledger.state)
    }

    /// `dunning ledger resolve`, with `--config PATH` (absolute) unless the config is the
    /// default one, so that the bookkeeper can paste the digest's command as it stands.
    static func resolveCommand(configPath: String) -> String {
        let path = URL(fileURLWithPath: configPath).standardizedFileURL.path
        guard path != "/etc/dunning/dunning.yaml" else { return "dunning ledger resolve" }
        let plain = path.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+@".unicodeScalars.contains($0) }
        let quoted = plain ? path : "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        return "dunning ledger resolve --config \(quoted)"
    }
}
