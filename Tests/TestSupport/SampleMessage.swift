/// Messages the transport tests send.
public enum SampleMessage {
    /// An RFC 5322 message with CRLF line ends; a line starting with `.` checks
    /// dot-stuffing both ways. `autoSubmitted` adds the header every dunning message carries.
    public static func reminder(_ number: Int, to recipient: String = "jan@example.nl", autoSubmitted: Bool = true) -> [UInt8] {
        let lines = [
            "Message-ID: <dunning.\(number)@voorbeeld.nl>",
            "Date: Mon, 02 Mar 2026 09:00:00 +0100",
            "From: Voorbeeld B.V. <debiteuren@voorbeeld.nl>",
            "To: \(recipient)",
            "Subject: Herinnering \(number)",
        ] + (autoSubmitted ? ["Auto-Submitted: auto-generated"] : []) + [
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

    /// Offsets of every CR not followed by LF and every LF not preceded by CR.
    public static func bareLineBreaks(_ bytes: [UInt8]) -> [Int] {
        bytes.indices.filter { index in
            switch bytes[index] {
            case 13: index + 1 == bytes.count || bytes[index + 1] != 10
            case 10: index == 0 || bytes[index - 1] != 13
            default: false
            }
        }
    }
}
