import DunningCore
import Foundation
import Mail
import TestSupport

/// Messages and settings the transport tests share.
enum TransportFixtures {
    /// A plain reminder (`SampleMessage.reminder`).
    static func message(_ number: Int, to recipient: String = "jan@example.nl") -> [UInt8] {
        SampleMessage.reminder(number, to: recipient)
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
