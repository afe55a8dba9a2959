import TestSupport

/// Byte-level checks of composed messages.
enum MessageComposerWire {
    /// The lines, without their CRLF.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                lines.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    static func longestLine(_ bytes: [UInt8]) -> Int {
        lines(bytes).map(\.count).max() ?? 0
    }

    /// Offsets of every CR not followed by LF and every LF not preceded by CR.
    static func bareLineBreaks(_ bytes: [UInt8]) -> [Int] { SampleMessage.bareLineBreaks(bytes) }

    /// The header section, as text (everything before the first empty line).
    static func headerSection(_ bytes: [UInt8]) -> String {
        let all = lines(bytes)
        let end = all.firstIndex { $0.isEmpty } ?? all.count
        return all[..<end].map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
    }
}

/// The two text parts and the Bcc header of a message, as Python reads them.
enum MIMEPythonParserAdapter {
    struct Texts {
        var text: String?
        var html: String?
        var bcc: [String]
    }

    static func parse(_ bytes: [UInt8]) throws -> Texts {
        let parsed = try MIMEPythonParser.parse(bytes)
        return Texts(text: parsed.parts.first { $0.contentType == "text/plain" }?.text,
                     html: parsed.parts.first { $0.contentType == "text/html" }?.text,
                     bcc: parsed.values("Bcc"))
    }
}
