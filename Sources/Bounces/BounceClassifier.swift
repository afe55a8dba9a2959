import DunningCore

/// RFC 3463 status codes to hard and soft bounces, and a status for bounces that give none.
///
/// A hard bounce invalidates the address and asks a human for a new one, so it must mean
/// that the mailbox or its domain is gone. Everything that may pass, or is not the address's
/// fault, is soft (docs/bounces.md has the same table):
///
/// | status | meaning | kind |
/// |---|---|---|
/// | 4.x.x | temporary failure, `Action: delayed` | soft |
/// | 5.1.0–5.1.6, 5.1.9, 5.1.10 | bad mailbox, bad domain, bad syntax, moved; 5.1.10 Office 365's null MX / recipient not found | hard |
/// | 5.1.7, 5.1.8 | our sender address was refused | soft |
/// | 5.2.1 | mailbox disabled | hard |
/// | 5.2.2, 5.2.3 | mailbox full, message too big | soft |
/// | 5.3.x, 5.6.x | the receiving system, the content | soft |
/// | 5.4.4 | domain cannot be routed (no MX, no address) | hard |
/// | 5.4.x, 5.5.x, 5.7.x, 5.2.4 | routing, protocol, policy and spam rejections | soft, unless the text says the mailbox does not exist |
/// | 5.0.0, 5.2.0, other 5.x.x | undefined permanent failure | hard, unless the text says full, spam or policy, or temporary |
///
/// A generic status (`5.0.0`, `4.0.0`, as Postfix writes for a reply it did not understand)
/// gives way to a more specific code of the same class in the diagnostic. A bounce without
/// any enhanced code gets one from the SMTP reply code and the text (``infer(from:permanent:)``).
enum BounceClassifier {
    /// The enhanced code ``classify(status:diagnostic:)`` decided on, the kind, and how the
    /// status was found when the bounce did not give it.
    struct Outcome: Equatable {
        var status: EnhancedStatus
        var kind: BounceKind
        /// Nil when the status came from the bounce; else e.g. `SMTP reply 550`.
        var inferredFrom: String?
    }

    /// Classifies a failed recipient from its status field (if any) and its diagnostic text.
    /// `permanent` is what the bounce as a whole says (failed or delayed) when neither gives a code.
    static func classify(status field: String?, diagnostic: String, permanent: Bool) -> Outcome {
        let given = field.flatMap(EnhancedStatus.first(in:))
        let inText = EnhancedStatus.first(in: diagnostic)
        var status: EnhancedStatus
        var inferredFrom: String?
        switch (given, inText) {
        case (let given?, let inText?) where given.isGeneric && inText.klass == given.klass: status = inText
        case (let given?, _): status = given
        case (nil, let inText?): status = inText
        case (nil, nil):
            (status, inferredFrom) = infer(from: diagnostic, permanent: permanent)
        }
        return Outcome(status: status, kind: kind(of: status, text: diagnostic), inferredFrom: inferredFrom)
    }

    /// The kind a status means (the table above); `text` decides the rows that say "unless".
    static func kind(of status: EnhancedStatus, text: String) -> BounceKind {
        guard status.klass == 5 else { return .soft }
        let phrase = Phrase.first(in: text)
        switch (status.subject, status.detail) {
        case (1, 7), (1, 8), (2, 2), (2, 3), (3, _), (6, _): return .soft
        case (1, _), (2, 1), (4, 4): return .hard
        case (4, _), (5, _), (7, _), (2, 4):
            return phrase?.meansMailboxGone == true ? .hard : .soft
        default:
            return phrase?.meansMailboxGone == false ? .soft : .hard
        }
    }

    /// A status for a diagnostic without an enhanced code: from a phrase it contains, else
    /// from its SMTP reply code (550, 551, 553: no such mailbox; 552: full; other 5xx:
    /// undefined; 4xx: temporary), else from `permanent`.
    static func infer(from text: String, permanent: Bool) -> (EnhancedStatus, String) {
        let reply = smtpReplyCode(in: text)
        let klass = reply.map { $0 / 100 } ?? (permanent ? 5 : 4)
        if let phrase = Phrase.first(in: text) {
            let code = phrase.status
            return (EnhancedStatus(klass: klass, subject: code.subject, detail: code.detail),
                    reply.map { "SMTP reply \($0) and text" } ?? "text")
        }
        guard let reply else { return (EnhancedStatus(klass: klass, subject: 0, detail: 0), "text") }
        switch reply {
        case 550, 551, 553: return (EnhancedStatus(klass: 5, subject: 1, detail: 1), "SMTP reply \(reply)")
        case 552: return (EnhancedStatus(klass: 5, subject: 2, detail: 2), "SMTP reply \(reply)")
        default: return (EnhancedStatus(klass: klass, subject: 0, detail: 0), "SMTP reply \(reply)")
        }
    }

    /// The first SMTP reply code (4xx or 5xx) standing on its own in `text`.
    static func smtpReplyCode(in text: String) -> Int? {
        guard let match = text.firstMatch(of: /(?:^|[^0-9.])([45][0-9][0-9])(?=[ \-]|$)/) else { return nil }
        return Int(match.output.1)
    }
}

/// An RFC 3463 enhanced status code, `class.subject.detail`.
struct EnhancedStatus: Equatable, CustomStringConvertible {
    var klass: Int
    var subject: Int
    var detail: Int

    var description: String { "\(klass).\(subject).\(detail)" }
    /// `X.0.0`: says only success, temporary or permanent.
    var isGeneric: Bool { subject == 0 && detail == 0 }

    /// The first enhanced code in `text` (`5.1.1`, `#5.1.1`, `4.2.2`), not part of an IP address
    /// or a version number.
    static func first(in text: String) -> EnhancedStatus? {
        guard let match = text.firstMatch(of: /(?:^|[^0-9.])([245])\.([0-9]{1,3})\.([0-9]{1,3})(?![0-9]|\.[0-9])/),
              let klass = Int(match.output.1), let subject = Int(match.output.2), let detail = Int(match.output.3)
        else { return nil }
        return EnhancedStatus(klass: klass, subject: subject, detail: detail)
    }
}

/// Words bounces use for why delivery failed, for bounces without a code and for the rows of
/// the table that depend on the text. Matched lower-cased, first group first.
enum Phrase: CaseIterable {
    case mailboxFull, unknownMailbox, disabledMailbox, unknownDomain, policy, temporary

    static let words: [Phrase: [String]] = [
        .mailboxFull: ["quota", "mailbox full", "mailbox is full", "mailbox has exceeded", "insufficient storage",
                       "out of storage", "storage allocation", "inbox is full"],
        .unknownMailbox: ["user unknown", "unknown user", "no such user", "user not found", "recipient not found",
                          "recipnotfound", "recipientnotfound", "mailbox not found", "no mailbox here", "no such mailbox",
                          "does not exist", "doesn't exist", "doesn't have a", "invalid recipient", "unknown recipient",
                          "invalid mailbox", "not a valid mailbox", "address not found", "couldn't be found",
                          "unrouteable address", "mailbox unavailable", "no longer available", "account does not exist",
                          // Office 365's directory-based edge blocking: the recipient is not in the directory.
                          "recipient address rejected: access denied"],
        .disabledMailbox: ["disabled", "deactivated", "inactive", "account has been closed", "account is closed"],
        .unknownDomain: ["host not found", "domain not found", "no such domain", "couldn't find any host",
                         "name or service not known", "nxdomain", "null mx", "no mx"],
        .policy: ["spam", "blocked", "blacklist", "blocklist", "policy", "reputation", "dmarc", "spf",
                  "not authorized", "relay access denied", "relaying denied", "content rejected"],
        .temporary: ["try again later", "temporarily", "temporary", "greylist", "timed out", "connection refused",
                     "too long", "retry timeout exceeded", "not yet been delivered", "delayed"],
    ]

    /// The first kind of phrase in `text`, in the order of `allCases`.
    static func first(in text: String) -> Phrase? {
        let lowered = text.lowercased()
        return allCases.first { phrase in words[phrase, default: []].contains { lowered.contains($0) } }
    }

    /// True for a dead mailbox or domain, false for reasons that are not the address's fault.
    var meansMailboxGone: Bool {
        switch self {
        case .unknownMailbox, .disabledMailbox, .unknownDomain: true
        case .mailboxFull, .policy, .temporary: false
        }
    }

    /// The status a bounce without one gets for this phrase (its class comes from elsewhere).
    var status: EnhancedStatus {
        switch self {
        case .mailboxFull: EnhancedStatus(klass: 5, subject: 2, detail: 2)
        case .unknownMailbox: EnhancedStatus(klass: 5, subject: 1, detail: 1)
        case .disabledMailbox: EnhancedStatus(klass: 5, subject: 2, detail: 1)
        case .unknownDomain: EnhancedStatus(klass: 5, subject: 1, detail: 2)
        case .policy: EnhancedStatus(klass: 5, subject: 7, detail: 1)
        case .temporary: EnhancedStatus(klass: 5, subject: 4, detail: 7)
        }
    }
}
