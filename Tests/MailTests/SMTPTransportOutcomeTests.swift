import Curl
import Mail
import Testing

/// The classification alone, on `SMTPAttempt` values (what libcurl and the server said).
@Suite struct SMTPTransportOutcomeTests {
    static let queued = SMTPReply(code: 250, line: "250 2.0.0 Ok: queued as 4F")

    @Test("the reply to the final dot decides once the whole message was handed over", arguments: [
        (SMTPAttempt(error: nil, responseCode: 250, lastReply: queued, lastCommand: "DATA", messageHandedOver: true,
                     finalReply: queued), DeliveryOutcome.sent(reply: "250 2.0.0 Ok: queued as 4F")),
        (SMTPAttempt(error: .receiveError, responseCode: 451, lastCommand: "DATA", messageHandedOver: true,
                     finalReply: SMTPReply(code: 451, line: "451 4.3.0 Later")), .deferred(reply: "451 4.3.0 Later")),
        (SMTPAttempt(error: .receiveError, responseCode: 554, lastCommand: "DATA", messageHandedOver: true,
                     finalReply: SMTPReply(code: 554, line: "554 5.7.1 No")), .failed(reply: "554 5.7.1 No")),
        (SMTPAttempt(error: .operationTimedOut, errorMessage: "server response timeout", responseCode: 354,
                     lastReply: SMTPReply(code: 354, line: "354 Go ahead"), lastCommand: "DATA", messageHandedOver: true),
         .uncertain(reason: "no reply after the message was handed over: timeout: server response timeout")),
        (SMTPAttempt(error: .gotNothing, errorMessage: "", responseCode: 354, lastCommand: "DATA", messageHandedOver: true),
         .uncertain(reason: "no reply after the message was handed over: connection lost: Server returned nothing (no headers, no data)")),
    ])
    func afterTheMessage(attempt: SMTPAttempt, outcome: DeliveryOutcome) {
        #expect(SMTPTransport.outcome(of: attempt) == outcome)
    }

    @Test("before the end of the message nothing can have been accepted", arguments: [
        (SMTPAttempt(error: .sendError, responseCode: 550, lastReply: SMTPReply(code: 550, line: "550 5.1.1 Unknown user"),
                     lastCommand: "RCPT"), DeliveryOutcome.failed(reply: "550 5.1.1 Unknown user")),
        (SMTPAttempt(error: .sendError, responseCode: 450, lastReply: SMTPReply(code: 450, line: "450 4.2.0 Greylisted"),
                     lastCommand: "RCPT"), .deferred(reply: "450 4.2.0 Greylisted")),
        (SMTPAttempt(error: .receiveError, responseCode: 553, lastReply: SMTPReply(code: 553, line: "553 Sender rejected"),
                     lastCommand: "MAIL"), .failed(reply: "553 Sender rejected")),
        (SMTPAttempt(error: .loginDenied, responseCode: 535, lastReply: SMTPReply(code: 535, line: "535 5.7.8 Bad"),
                     lastCommand: "AUTH"), .deferred(reply: "535 5.7.8 Bad (reply to AUTH)")),
        (SMTPAttempt(error: .couldNotConnect, errorMessage: "Failed to connect to mail port 587"),
         .deferred(reply: "local: Failed to connect to mail port 587")),
        (SMTPAttempt(error: .operationTimedOut, errorMessage: "Connection timed out after 30000 milliseconds"),
         .deferred(reply: "local: timeout: Connection timed out after 30000 milliseconds")),
        (SMTPAttempt(error: .receiveError, errorMessage: "response reading failed", responseCode: 354,
                     lastReply: SMTPReply(code: 354, line: "354 Go ahead"), lastCommand: "DATA"),
         .deferred(reply: "local: connection lost: response reading failed")),
        (SMTPAttempt(error: .weirdServerReply, responseCode: 554, lastReply: SMTPReply(code: 554, line: "554 No SMTP service here")),
         .deferred(reply: "554 No SMTP service here (greeting)")),
    ])
    func beforeTheEnd(attempt: SMTPAttempt, outcome: DeliveryOutcome) {
        #expect(SMTPTransport.outcome(of: attempt) == outcome)
    }
}
