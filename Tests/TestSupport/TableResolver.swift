import Foundation
import MailDNS
import Verify

/// Answers from a table and counts what it was asked (a protocol double for the narrow
/// cases; the resolver itself is tested against dnsmasq).
public final class TableResolver: DomainResolving, @unchecked Sendable {
    private let lock = NSLock()
    private var table: [String: MailDomainStatus]
    private var asked: [[String]] = []
    public init(_ table: [String: MailDomainStatus]) { self.table = table }
    public var questions: [[String]] { lock.withLock { asked } }
    public func set(_ domain: String, _ status: MailDomainStatus) { lock.withLock { table[domain] = status } }
    public func lookup(_ domains: [String]) -> [String: MailDomainStatus] {
        lock.withLock {
            asked.append(domains)
            return Dictionary(uniqueKeysWithValues: domains.map { ($0, table[$0] ?? .nonexistent) })
        }
    }
}
