/// What DNS says about a mail domain (its A-label form), for the contact verifier.
///
/// RFC 5321 §5.1: mail goes to the domain's MX hosts, or, with no MX record, to the domain's
/// own address (implicit MX). RFC 7505: a single MX `0 .` says the domain takes no mail.
public enum MailDomainStatus: Sendable, Equatable {
    /// MX records whose hosts resolve (A or AAAA), in preference order: valid. The hosts are
    /// lower-cased, each once; those without an address are left out.
    case mx([String])
    /// No MX record, but the domain has an A or AAAA record: valid (implicit MX).
    case implicitMX
    /// The null MX (`0 .`): the domain says it accepts no mail: invalid.
    case nullMX
    /// The domain does not exist (NXDOMAIN): invalid.
    case nonexistent
    /// The domain exists but has neither MX nor A/AAAA, or none of its MX hosts resolves
    /// (the detail says which: "no MX, A or AAAA record", "MX hosts a.example, b.example have
    /// no address"): invalid.
    case noMailHost(String)
    /// No answer to rely on: SERVFAIL, REFUSED, a timeout, no server reachable (the detail
    /// says which, naming the server and the question: "DNS server 127.0.0.1:53 refused the
    /// query for MX example.nl"). Unverified: asked again next cycle, never taken as invalid.
    case temporaryFailure(String)
}
