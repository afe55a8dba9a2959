internal import CCurl

/// libcurl, wrapped: no `CURLcode` leaves this module.
public enum Curl {
    /// The libcurl version string, e.g. `"8.5.0"`.
    public static var version: String { String(cString: ccurl_version_info().pointee.version) }
}
