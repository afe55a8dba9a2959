/// Reads what an IMAP server answered to the commands `IMAPMailbox` sends (RFC 9051 /
/// RFC 3501 response syntax, only as far as those commands need).
///
/// libcurl hands every response line of a custom command to the header callback
/// (`CURLOPT_HEADERFUNCTION`), literal data included, byte for byte and in order; the
/// mailbox collects them into one stream per command, and these functions read it.
public enum IMAPResponse {
    /// Why a `FETCH` answer could not be read.
    public enum FetchError: Error, Equatable, CustomStringConvertible {
        /// No `BODY[] {N}` literal in the answer: the message is gone (expunged) or the
        /// server answered something else.
        case noLiteral
        /// The literal announced `expected` bytes but only `received` came (the response
        /// was cut short; never take a partial message for a whole one).
        case truncated(expected: Int, received: Int)

        public var description: String {
            switch self {
            case .noLiteral: "no BODY[] literal in the FETCH response"
            case .truncated(let expected, let received): "FETCH literal truncated: \(received) of \(expected) bytes"
            }
        }
    }

    /// The numbers of the `* SEARCH` lines in `stream` (the UIDs of `UID SEARCH`), in order.
    public static func searchResults(in stream: [UInt8]) -> [UInt32] {
        var numbers: [UInt32] = []
        for line in stream.split(separator: 10) {
            let words = line.split(whereSeparator: { $0 == 32 || $0 == 13 }).map { String(decoding: $0, as: UTF8.self) }
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { continue }
            numbers += words.dropFirst(2).compactMap { UInt32($0) }
        }
        return numbers
    }

    /// The bytes of the first `BODY[] {N}` literal in `stream`: the message a
    /// `UID FETCH n BODY.PEEK[]` returned (servers answer `BODY[]` for `BODY.PEEK[]`).
    public static func fetchedMessage(in stream: [UInt8]) throws(FetchError) -> [UInt8] {
        let marker = Array("BODY[] {".utf8)
        guard let start = firstIndex(of: marker, in: stream) else { throw .noLiteral }
        var index = start + marker.count
        var size = 0
        while index < stream.count, let digit = digit(stream[index]) {
            guard size < Int.max / 10 - 9 else { throw .noLiteral }
            size = size * 10 + digit
            index += 1
        }
        // `{N}` then CRLF; the literal follows.
        guard index > start + marker.count, index + 2 < stream.count + 1,
              stream[index...].starts(with: Array("}\r\n".utf8)) else { throw .noLiteral }
        let body = index + 3
        let received = stream.count - body
        guard received >= size else { throw .truncated(expected: size, received: received) }
        return Array(stream[body..<(body + size)])
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (48...57).contains(byte) ? Int(byte - 48) : nil
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
