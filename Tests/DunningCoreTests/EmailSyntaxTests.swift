@testable import DunningCore
import Testing

@Suite struct EmailSyntaxTests {
    static let local64 = String(repeating: "a", count: 64)
    static let label63 = String(repeating: "b", count: 63)
    /// 64 + 1 + 63 + 1 + 63 + 1 + 58 + 3 = 254 octets: the longest address allowed.
    static let longest = "\(local64)@\(label63).\(label63).\(String(repeating: "c", count: 58)).nl"

    @Test("valid addresses", arguments: [
        "jan@example.nl",
        "Jan.de.Vries@Example.NL",
        "jan.de.vries+facturen@example.nl",
        "debiteuren-administratie@bakkerij-de-korst.nl",
        "a@b.co",
        "x_y@sub.domain.example.be",
        "o'brien@example.com",
        "!#$%&'*+-/=?^_`{|}~@example.ro",
        "info@123.example.nl",
        "info@xn--mnchen-3ya.de",
        "user@example.museum",
        "1234567890@example.nl",
        "facturi@firmă.ro",
        local64 + "@example.nl",
        "jan@" + label63 + ".nl",
        longest,
    ])
    func valid(_ address: String) throws {
        let syntax = try EmailSyntax.check(address).get()
        #expect(!syntax.quotedLocal && !syntax.needsSMTPUTF8)
        #expect(syntax.local + "@" + syntax.domain == address)
    }

    @Test("invalid addresses, each with its reason", arguments: [
        ("", "the address is empty"),
        ("jan", "no @ in the address"),
        ("@example.nl", "nothing before the @"),
        ("jan@", "nothing after the @"),
        ("jan@@example.nl", "'@' is not allowed before the @ unless that part is quoted"),
        ("jan@exa@mple.nl", "'@' is not allowed before the @ unless that part is quoted"),
        (".jan@example.nl", "the part before the @ starts or ends with a dot"),
        ("jan.@example.nl", "the part before the @ starts or ends with a dot"),
        ("jan..de.vries@example.nl", "two dots in a row before the @"),
        ("jan de vries@example.nl", "' ' is not allowed before the @ unless that part is quoted"),
        ("jan(work)@example.nl", "'(' is not allowed before the @ unless that part is quoted"),
        ("jan,piet@example.nl", "',' is not allowed before the @ unless that part is quoted"),
        ("jan@example", "the domain 'example' has no dot: mail domains have at least two labels"),
        ("jan@localhost", "the domain 'localhost' has no dot: mail domains have at least two labels"),
        ("jan@example.nl.", "the domain ends with a dot"),
        ("jan@.example.nl", "the domain has an empty label (two dots in a row, or a leading dot)"),
        ("jan@example..nl", "the domain has an empty label (two dots in a row, or a leading dot)"),
        ("jan@-example.nl", "the domain label '-example' starts or ends with a hyphen"),
        ("jan@example-.nl", "the domain label 'example-' starts or ends with a hyphen"),
        ("jan@exa_mple.nl", "'_' is not allowed in a domain"),
        ("jan@exam ple.nl", "' ' is not allowed in a domain"),
        ("jan@[192.0.2.1]", "an address literal ([192.0.2.1]) is not accepted: a customer's address names a domain"),
        ("jan@192.0.2.1", "the top-level domain '1' is all digits"),
        ("jan@example.nl\r\nBcc: x@evil.example", "control character U+000D in the address"),
        ("jan\n@example.nl", "control character U+000A in the address"),
        ("\"jan@example.nl", "the quoted part before the @ is not closed"),
        ("\"ja\"n\"@example.nl", "a quote inside the quoted part before the @ must be escaped"),
        (local64 + "a@example.nl", "the part before the @ is 65 octets long; at most 64 are allowed"),
        ("jan@" + label63 + "b.nl", "the domain label 'bbbbbbbbbbbbbbbbbbbb…' is 64 octets long; at most 63 are allowed"),
        ("a" + longest, "the address is 255 octets long; at most 254 are allowed"),
    ])
    func invalid(_ address: String, reason: String) {
        #expect(throws: EmailSyntax.Problem(reason)) { try EmailSyntax.check(address).get() }
    }

    @Test("the limit cases sit exactly on the limits")
    func limits() {
        #expect(Self.longest.utf8.count == 254)
        #expect(Self.local64.utf8.count == 64 && Self.label63.utf8.count == 63)
    }

    @Test("quoted local parts are accepted but flagged")
    func quoted() throws {
        for address in ["\"jan de vries\"@example.nl", "\"jan@thuis\"@example.nl", "\"jan\\\"j\"@example.nl"] {
            let syntax = try EmailSyntax.check(address).get()
            #expect(syntax.quotedLocal, "\(address)")
            #expect(syntax.domain == "example.nl")
        }
    }

    @Test("a non-ASCII local part needs SMTPUTF8; a non-ASCII domain needs IDNA")
    func international() throws {
        let local = try EmailSyntax.check("jürgen@example.de").get()
        #expect(local.needsSMTPUTF8 && !local.hasUnicodeDomain)
        let domain = try EmailSyntax.check("info@münchen.de").get()
        #expect(!domain.needsSMTPUTF8 && domain.hasUnicodeDomain)
        let both = try EmailSyntax.check("ștefan@firmă.ro").get()
        #expect(both.needsSMTPUTF8 && both.hasUnicodeDomain)
    }

    @Test("typos of common mailbox domains get a suggestion (a warning, not an error)", arguments: [
        ("jan@gmial.com", "gmail.com"),
        ("jan@gmail.con", "gmail.com"),
        ("jan@gmal.com", "gmail.com"),
        ("jan@hotmial.com", "hotmail.com"),
        ("jan@hotmail.nll", "hotmail.nl"),
        ("jan@zigo.nl", "ziggo.nl"),
        ("jan@telnet.be", "telenet.be"),
        ("jan@kpnmial.nl", "kpnmail.nl"),
        ("jan@yahooo.ro", "yahoo.ro"),
    ])
    func typo(_ address: String, suggestion: String) throws {
        #expect(try EmailSyntax.check(address).get().suggestion == suggestion)
    }

    @Test("no suggestion for the domains themselves, for unrelated domains or in another list")
    func noTypo() throws {
        for address in ["jan@gmail.com", "jan@GMAIL.com", "jan@example.nl", "jan@me.com", "jan@ne.com", "jan@bakkerij.nl"] {
            #expect(try EmailSyntax.check(address).get().suggestion == nil, "\(address)")
        }
        #expect(try EmailSyntax.check("jan@gmial.com", knownDomains: ["firma.nl"]).get().suggestion == nil)
        #expect(try EmailSyntax.check("jan@frima.nl", knownDomains: ["firma.nl"]).get().suggestion == "firma.nl")
    }

    @Test("edit distance: insertions, deletions, substitutions and neighbour swaps count one each")
    func distance() {
        #expect(EmailSyntax.editDistance("gmail.com", "gmail.com", limit: 2) == 0)
        #expect(EmailSyntax.editDistance("gmail.com", "gmial.com", limit: 2) == 1)
        #expect(EmailSyntax.editDistance("gmail.com", "gmai.com", limit: 2) == 1)
        #expect(EmailSyntax.editDistance("gmail.com", "gmaail.com", limit: 2) == 1)
        #expect(EmailSyntax.editDistance("gmail.com", "gmall.com", limit: 2) == 1)
        #expect(EmailSyntax.editDistance("gmail.com", "gamil.con", limit: 2) == 2)
        #expect(EmailSyntax.editDistance("gmail.com", "outlook.com", limit: 2) == 3)
        #expect(EmailSyntax.editDistance("", "abc", limit: 5) == 3)
    }
}
