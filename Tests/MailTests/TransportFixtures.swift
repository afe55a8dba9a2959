import DunningCore
import Foundation
import Mail

/// Messages and settings the transport tests share.
enum TransportFixtures {
    /// An RFC 5322 message with CRLF line ends; `body` lands in the text, and a line starting
    /// with `.` checks dot-stuffing both ways.
    static func message(_ number: Int, to recipient: String = "jan@example.nl") -> [UInt8] {
        let lines = [
            "Message-ID: <dunning.\(number)@voorbeeld.nl>",
            "Date: Mon, 02 Mar 2026 09:00:00 +0100",
            "From: Voorbeeld B.V. <debiteuren@voorbeeld.nl>",
            "To: \(recipient)",
            "Subject: Herinnering \(number)",
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            "Beste klant, factuur INV-\(number) staat open: € 1.234,56.",
            ".Deze regel begint met een punt.",
            "..en deze met twee.",
            ".",
            "Met vriendelijke groet",
        ]
        return Array(lines.joined(separator: "\r\n").utf8) + [13, 10]
    }

    static func envelope(_ recipients: String...) -> Envelope {
        Envelope(sender: "bounce+tok123@voorbeeld.nl", recipients: recipients)
    }

    static func settings(_ url: String, tls: SMTPSettings.TLS = .none, caFile: String? = nil, username: String? = nil,
                         passwordFile: String? = nil, timeout: Int = 10) -> SMTPSettings {
        SMTPSettings(url: url, tls: tls, caFile: caFile, username: username, passwordFile: passwordFile,
                     envelopeFrom: "bounce+{token}@voorbeeld.nl", timeout: .seconds(timeout))
    }
}

extension DeliveryOutcome {
    /// The reply or reason, whatever the case.
    var text: String {
        switch self {
        case .sent(let reply), .deferred(let reply), .failed(let reply): reply
        case .uncertain(let reason): reason
        }
    }

    var isSent: Bool { if case .sent = self { true } else { false } }
    var isDeferred: Bool { if case .deferred = self { true } else { false } }
    var isFailed: Bool { if case .failed = self { true } else { false } }
    var isUncertain: Bool { if case .uncertain = self { true } else { false } }
}
