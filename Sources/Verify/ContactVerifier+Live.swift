import DunningCore
import MailDNS
import Phone

extension MailDomainResolver: DomainResolving {}

extension ContactVerifier {
    /// The verifier on real parts: c-ares against `verification.resolvers` (or
    /// /etc/resolv.conf), libidn2 for internationalized domains, libphonenumber for phones.
    /// Throws `MailDomainResolverError` when a resolver address cannot be used.
    public static func live(config: DunningConfig) throws -> ContactVerifier {
        let settings = config.verification
        let resolver = try MailDomainResolver(servers: settings.resolvers, timeout: .seconds(settings.timeout.approximateSeconds),
                                              tries: settings.tries)
        return ContactVerifier(
            config: config, resolver: resolver,
            toASCII: { IDNA.toASCII($0).mapError { Refusal($0.description) } },
            phoneNumber: { text, country in
                PhoneNumber.normalize(text, country: country)
                    .map { "\($0.e164)" + ($0.extension.map { " ext. \($0)" } ?? "") + " (\(lineType($0.type)))" }
                    .mapError { Refusal($0.description) }
            })
    }
}

/// `fixed line`, `mobile`, ... for a contact-check reason.
private func lineType(_ type: PhoneNumber.LineType) -> String {
    switch type {
    case .mobile: "mobile"
    case .fixedLine: "fixed line"
    case .fixedLineOrMobile: "fixed line or mobile"
    case .tollFree: "toll free"
    case .voip: "VoIP"
    case .other: "other"
    }
}
