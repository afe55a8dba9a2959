import DunningCore
import Foundation

/// The lines of the bookkeeper's digest, written out in Dutch, Romanian or English (any other
/// company language gets English): the digest templates only lay them out.
///
/// Every input is data already formatted (amounts and dates by `TemplateFormatter` for the
/// company's locale); the three translations of each line sit side by side. Server replies,
/// bounce diagnostics and the planner's technical details are quoted as they came.
///
/// ```swift
/// let nl = DigestPhrases(language: "nl")
/// nl.message(customer: nl.customer(id: "C-1", name: "Bakkerij Jansen B.V."), step: "herinnering",
///            invoices: ["F-1", "F-2"], to: "jan@bakkerij.example")
/// // "Bakkerij Jansen B.V. (C-1): stap herinnering voor facturen F-1, F-2 aan jan@bakkerij.example"
/// ```
public struct DigestPhrases: Sendable {
    public enum Language: String, Sendable {
        case nl, ro, en
    }

    public let language: Language

    /// `nl`, `ro` (also `nl-BE`, `ro_RO`), else English.
    public init(language code: String) {
        let base = code.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        language = Language(rawValue: base) ?? .en
    }

    /// Picks the line of the digest's language.
    private func pick(_ nl: String, _ ro: String, _ en: String) -> String {
        switch language {
        case .nl: nl
        case .ro: ro
        case .en: en
        }
    }

    // MARK: Parts

    /// `Bakkerij Jansen B.V. (C-1)`; the id alone when there is no name.
    public func customer(id: String, name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).isEmpty ? id : "\(name) (\(id))"
    }

    /// `factuur F-1`, `facturen F-1, F-2`.
    public func invoices(_ ids: [String]) -> String {
        let list = ids.joined(separator: ", ")
        return ids.count == 1 ? pick("factuur \(list)", "factura \(list)", "invoice \(list)")
            : pick("facturen \(list)", "facturile \(list)", "invoices \(list)")
    }

    /// `stap herinnering` for a policy step (its id as the config names it); the written
    /// confirmation of a promise or arrangement by name.
    public func step(_ id: String) -> String {
        if id == Confirmations.step { return pick("schriftelijke bevestiging", "confirmarea scrisă", "written confirmation") }
        return pick("stap \(id)", "etapa \(id)", "step \(id)")
    }

    /// The number to dial: E.164, and the extension to ask for (`+31201234567 toestel 12`).
    public func phone(_ e164: String, extension: String?) -> String {
        guard let number = `extension` else { return e164 }
        return e164 + pick(" toestel \(number)", " interior \(number)", " ext. \(number)")
    }

    /// `39 dagen`, `1 dag`; Romanian `o zi`, `5 zile`, `20 de zile`.
    public func days(_ count: Int) -> String {
        switch language {
        case .nl: return count == 1 ? "1 dag" : "\(count) dagen"
        case .en: return count == 1 ? "1 day" : "\(count) days"
        case .ro:
            if count == 1 { return "o zi" }
            let rest = count % 100
            return rest == 0 && count != 0 || rest >= 20 ? "\(count) de zile" : "\(count) zile"
        }
    }

    // MARK: What happened

    /// One message: `CUSTOMER: stap STEP voor facturen … aan ADDRESS` (a sent message's line).
    public func message(customer: String, step: String, invoices ids: [String], to: String) -> String {
        let what = "\(self.step(step)) " + pick("voor", "pentru", "for") + " \(invoices(ids))"
        return "\(customer): \(what) " + pick("aan \(to)", "către \(to)", "to \(to)")
    }

    /// A deferred or failed message and the server's reply (or why it was not sent).
    public func message(_ message: String, reason: String) -> String {
        message + pick("; reden: ", "; motiv: ", "; reason: ") + reason
    }

    /// A message whose delivery is unknown: when it was tried and the command that settles it.
    public func uncertain(_ message: String, attempted day: String, messageID: String, command: String) -> String {
        message + pick(", poging van \(day), Message-ID <\(messageID)>; vastleggen met: ",
                       ", încercare din \(day), Message-ID <\(messageID)>; se rezolvă cu: ",
                       ", attempted on \(day), Message-ID <\(messageID)>; settle with: ") + command
    }

    /// A bounce: the address, whose it is (if known), hard or soft, status and diagnostic.
    public func bounce(address: String, customer: String?, hard: Bool, status: String, diagnostic: String,
                       messageID: String?) -> String {
        let whose = customer.map { pick(" van \($0)", ", \($0)", " of \($0)") } ?? ""
        let kind = hard ? pick("definitief onbestelbaar", "nelivrabil definitiv", "permanent failure")
            : pick("tijdelijk onbestelbaar", "nelivrabil temporar", "temporary failure")
        let why = [status, diagnostic].filter { !$0.isEmpty }.joined(separator: " ")
        let about = messageID.map { pick(", bericht <\($0)>", ", mesajul <\($0)>", ", message <\($0)>") } ?? ""
        return "\(address)\(whose): \(kind)" + (why.isEmpty ? "" : " (\(why))") + about
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
        /// Any other reason: its SPEC name and the planner's detail.
        case other(reason: String, detail: String?)
    }

    /// An item held back: `CUSTOMER: stap STEP voor facturen …: betwist (…)`.
    public func blocked(customer: String, step: String, invoices ids: [String], because reason: HeldBack) -> String {
        let why: String
        func detail(_ text: String?) -> String { text.map { " (\($0))" } ?? "" }
        switch reason {
        case .dispute(let reasons):
            why = pick("betwist", "contestată", "disputed") + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: "; ")))")
        case .hold(let until?, let reason):
            why = pick("in de wacht tot en met \(until)", "suspendată până la \(until) inclusiv", "on hold until \(until) inclusive")
                + detail(reason)
        case .hold(nil, let reason):
            why = pick("in de wacht tot die wordt opgeheven", "suspendată până la ridicarea suspendării", "on hold until released")
                + detail(reason)
        case .promise(let until):
            why = pick("betalingsbelofte tot \(until)", "promisiune de plată până la \(until)", "promise to pay by \(until)")
        case .arrangement(let text):
            why = pick("er loopt een betalingsregeling", "există un plan de plată în rate", "an instalment arrangement is in force")
                + detail(text)
        case .contactInvalid(let text):
            why = pick("e-mailadres onbruikbaar", "adresa de e-mail nu poate fi folosită", "the e-mail address cannot be used")
                + detail(text)
        case .contactUnverified(let text):
            why = pick("e-mailadres niet te controleren", "adresa de e-mail nu a putut fi verificată",
                       "the e-mail address could not be verified") + detail(text)
        case .handoverDetails(let text):
            why = pick("gegevens voor de overdracht ontbreken", "lipsesc datele necesare pentru predare",
                       "details needed for the handover are missing") + detail(text)
        case .belowMinimum(let minimum?):
            why = pick("openstaand bedrag onder het minimum van \(minimum)", "totalul de plată este sub minimul de \(minimum)",
                       "the open total is below the minimum of \(minimum)")
        case .belowMinimum(nil):
            why = pick("openstaand bedrag onder het minimum", "totalul de plată este sub minim", "the open total is below the minimum")
        case .other(let reason, let text):
            why = reason + detail(text)
        }
        return "\(customer): \(self.step(step)) " + pick("voor", "pentru", "for") + " \(invoices(ids)): \(why)"
    }

    /// A call to make: the number (or why there is none), what is open, what was sent when.
    ///
    /// `phone` is the number to dial, `nil` when there is no usable one (`raw` is what the
    /// customer record says); `history` lists `(step id, day, bounced)` of the messages sent,
    /// `bounced` when it came back undelivered for good.
    public func call(customer: String, phone: String?, raw: String, open: String, invoices ids: [String],
                     history: [(step: String, day: String, bounced: Bool)]) -> String {
        let number = phone ?? (raw.trimmingCharacters(in: .whitespaces).isEmpty
            ? pick("geen telefoonnummer bekend", "niciun număr de telefon cunoscut", "no phone number on file")
            : pick("geen bruikbaar telefoonnummer (\(raw))", "niciun număr de telefon valid (\(raw))", "no usable phone number (\(raw))"))
        let owed = pick("\(open) open op \(invoices(ids))", "\(open) de plată pentru \(invoices(ids))", "\(open) open on \(invoices(ids))")
        let sent = history.map {
            pick("\(step($0.step)) op \($0.day)", "\(step($0.step)) pe \($0.day)", "\(step($0.step)) on \($0.day)")
                + ($0.bounced ? pick(" (onbestelbaar teruggekomen)", " (returnat ca nelivrabil)", " (bounced)") : "")
        }
        let past = sent.isEmpty ? pick("nog niets verstuurd", "nimic trimis încă", "nothing sent yet")
            : pick("eerder verstuurd: ", "trimise până acum: ", "sent so far: ") + sent.joined(separator: ", ")
        return "\(customer), \(number): \(owed); \(past)"
    }

    /// A promise whose day has come: what was promised, by when, and what is open now.
    public func promiseDue(customer: String, amount: String?, invoices ids: [String], until: String, open: String) -> String {
        let promise = amount.map { pick("betalingsbelofte van \($0)", "promisiune de plată de \($0)", "promise to pay \($0)") }
            ?? pick("betalingsbelofte", "promisiune de plată", "promise to pay")
        return "\(customer): \(promise) " + pick("voor \(invoices(ids)) uiterlijk \(until); nog open: \(open)",
                                                  "pentru \(invoices(ids)) până la \(until); rest de plată: \(open)",
                                                  "for \(invoices(ids)) by \(until); still open: \(open)")
    }

    /// A promise not kept (`until`: its day, when known).
    public func promiseBroken(customer: String, invoices ids: [String], until: String?, open: String) -> String {
        let by = until.map { pick(" van \($0)", " până la \($0)", " by \($0)") } ?? ""
        return "\(customer): " + pick("betalingsbelofte\(by) voor \(invoices(ids)) niet nagekomen; nog open: \(open)",
                                      "promisiunea de plată\(by) pentru \(invoices(ids)) nu a fost respectată; rest de plată: \(open)",
                                      "promise to pay\(by) for \(invoices(ids)) not kept; still open: \(open)")
    }

    /// A claim nearing its limitation period (`daysLeft` > 0), or past it.
    public func limitation(customer: String, invoice: String, open: String, expires: String, daysLeft: Int) -> String {
        let claim = pick("factuur \(invoice) (nog open \(open))", "factura \(invoice) (rest de plată \(open))",
                         "invoice \(invoice) (\(open) open)")
        if daysLeft > 0 {
            return "\(customer): \(claim) " + pick("verjaart op \(expires), over \(days(daysLeft))",
                                                   "se prescrie la \(expires), peste \(days(daysLeft))",
                                                   "becomes time-barred on \(expires), in \(days(daysLeft))")
        }
        return "\(customer): \(claim) " + pick("is verjaard sinds \(expires)", "este prescrisă din \(expires)",
                                               "has been time-barred since \(expires)")
    }

    /// A claim that went through every step and is ready for a collection agency.
    public func handover(customer: String, invoices ids: [String], total: String, since: String) -> String {
        "\(customer): \(invoices(ids)), " + pick("in totaal \(total) inclusief kosten en rente; klaar voor overdracht sinds \(since)",
                                                 "în total \(total) cu tot cu penalități și dobânzi; pot fi predate din \(since)",
                                                 "\(total) in all with costs and interest; ready for handover since \(since)")
    }

    /// Another task the sender wrote (`kind` as recorded; its text as it was written).
    public func task(customer: String, kind: String, text: String) -> String {
        let label = switch kind {
        case "give-up": pick("bezorging opgegeven", "livrare abandonată", "delivery given up")
        case "new-address": pick("nieuw e-mailadres nodig", "este necesară o nouă adresă de e-mail", "a new e-mail address is needed")
        default: kind
        }
        return "\(customer): \(label): \(text)"
    }
}
