import DunningCore
import Foundation

/// The finished lines of the bookkeeper's digest, one list per group, in the company's
/// language (`DigestPhrases` writes them).
public struct DigestGroups: Sendable, Equatable {
    /// Customers with overdue invoices no policy applies to: nobody chases them.
    public var needsAttention: [String] = []
    /// Messages delivered since the previous digest (reminders, notices, confirmations).
    public var sent: [String] = []
    /// Messages waiting for a retry after a temporary failure.
    public var deferred: [String] = []
    /// Messages refused for good (or not built) since the previous digest.
    public var failed: [String] = []
    /// Bounces recorded since the previous digest.
    public var bounced: [String] = []
    /// Every message whose delivery is unknown, with the command that settles it.
    public var uncertain: [String] = []
    /// Plan items held back for a reason a person may act on.
    public var blocked: [String] = []
    /// Calls to make.
    public var calls: [String] = []
    /// Promises to pay whose day has come, and promises broken.
    public var promises: [String] = []
    /// Claims nearing (or past) their limitation period.
    public var limitation: [String] = []
    /// Claims ready for a collection agency.
    public var handovers: [String] = []
    /// Other work for a person (a delivery given up, a new address to find).
    public var tasks: [String] = []

    public init() {}

    /// How many lines ask a person to do something: everything but `sent`, `deferred`
    /// (retried by themselves) and `blocked` (a standing state, not news).
    public var attention: Int {
        [needsAttention, failed, bounced, uncertain, calls, promises, limitation, handovers, tasks].reduce(0) { $0 + $1.count }
    }

    /// No line at all.
    public var isEmpty: Bool { attention == 0 && sent.isEmpty && deferred.isEmpty && blocked.isEmpty }
}

extension TemplateData {
    /// For the bookkeeper's daily digest of `date`, in the company's language and locale.
    ///
    /// `since` is when the previous digest was recorded (`nil`: none, the digest covers the
    /// last 24 hours); each group is a list of finished lines.
    public static func digest(date: CalendarDate, since: Date?, groups: DigestGroups, config: DunningConfig) -> TemplateData {
        let format = TemplateFormatter(localeIdentifier: config.company.locale, currency: .euro)
        func group(_ lines: [String]) -> TemplateValue {
            .object(["count": .number(lines.count), "any": .flag(!lines.isEmpty),
                     "lines": .list(lines.map { .text($0) }, element: .text(""))])
        }
        return TemplateData(shape: .digest, fields: [
            "language": .text(config.company.language),
            "date": .text(format.date(date)),
            "since": .optional(since.map { format.dateTime($0, in: config.company.timeZone) }),
            "company": company(config.company),
            "needs_attention": group(groups.needsAttention),
            "sent": group(groups.sent),
            "deferred": group(groups.deferred),
            "failed": group(groups.failed),
            "bounced": group(groups.bounced),
            "uncertain": group(groups.uncertain),
            "blocked": group(groups.blocked),
            "calls": group(groups.calls),
            "promises": group(groups.promises),
            "limitation": group(groups.limitation),
            "handovers": group(groups.handovers),
            "tasks": group(groups.tasks),
            "attention": .number(groups.attention),
            "quiet": .flag(groups.isEmpty),
        ])
    }
}
