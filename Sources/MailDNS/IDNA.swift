internal import CIDN2

/// Internationalized domain names in the form DNS carries (A-labels), through GNU libidn2.
public enum IDNA {
    /// `domain` as A-labels, lower-cased: `münchen.de` → `xn--mnchen-3ya.de`.
    ///
    /// UTS #46 non-transitional processing, as IDNA2008 and today's mail servers and browsers
    /// have it (`faß.de` → `xn--fa-hia.de`, not `fass.de`), input normalized to NFC first.
    /// ASCII input is checked the same way (label length, hyphens, the Punycode of `xn--`
    /// labels) and comes back lower-cased.
    ///
    /// libidn2 refuses a label over 63 octets and a name over 253 as A-labels. A mail domain
    /// must also be letters, digits and hyphens (RFC 5321 §4.1.2), which UTS #46 alone does
    /// not require: `a_b.de`, `a..de`, a trailing dot and the empty string are errors here too.
    public static func toASCII(_ domain: String) -> Result<String, IDNAError> {
        // A NUL would cut the C string short and hide the rest of the input from libidn2.
        if let label = domain.split(separator: ".").first(where: { $0.utf8.contains(0) }) {
            return .failure(.notLetterDigitHyphen(label: String(label)))
        }
        var output: UnsafeMutablePointer<CChar>? = nil
        let code = idn2_to_ascii_8z(domain, &output, cidn2_lookup_flags())
        defer { idn2_free(output) }
        guard code == IDN2_OK.rawValue, let output else {
            return .failure(.rejected(code: code, reason: String(cString: idn2_strerror(code))))
        }
        let ascii = String(cString: output)
        if let error = mailDomainError(ascii, input: domain) { return .failure(error) }
        return .success(ascii)
    }

    /// What keeps libidn2's output `ascii` from being a mail domain (RFC 5321 §4.1.2), if anything.
    /// A label in error is named as the user wrote it (`bü_cher`, not `xn--b_cher-3ya`).
    private static func mailDomainError(_ ascii: String, input: String) -> IDNAError? {
        let labels = ascii.split(separator: ".", omittingEmptySubsequences: false)
        // UTS #46 §2.3: the full stops that separate labels.
        let written = input.split(omittingEmptySubsequences: false) { ".。．｡".contains($0) }
        for (index, label) in labels.enumerated() {
            guard !label.isEmpty else { return .emptyLabel }
            let isLDH = label.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-")
            }
            guard isLDH else {
                return .notLetterDigitHyphen(label: String(written.count == labels.count ? written[index] : label))
            }
        }
        return nil
    }

    /// The version of the libidn2 linked in, e.g. `2.3.3`.
    public static var libraryVersion: String {
        idn2_check_version(nil).map { String(cString: $0) } ?? "unknown"
    }
}
