import Mail
import Testing

@Suite struct WireFormatTests {
    /// The rule as plainly as it can be written: byte by byte, the first offender wins.
    static func reference(_ bytes: [UInt8]) -> String? {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13 {
                guard index + 1 < bytes.count, bytes[index + 1] == 10 else { return "bare CR" }
                index += 2
            } else if bytes[index] == 10 {
                return "bare LF"
            } else {
                index += 1
            }
        }
        return nil
    }

    @Test("the line-end check agrees with the byte-by-byte rule on crafted and random messages")
    func lineEnds() {
        let crafted: [String] = [
            "", "a", "\r\n", "a\r\nb\r\n", "a\r\nb", "\n", "\r", "a\r", "a\n", "\r\r\n", "\r\n\n", "a\r\nb\rc\r\n",
            "a\r\nb\nc\r\n", "x\r\n\r\n.\r\n", "\n\r", "a\rb\nc", "line\r\n" + String(repeating: "y", count: 5_000) + "\r\n",
        ]
        for text in crafted {
            #expect(WireFormat.lineEndingProblem(in: Array(text.utf8)) == Self.reference(Array(text.utf8)), "\(text.debugDescription)")
        }
        // Random messages over a small alphabet rich in CR and LF, mostly well-formed.
        var random = SystemRandomNumberGenerator()
        let alphabet: [[UInt8]] = [[13, 10], [13, 10], [13, 10], [13], [10], [65], [66], [46], [0xC3, 0xBC]]
        var offenders = 0
        for _ in 0..<2_000 {
            let message = (0..<Int.random(in: 0...40, using: &random)).flatMap { _ in alphabet.randomElement(using: &random)! }
            let expected = Self.reference(message)
            if expected != nil { offenders += 1 }
            #expect(WireFormat.lineEndingProblem(in: message) == expected, "\(message)")
        }
        #expect(offenders > 100 && offenders < 1_990)
    }
}
