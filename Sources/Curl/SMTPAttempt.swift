/// One reply line of the server: `250 2.0.0 Ok: queued as 4F…`.
///
/// For a multi-line reply (`250-…`, `250 …`) this is the last line.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The three-digit reply code (RFC 5321 §4.2).
    public var code: Int
    /// The whole line without CRLF, code included.
    public var line: String

    public init(code: Int, line: String) {
        self.code = code
        self.line = line
    }

    /// Parses one line; `nil` unless it starts with three digits followed by a space or nothing
    /// (continuation lines, `250-…`, are not replies of their own).
    public init?(line: some StringProtocol) {
        let utf8 = Array(line.utf8.prefix(4))
        guard utf8.count >= 3, utf8[0..<3].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              utf8.count == 3 || utf8[3] == UInt8(ascii: " ") else { return nil }
        self.code = utf8[0..<3].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        self.line = String(line)
    }

    public var description: String { line }
}

/// What one `SMTPConnection.send` did, as far as libcurl lets us see.
///
/// libcurl does not say at which step a transfer failed; the connection watches the
/// protocol lines (`CURLOPT_DEBUGFUNCTION`) and the read callback to tell.
public struct SMTPAttempt: Sendable {
    /// `nil` when libcurl reports success (the server said 250 to the message).
    public var error: CurlError?
    /// libcurl's own words for the error (`CURLOPT_ERRORBUFFER`); empty without error.
    public var errorMessage: String
    /// `CURLINFO_RESPONSE_CODE`: the last reply code libcurl saw, 0 for none.
    public var responseCode: Int
    /// The last complete reply line of the server in this transfer.
    public var lastReply: SMTPReply?
    /// The command that `lastReply` answers (`MAIL`, `RCPT`, `DATA`, `AUTH`, `STARTTLS`, …);
    /// `nil` for the greeting. Only the verb is kept, never its argument.
    public var lastCommand: String?
    /// The read callback handed the whole message to libcurl (it may still have been in flight).
    public var messageHandedOver: Bool
    /// The reply that came after the whole message was handed over: the answer to the final `.`.
    public var finalReply: SMTPReply?
    /// Connections opened for this transfer (`CURLINFO_NUM_CONNECTS`): 0 when one was reused.
    public var newConnections: Int

    public init(error: CurlError?, errorMessage: String = "", responseCode: Int = 0, lastReply: SMTPReply? = nil,
                lastCommand: String? = nil, messageHandedOver: Bool = false, finalReply: SMTPReply? = nil,
                newConnections: Int = 0) {
        self.error = error
        self.errorMessage = errorMessage
        self.responseCode = responseCode
        self.lastReply = lastReply
        self.lastCommand = lastCommand
        self.messageHandedOver = messageHandedOver
        self.finalReply = finalReply
        self.newConnections = newConnections
    }
}
