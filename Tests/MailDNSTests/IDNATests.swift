import MailDNS
import Testing

@Suite struct IDNATests {
    @Test("internationalized domains become lower-case A-labels (UTS #46 non-transitional)", arguments: [
        ("münchen.de", "xn--mnchen-3ya.de"),
        // Full-width letters and the ideographic full stop map to their ASCII forms.
        ("ｍüｎｃｈｅｎ。de", "xn--mnchen-3ya.de"),
        ("firmă.ro", "xn--firm-3sa.ro"),
        // Non-transitional: ß is its own letter (IDNA2008), not "ss" as in IDNA2003.
        ("faß.de", "xn--fa-hia.de"),
        // Upper case maps to lower case before encoding.
        ("ÄÖÜ.example", "xn--4ca0bs.example"),
        // Decomposed input (u + combining diaeresis) is normalized to NFC first.
        ("mu\u{308}nchen.de", "xn--mnchen-3ya.de"),
        ("bücher.münchen.de", "xn--bcher-kva.xn--mnchen-3ya.de"),
    ])
    func unicode(domain: String, expected: String) {
        #expect(IDNA.toASCII(domain) == .success(expected))
    }

    @Test("ASCII domains pass through lower-cased", arguments: [
        ("ExAmple.COM", "example.com"),
        ("mail-1.example.nl", "mail-1.example.nl"),
        ("XN--MNCHEN-3YA.DE", "xn--mnchen-3ya.de"),
    ])
    func ascii(domain: String, expected: String) {
        #expect(IDNA.toASCII(domain) == .success(expected))
    }

    @Test("libidn2's reason, in plain English, for a domain it refuses", arguments: [
        ("☃.net", "string contains a disallowed character"),
        (String(repeating: "a", count: 64) + ".de", "domain label longer than 63 characters"),
        // 60 characters, but more than 63 octets as an A-label.
        ("ü" + String(repeating: "1", count: 59) + ".de", "punycode encoded data will be too large"),
        ("xn--zz.de", "string contains invalid punycode data"),
        ("-abc.de", "string start/ends with forbidden hyphen"),
        ("ab--c.de", "string contains forbidden two hyphens pattern"),
        ("١٢٣.com", "string has forbidden bi-directional properties"),
        // 254 octets: one more than DNS carries (libidn2's text counts the root's length octets).
        (String([String](repeating: String(repeating: "a", count: 63), count: 4).joined(separator: ".").dropLast()),
         "domain name longer than 255 characters"),
    ])
    func refused(domain: String, reason: String) throws {
        let error = try #require(Self.error(IDNA.toASCII(domain)))
        guard case .rejected(let code, let text) = error else {
            Issue.record("expected libidn2 to refuse \(domain), got \(error)")
            return
        }
        #expect(code < 0)
        #expect(text == reason)
        #expect(error.description == reason)
    }

    @Test("what UTS #46 lets through but a mail domain may not have", arguments: [
        ("a_b.de", IDNAError.notLetterDigitHyphen(label: "a_b")),
        ("exa mple.de", .notLetterDigitHyphen(label: "exa mple")),
        ("bü_cher.de", .notLetterDigitHyphen(label: "bü_cher")),
        ("a\u{0}b.de", .notLetterDigitHyphen(label: "a\u{0}b")),
        ("", .emptyLabel),
        ("a..de", .emptyLabel),
        ("example.de.", .emptyLabel),
        ("ａ_ｂ。de", .notLetterDigitHyphen(label: "ａ_ｂ")),
    ])
    func notMailDomain(domain: String, expected: IDNAError) {
        #expect(IDNA.toASCII(domain) == .failure(expected))
    }

    @Test("a name of exactly 253 octets is still a domain")
    func longest() {
        let domain = [String](repeating: String(repeating: "a", count: 63), count: 3).joined(separator: ".") + "." + String(repeating: "b", count: 61)
        #expect(domain.utf8.count == 253)
        #expect(IDNA.toASCII(domain) == .success(domain))
    }

    @Test("libidn2 is linked and reports its version")
    func version() {
        #expect(IDNA.libraryVersion.hasPrefix("2."))
    }

    private static func error(_ result: Result<String, IDNAError>) -> IDNAError? {
        if case .failure(let error) = result { error } else { nil }
    }
}
