import Curl

extension SMTPTransport {
    /// What became of a message, from what libcurl and the server said.
    ///
    /// - The whole message was handed over: the reply to the final `.` decides: 2xx
    ///   `.sent`, 4xx `.deferred`, 5xx `.failed`. No reply (timeout, dropped connection):
    ///   `.uncertain`, since the server may have queued it.
    /// - It was not: nothing was accepted. A 4xx/5xx to `MAIL`, `RCPT` or `DATA` is
    ///   about this message (`.deferred`/`.failed`); anything else (no connection, TLS,
    ///   `AUTH`, a timeout) is about the relay or the config: `.deferred`, the retry
    ///   policy decides.
    public static func outcome(of attempt: SMTPAttempt) -> DeliveryOutcome {
        if attempt.messageHandedOver {
            if let reply = attempt.finalReply {
                switch reply.code / 100 {
                case 2: return .sent(reply: reply.line)
                case 4: return .deferred(reply: reply.line)
                case 5: return .failed(reply: reply.line)
                default: return .uncertain(reason: "unexpected reply after the message: \(reply.line)")
                }
            }
            // libcurl checks for 250 itself; only the line escaped us.
            if attempt.error == nil { return .sent(reply: "\(attempt.responseCode)") }
            return .uncertain(reason: "no reply after the message was handed over: \(localReason(attempt))")
        }
        if attempt.error == nil {
            return .uncertain(reason: "libcurl reported success before the whole message was handed over")
        }
        if let reply = attempt.lastReply, reply.code >= 400 {
            switch attempt.lastCommand {
            case "MAIL", "RCPT", "DATA":
                return reply.code >= 500 ? .failed(reply: reply.line) : .deferred(reply: reply.line)
            case let command?:
                return .deferred(reply: "\(reply.line) (reply to \(command))")
            case nil:
                return .deferred(reply: "\(reply.line) (greeting)")
            }
        }
        return .deferred(reply: "local: \(localReason(attempt))")
    }

    /// libcurl's words for a failure with no telling server reply, plus what to do about the
    /// ones the config causes.
    private static func localReason(_ attempt: SMTPAttempt) -> String {
        guard let error = attempt.error else { return "no error" }
        let words = attempt.errorMessage.isEmpty ? error.description : attempt.errorMessage
        switch error {
        case .peerFailedVerification, .badCAFile:
            return "\(words) (the server's certificate is not trusted; set ca_file for a private CA)"
        case .tlsRequiredButUnavailable:
            return "\(words) (the server offers no STARTTLS; tls: none sends in plain text)"
        case .operationTimedOut:
            return "timeout: \(words)"
        case .receiveError, .sendError, .gotNothing:
            return "connection lost: \(words)"
        default:
            return words
        }
    }
}
