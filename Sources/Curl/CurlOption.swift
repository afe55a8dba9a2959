internal import CCurl

/// Typed `curl_easy_setopt` calls and the settings SMTP and IMAP handles share.
enum CurlOption {
    static func set(_ easy: UnsafeMutableRawPointer, _ option: CURLoption, _ value: String) throws(CurlError) {
        try check(ccurl_set_text(easy, option, value), "setopt \(option.rawValue)")
    }

    static func set(_ easy: UnsafeMutableRawPointer, _ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(ccurl_set_long(easy, option, value), "setopt \(option.rawValue)")
    }

    static func check(_ code: CURLcode, _ call: String) throws(CurlError) {
        guard code == CURLE_OK else { throw CurlError(code, call: call) }
    }

    /// No signals, TLS as `security` says (verified, always), login, timeouts, error text.
    static func common(_ easy: UnsafeMutableRawPointer, security: ConnectionSecurity, caFile: String?,
                       credentials: LoginCredentials?, connectTimeout: Duration, timeout: Duration,
                       errorBuffer: UnsafeMutablePointer<CChar>) throws(CurlError) {
        // No SIGALRM for timeouts: this runs on a thread of a multithreaded process.
        try set(easy, CURLOPT_NOSIGNAL, 1)
        let tls = security == .none ? CURLUSESSL_NONE : CURLUSESSL_ALL
        try set(easy, CURLOPT_USE_SSL, Int(tls.rawValue))
        try set(easy, CURLOPT_SSL_VERIFYPEER, 1)
        try set(easy, CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile { try set(easy, CURLOPT_CAINFO, caFile) }
        if let credentials {
            try set(easy, CURLOPT_USERNAME, credentials.username)
            try set(easy, CURLOPT_PASSWORD, credentials.password)
        }
        try set(easy, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(connectTimeout))
        try set(easy, CURLOPT_TIMEOUT_MS, milliseconds(timeout))
        try check(ccurl_set_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "setopt CURLOPT_ERRORBUFFER")
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

/// One libcurl easy handle, made on first use and kept (libcurl keeps its connection open
/// between transfers), and the `CURLOPT_ERRORBUFFER` that lives as long as it.
final class CurlEasy {
    private var pointer: UnsafeMutableRawPointer?
    /// libcurl writes the last error's text here.
    let errorBuffer: UnsafeMutablePointer<CChar>

    init() {
        Curl.globalInit()
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    /// The handle; when there is none, a new one set up by `configure` (cleaned up again
    /// when that throws).
    func handle(_ configure: (UnsafeMutableRawPointer) throws(CurlError) -> Void) throws(CurlError) -> UnsafeMutableRawPointer {
        if let pointer { return pointer }
        guard let created = curl_easy_init() else { throw CurlError(CURLE_FAILED_INIT, call: "curl_easy_init") }
        do {
            try configure(created)
        } catch {
            curl_easy_cleanup(created)
            throw error
        }
        pointer = created
        return created
    }

    /// Before a transfer: no error text left from the one before.
    func clearError() { errorBuffer[0] = 0 }

    var errorText: String { String(cString: errorBuffer) }

    /// Ends the session and closes the connection; the next `handle` makes a new one.
    func close() {
        guard let pointer else { return }
        curl_easy_cleanup(pointer)
        self.pointer = nil
    }

    deinit {
        close()
        errorBuffer.deallocate()
    }
}
