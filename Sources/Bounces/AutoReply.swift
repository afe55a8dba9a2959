import Foundation
import MIME

/// Vacation and out-of-office replies: they reach the bounce address (RFC 3834 asks them to
/// go to the envelope sender) but say nothing about the address.
enum AutoReply {
    /// Subject words of auto-replies, lower-cased: English, Dutch, Romanian, German, French.
    static let subjectWords = [
        "out of office", "out of the office", "automatic reply", "auto reply", "autoreply", "auto-reply", "autosvar",
        "vacation", "away from my desk", "automatisch antwoord", "automatisch bericht", "afwezig", "afwezigheid",
        "niet aanwezig", "met vakantie", "răspuns automat", "raspuns automat", "absent", "concediu",
        "abwesenheit", "automatische antwort", "réponse automatique", "en congé",
    ]

    /// The header or subject that marks `message` an auto-reply, as `Name: value`; nil if none.
    static func evidence(in message: MIME.ParsedMessage) -> String? {
        func header(_ name: String) -> String? { message.header(name)?.trimmingCharacters(in: .whitespaces) }
        if let value = header("Auto-Submitted"), value.lowercased() != "no" { return "Auto-Submitted: \(value)" }
        for name in ["X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Vacation"] {
            if let value = header(name) { return "\(name): \(value)" }
        }
        if let value = header("Precedence"), ["auto_reply", "auto-reply"].contains(value.lowercased()) {
            return "Precedence: \(value)"
        }
        if let value = header("X-Auto-Response-Suppress"), let subject = header("Subject"),
           subject.lowercased().hasPrefix("automatic reply") {
            return "X-Auto-Response-Suppress: \(value)"
        }
        if let subject = header("Subject") {
            let lowered = subject.lowercased()
            if subjectWords.contains(where: { lowered.contains($0) }) { return "Subject: \(subject)" }
        }
        return nil
    }
}
