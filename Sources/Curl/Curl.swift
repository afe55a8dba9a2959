internal import CCurl

/// libcurl, wrapped: no `CURLcode` leaves this module.
public enum Curl {
    /// The libcurl version string, e.g. `"8.5.0"`.
    public static var version: String { String(cString: ccurl_version_info().pointee.version) }

    /// `curl_global_init` once per process, before the first handle (not thread-safe before 7.84).
    private static let initialized: Bool = ccurl_global_init() == CURLE_OK
    static func globalInit() {
        guard initialized else { preconditionFailure("curl_global_init failed") }
    }
}
