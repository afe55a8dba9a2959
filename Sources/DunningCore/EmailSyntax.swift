/// The syntax of an e-mail address as mail servers take it (RFC 5321 §4.1.2 and §4.5.3.1,
/// RFC 5322 §3.4.1, RFC 6531 for UTF-8): the verifier's first check, before IDNA and DNS.
///
/// Accepted: a dot-atom local part (`jan.de.vries+facturen`), or a quoted one (`"jan de
/// vries"`, flagged: many systems mangle them); a domain of at least two labels, each 1–63
/// octets of letters, digits and inner hyphens, the last not all digits. Limits: local part
/// ≤ 64 octets, the whole address ≤ 254 (the path limit of 256 less the angle brackets),
/// the domain ≤ 253. Not accepted, though RFC 5321 has them: address literals
/// (`jan@[192.0.2.1]`; no customer writes to a bare IP), a single-label domain
/// (`jan@localhost`), a trailing dot (`jan@example.nl.`), comments and folding whitespace.
/// UTF-8 is allowed in both parts: in the local part it needs a server with SMTPUTF8
/// (`needsSMTPUTF8`), in the domain the labels go through IDNA before DNS
/// (`hasUnicodeDomain`); both are checked again there, with libidn2.
public struct EmailSyntax: Sendable, Equatable {
    /// The local part as written (quotes included when quoted).
    public var local: String
    /// The domain as written (case kept).
    public var domain: String
    /// A quoted local part: valid, but a warning.
    public var quotedLocal: Bool
    /// A non-ASCII local part: deliverable only through SMTPUTF8 (RFC 6531).
    public var needsSMTPUTF8: Bool
    /// Non-ASCII domain labels: to be converted to A-labels (IDNA) before any DNS lookup.
    public var hasUnicodeDomain: Bool
    /// A known mail domain one typing slip away (`gmial.com` → `gmail.com`): a warning.
    public var suggestion: String?

    /// Why an address is not one.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Often-used mailbox providers in the Netherlands, Belgium and Romania, for typo
    /// suggestions (`verification.typo_domains` replaces the list).
    public static let commonDomains = [
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.nl", "hotmail.be", "outlook.com", "outlook.nl", "outlook.be",
        "live.com", "live.nl", "live.be", "yahoo.com", "yahoo.ro", "icloud.com", "protonmail.com", "proton.me", "gmx.com",
        "ziggo.nl", "kpnmail.nl", "kpnplanet.nl", "planet.nl", "xs4all.nl", "home.nl", "hetnet.nl", "telenet.be",
        "skynet.be", "proximus.be", "scarlet.be",
    ]

    /// Checks `address`; a typo suggestion is looked for among `knownDomains`.
    public static func check(_ address: String, knownDomains: [String] = commonDomains) -> Result<EmailSyntax, Problem> {
        Result { () throws(Problem) in try parse(address, knownDomains: knownDomains) }
    }

    private static func parse(_ address: String, knownDomains: [String]) throws(Problem) -> EmailSyntax {
        guard !address.isEmpty else { throw Problem("the address is empty") }
        let scalars = Array(address.unicodeScalars)
        if let bad = scalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw Problem("control character U+\(String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4)) in the address")
        }
        guard address.utf8.count <= 254 else { throw Problem("the address is \(address.utf8.count) octets long; at most 254 are allowed") }
        // The last `@` outside a quoted local part separates the parts.
        guard let at = scalars.lastIndex(of: "@") else { throw Problem("no @ in the address") }
        let local = String(String.UnicodeScalarView(scalars[..<at]))
        let domain = String(String.UnicodeScalarView(scalars[(at + 1)...]))
        var syntax = EmailSyntax(local: local, domain: domain, quotedLocal: false, needsSMTPUTF8: false,
                                 hasUnicodeDomain: false, suggestion: nil)
        try checkLocal(local, into: &syntax)
        try checkDomain(domain, into: &syntax)
        if !syntax.hasUnicodeDomain { syntax.suggestion = suggestion(for: domain.lowercased(), among: knownDomains) }
        return syntax
    }

    /// `atext` of RFC 5322 §3.2.3, ASCII part.
    private static let atextSymbols = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)

    private static func checkLocal(_ local: String, into syntax: inout EmailSyntax) throws(Problem) {
        guard !local.isEmpty else { throw Problem("nothing before the @") }
        guard local.utf8.count <= 64 else { throw Problem("the part before the @ is \(local.utf8.count) octets long; at most 64 are allowed") }
        let scalars = Array(local.unicodeScalars)
        if scalars.first == "\"" {
            try checkQuoted(scalars)
            syntax.quotedLocal = true
            syntax.needsSMTPUTF8 = scalars.contains { $0.value > 0x7F }
            return
        }
        guard scalars.first != ".", scalars.last != "." else { throw Problem("the part before the @ starts or ends with a dot") }
        var previous: Unicode.Scalar?
        for scalar in scalars {
            if scalar == ".", previous == "." { throw Problem("two dots in a row before the @") }
            previous = scalar
            if scalar == "." || isAlphanumericASCII(scalar) || atextSymbols.contains(scalar) { continue }
            if scalar.value > 0x7F, !scalar.properties.isWhitespace {
                syntax.needsSMTPUTF8 = true
                continue
            }
            throw Problem("'\(scalar)' is not allowed before the @ unless that part is quoted")
        }
    }

    /// `"…"`: printable characters, `\` escaping any printable one or a space.
    private static func checkQuoted(_ scalars: [Unicode.Scalar]) throws(Problem) {
        guard scalars.count >= 2, scalars.last == "\"" else { throw Problem("the quoted part before the @ is not closed") }
        var index = 1
        while index < scalars.count - 1 {
            let scalar = scalars[index]
            if scalar == "\\" {
                guard index + 1 < scalars.count - 1 else { throw Problem("a backslash ends the quoted part before the @") }
                index += 2
                continue
            }
            if scalar == "\"" { throw Problem("a quote inside the quoted part before the @ must be escaped") }
            index += 1
        }
    }

    private static func checkDomain(_ domain: String, into syntax: inout EmailSyntax) throws(Problem) {
        guard !domain.isEmpty else { throw Problem("nothing after the @") }
        if domain.hasPrefix("[") { throw Problem("an address literal (\(domain)) is not accepted: a customer's address names a domain") }
        guard domain.utf8.count <= 253 else { throw Problem("the domain is \(domain.utf8.count) octets long; at most 253 are allowed") }
        guard !domain.hasSuffix(".") else { throw Problem("the domain ends with a dot") }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { throw Problem("the domain '\(domain)' has no dot: mail domains have at least two labels") }
        for label in labels {
            guard !label.isEmpty else { throw Problem("the domain has an empty label (two dots in a row, or a leading dot)") }
            guard label.first != "-", label.last != "-" else { throw Problem("the domain label '\(label)' starts or ends with a hyphen") }
            var unicode = false
            for scalar in label.unicodeScalars {
                if isAlphanumericASCII(scalar) || scalar == "-" { continue }
                // IDNA decides which non-ASCII letters a label may hold; here only that it is one.
                if scalar.value > 0x7F, scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .spacingMark {
                    unicode = true
                    continue
                }
                throw Problem("'\(scalar)' is not allowed in a domain")
            }
            if unicode {
                syntax.hasUnicodeDomain = true
            } else if label.utf8.count > 63 {
                throw Problem("the domain label '\(label.prefix(20))…' is \(label.utf8.count) octets long; at most 63 are allowed")
            }
        }
        if let tld = labels.last, tld.allSatisfy(\.isNumber) { throw Problem("the top-level domain '\(tld)' is all digits") }
    }

    private static func isAlphanumericASCII(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }

    /// The known domain one edit (insertion, deletion, substitution or swap of neighbours)
    /// from `domain`, if exactly one is closest; nothing for a known domain itself or for
    /// short ones (`me.com`), where one edit lands on too many real domains.
    static func suggestion(for domain: String, among known: [String]) -> String? {
        // Runs for every address checked: lengths first, so that most known domains are
        // passed over without lower-casing or aligning them.
        let length = domain.unicodeScalars.count
        var close: [String] = []
        for candidate in known {
            let candidateLength = candidate.unicodeScalars.count
            guard abs(candidateLength - length) <= 1 else { continue }
            let lowered = candidate.lowercased()
            if lowered == domain { return nil }
            if candidateLength >= 7, editDistance(lowered, domain, limit: 1) <= 1 { close.append(lowered) }
        }
        return close.count == 1 ? close[0] : nil
    }

    /// Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), capped:
    /// anything above `limit` is `limit + 1`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        guard !a.isEmpty, !b.isEmpty else { return min(max(a.count, b.count), limit + 1) }
        // Three rows of the table: two back (for swaps), the previous, the current.
        var twoBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], twoBack[j - 2] + 1)
                }
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return min(previous[b.count], limit + 1)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
