import Glibc

/// The checks every transport makes before a message leaves: what SMTP must never carry.
///
/// RFC 5321 §2.3.8: lines end in CRLF; a bare CR or LF is refused (and was the door to
/// SMTP smuggling). The composer writes CRLF already, so a bare one is a bug upstream:
/// the message fails locally instead of being repaired.
public enum WireFormat {
    /// `"bare LF"` or `"bare CR"` for the first offending byte; `nil` when every line ends in CRLF.
    public static func lineEndingProblem(in message: [UInt8]) -> String? {
        // Runs over every message sent: from line end to line end with memchr.
        message.withUnsafeBufferPointer { buffer -> String? in
            var start = 0
            while true {
                let lf = buffer.index(of: 10, from: start)
                let end = lf ?? buffer.count
                if let cr = buffer.index(of: 13, from: start), cr < end {
                    // The line's only CR must be the one before its LF.
                    if lf == nil || cr != end - 1 { return "bare CR" }
                } else if lf != nil {
                    return "bare LF"
                }
                guard let lf else { return nil }
                start = lf + 1
            }
        }
    }

    /// Why an envelope address cannot go into `MAIL FROM`/`RCPT TO`, or `nil`.
    ///
    /// Control characters would end the command early (command injection); angle brackets
    /// are added by libcurl.
    public static func addressProblem(_ address: String) -> String? {
        if address.isEmpty { return "empty address" }
        // Byte by byte: UTF-8 never uses an ASCII byte inside another character.
        if address.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return "control character in address"
        }
        if address.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) { return "angle bracket in address" }
        return nil
    }

    /// The local reason a message or its envelope cannot be sent, `nil` when it can.
    static func refusal(_ message: [UInt8], _ envelope: Envelope) -> String? {
        if let problem = lineEndingProblem(in: message) { return problem }
        if envelope.recipients.isEmpty { return "no recipients" }
        // The config's `bounce+{token}@…`: the caller fills the token; unfilled is a bug.
        if MessageComposer.contains(envelope.sender, bytes: "{token}") { return "unfilled {token} in sender" }
        for address in [envelope.sender] + envelope.recipients {
            if let problem = addressProblem(address) { return problem }
        }
        return nil
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The index of the first `byte` at or after `start` (memchr), `nil` if there is none:
    /// how the checks that read every message whole go from line end to line end.
    func index(of byte: UInt8, from start: Int) -> Int? {
        guard start < count, let base = baseAddress, let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }
}
