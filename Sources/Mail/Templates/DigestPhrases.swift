import DunningCore
import Foundation

/// The lines of the bookkeeper's digest, written out in Dutch, Romanian or English (any other
/// company language gets English): the digest templates only lay them out.
///
/// The wording is the language's `digest.lines.mustache`, embedded with the built-in
/// templates (`Templates/BuiltIn/LANG/LANG.digest.lines.mustache`, see `BuiltInTemplates`):
/// one section per line or part of a line, rendered alone with the names `sections` lists
/// (as text, without HTML escaping). This type only gathers the facts and puts the parts
/// together. Every input is data already formatted (amounts and dates by `TemplateFormatter`
/// for the company's locale). Server replies, bounce diagnostics and the planner's technical
/// details are quoted as they came.
///
/// ```swift
/// let nl = DigestPhrases(language: "nl")
/// nl.message(customer: nl.customer(id: "C-1", name: "Bakkerij Jansen B.V."), step: "herinnering",
///            invoices: ["F-1", "F-2"], to: "jan@bakkerij.example")
/// // "Bakkerij Jansen B.V. (C-1): stap herinnering voor facturen F-1, F-2 aan jan@bakkerij.example"
/// ```
public struct DigestPhrases: Sendable {
    public enum Language: String, Sendable, CaseIterable {
        case nl, ro, en
    }

    public let language: Language

    /// `nl`, `ro` (also `nl-BE`, `ro_RO`), else English.
    public init(language code: String) {
        let base = code.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        language = Language(rawValue: base) ?? .en
    }

    // MARK: Parts

    /// `Bakkerij Jansen B.V. (C-1)`; the id alone when there is no name. The same in every
    /// language: no words.
    public func customer(id: String, name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).isEmpty ? id : "\(name) (\(id))"
    }

    /// `factuur F-1`, `facturen F-1, F-2`.
    public func invoices(_ ids: [String]) -> String {
        line("invoices", ["list": .text(ids.joined(separator: ", ")), "one": .flag(ids.count == 1)])
    }

    /// `stap herinnering` for a policy step (its id as the config names it); the written
    /// confirmation of a promise or arrangement by name.
    public func step(_ id: String) -> String {
        line("step", ["id": .text(id), "confirmation": .flag(id == Confirmations.step)])
    }

    /// The number to dial: E.164, and the extension to ask for (`+31201234567 toestel 12`).
    public func phone(_ e164: String, extension: String?) -> String {
        line("phone", ["number": .text(e164), "extension": .optional(`extension`)])
    }

    /// `39 dagen`, `1 dag`; Romanian `o zi`, `5 zile`, `20 de zile`.
    ///
    /// The template gets the count and, as flags, its plural category as CLDR defines
    /// Romanian's: `one` (1), `few` (0, and numbers whose last two digits are 1–19: 2, 19,
    /// 101), `other` (the rest: 20, 45, 100, 120). Dutch and English need only `one`.
    public func days(_ count: Int) -> String {
        let rest = count % 100
        let other = rest == 0 && count != 0 || rest >= 20
        return line("days", ["count": .number(count), "one": .flag(count == 1), "few": .flag(count != 1 && !other),
                             "other": .flag(other)])
    }

    // MARK: What happened

    /// One message: `CUSTOMER: stap STEP voor facturen … aan ADDRESS` (a sent message's line).
    public func message(customer: String, step: String, invoices ids: [String], to: String) -> String {
        line("message", ["customer": .text(customer), "step": .text(self.step(step)), "invoices": .text(invoices(ids)),
                         "to": .text(to)])
    }

    /// A deferred or failed message and the server's reply (or why it was not sent).
    public func message(_ message: String, reason: String) -> String {
        line("with_reason", ["line": .text(message), "reason": .text(reason)])
    }

    /// A message whose delivery is unknown: when it was tried and the command that settles it.
    public func uncertain(_ message: String, attempted day: String, messageID: String, command: String) -> String {
        line("uncertain", ["line": .text(message), "day": .text(day), "message_id": .text(messageID), "command": .text(command)])
    }

    /// A bounce: the address, whose it is (if known), hard or soft, status and diagnostic.
    public func bounce(address: String, customer: String?, hard: Bool, status: String, diagnostic: String,
                       messageID: String?) -> String {
        let why = [status, diagnostic].filter { !$0.isEmpty }.joined(separator: " ")
        return line("bounce", ["address": .text(address), "customer": .optional(customer), "hard": .flag(hard),
                               "why": .optional(why.isEmpty ? nil : why), "message_id": .optional(messageID)])
    }

    // MARK: What needs a person

    /// Why a plan item is held back, in words (with the facts the ledger gives).
    public enum HeldBack: Sendable, Equatable {
        /// The dispute reasons as recorded.
        case dispute([String])
        /// Until (formatted, inclusive) or until released; the reason as recorded.
        case hold(until: String?, reason: String)
        case promise(until: String)
        case arrangement(detail: String?)
        case contactInvalid(detail: String?)
        case contactUnverified(detail: String?)
        /// A handover the collection agency could not act on (the customer's name or postal address is missing).
        case handoverDetails(detail: String?)
        /// The policy's minimum, formatted.
        case belowMinimum(minimum: String?)
        /// Any other reason: its fixed name (docs/plan.md) and the planner's detail.
        case other(reason: String, detail: String?)
    }

    /// An item held back: `CUSTOMER: stap STEP voor facturen …: betwist (…)`.
    public func blocked(customer: String, step: String, invoices ids: [String], because reason: HeldBack) -> String {
        let why: String = switch reason {
        case .dispute(let reasons):
            line("dispute", ["reasons": .optional(reasons.isEmpty ? nil : reasons.joined(separator: "; "))])
        case .hold(let until, let reason):
            line("hold", ["until": .optional(until), "reason": .text(reason)])
        case .promise(let until):
            line("promise", ["until": .text(until)])
        case .arrangement(let detail):
            line("arrangement", ["detail": .optional(detail)])
        case .contactInvalid(let detail):
            line("contact_invalid", ["detail": .optional(detail)])
        case .contactUnverified(let detail):
            line("contact_unverified", ["detail": .optional(detail)])
        case .handoverDetails(let detail):
            line("handover_details", ["detail": .optional(detail)])
        case .belowMinimum(let minimum):
            line("below_minimum", ["minimum": .optional(minimum)])
        case .other(let reason, let detail):
            // The fixed name and the planner's words: nothing to translate.
            reason + (detail.map { " (\($0))" } ?? "")
        }
        return line("blocked", ["customer": .text(customer), "step": .text(self.step(step)), "invoices": .text(invoices(ids)),
                                "why": .text(why)])
    }

    /// A call to make: the number (or why there is none), what is open, what was sent when.
    ///
    /// `phone` is the number to dial, `nil` when there is no usable one (`raw` is what the
    /// customer record says); `history` lists `(step id, day, bounced)` of the messages sent,
    /// `bounced` when it came back undelivered for good.
    public func call(customer: String, phone: String?, raw: String, open: String, invoices ids: [String],
                     history: [(step: String, day: String, bounced: Bool)]) -> String {
        let sent = history.map {
            line("sent_on", ["step": .text(step($0.step)), "day": .text($0.day), "bounced": .flag($0.bounced)])
        }
        return line("call", [
            "customer": .text(customer), "number": .optional(phone),
            "raw": .optional(raw.trimmingCharacters(in: .whitespaces).isEmpty ? nil : raw),
            "open": .text(open), "invoices": .text(invoices(ids)),
            "history": .optional(sent.isEmpty ? nil : sent.joined(separator: ", ")),
        ])
    }

    /// A promise whose day has come: what was promised, by when, and what is open now.
    public func promiseDue(customer: String, amount: String?, invoices ids: [String], until: String, open: String) -> String {
        line("promise_due", ["customer": .text(customer), "amount": .optional(amount), "invoices": .text(invoices(ids)),
                             "until": .text(until), "open": .text(open)])
    }

    /// A promise not kept (`until`: its day, when known).
    public func promiseBroken(customer: String, invoices ids: [String], until: String?, open: String) -> String {
        line("promise_broken", ["customer": .text(customer), "invoices": .text(invoices(ids)), "until": .optional(until),
                                "open": .text(open)])
    }

    /// A claim nearing its limitation period (`daysLeft` > 0), or past it.
    public func limitation(customer: String, invoice: String, open: String, expires: String, daysLeft: Int) -> String {
        line("limitation", ["customer": .text(customer), "invoice": .text(invoice), "open": .text(open), "expires": .text(expires),
                            "left": .optional(daysLeft > 0 ? days(daysLeft) : nil)])
    }

    /// Overdue invoices of a customer no policy applies to: not chased at all.
    public func uncovered(customer: String, invoices ids: [String], open: String) -> String {
        line("uncovered", ["customer": .text(customer), "invoices": .text(invoices(ids)), "open": .text(open)])
    }

    /// A claim that went through every step and is ready for a collection agency.
    public func handover(customer: String, invoices ids: [String], total: String, since: String) -> String {
        line("handover", ["customer": .text(customer), "invoices": .text(invoices(ids)), "total": .text(total),
                          "since": .text(since)])
    }

    /// Another task the sender wrote (`kind` as recorded, named by the template when it is
    /// `give-up` or `new-address`; its text as it was written).
    public func task(customer: String, kind: TaskKind, text: String) -> String {
        line("task", ["customer": .text(customer), "kind": .text(kind.rawValue), "text": .text(text),
                      "give_up": .flag(kind == .giveUp), "new_address": .flag(kind == .newAddress),
                      "other": .flag(kind != .giveUp && kind != .newAddress)])
    }
}
