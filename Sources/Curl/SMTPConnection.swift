internal import CCurl

/// One SMTP connection to the relay, owned by one task.
///
/// Keeps one libcurl easy handle; libcurl keeps the connection open between `send`s and
/// reuses it (a new `MAIL FROM` on the same session), so the messages of a cycle share one
/// connection, one TLS handshake and one `AUTH`. After a failed transfer libcurl closes
/// the connection and the next `send` opens a new one. `close()` sends `QUIT`.
///
/// ```swift
/// let connection = try SMTPConnection(ConnectionOptions(url: "smtp://mail.example.nl:587"))
/// let attempt = try connection.send(from: "bounce+x@example.nl", to: ["jan@example.nl"], message: bytes)
/// ```
public final class SMTPConnection {
    public let options: ConnectionOptions
    private let curl = CurlEasy()
    /// The callbacks' state; the handle holds an unretained pointer to it, `self` keeps it alive.
    private let transfer = SMTPTransferState()

    /// Sets the connection up; connects on the first `send`.
    public init(_ options: ConnectionOptions) throws(CurlError) {
        self.options = options
        _ = try handle()
    }

    /// Sends one message (RFC 5321 `MAIL`, `RCPT` per recipient, `DATA`).
    ///
    /// `message` goes out as is, except that libcurl dot-stuffs lines starting with `.`
    /// and ends it with `CRLF.CRLF`. A rejected recipient fails the whole message
    /// (`CURLOPT_MAIL_RCPT_ALLOWFAILS` off). Transfer failures are in the result; this
    /// throws only when libcurl cannot even be set up.
    public func send(from sender: String, to recipients: [String], message: [UInt8]) throws(CurlError) -> SMTPAttempt {
        let easy = try handle()
        transfer.reset(message: message)
        curl.clearError()
        var list: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(list) }
        for recipient in recipients {
            guard let appended = curl_slist_append(list, recipient) else { throw CurlError(CURLE_OUT_OF_MEMORY, call: "curl_slist_append") }
            list = appended
        }
        try set(easy, CURLOPT_MAIL_FROM, sender)
        try check(ccurl_set_list(easy, CURLOPT_MAIL_RCPT, list), "setopt CURLOPT_MAIL_RCPT")
        defer { _ = ccurl_set_list(easy, CURLOPT_MAIL_RCPT, nil) }
        try check(ccurl_set_offset(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count)), "setopt CURLOPT_INFILESIZE_LARGE")

        let code = curl_easy_perform(easy)
        var responseCode = 0
        var connects = 0
        var value = 0
        if ccurl_get_long(easy, CURLINFO_RESPONSE_CODE, &value) == CURLE_OK { responseCode = value }
        if ccurl_get_long(easy, CURLINFO_NUM_CONNECTS, &value) == CURLE_OK { connects = value }
        let failed = code != CURLE_OK
        return SMTPAttempt(
            error: failed ? CurlError(code, call: "curl_easy_perform") : nil,
            errorMessage: failed ? curl.errorText : "",
            responseCode: responseCode,
            lastReply: transfer.lastReply,
            lastCommand: transfer.lastCommand,
            messageHandedOver: transfer.messageHandedOver,
            finalReply: transfer.finalReply,
            newConnections: connects)
    }

    /// Ends the session (`QUIT`) and closes the connection; the next `send` opens a new one.
    public func close() {
        curl.close()
    }

    /// Closed before the callbacks' state (`transfer`) goes: `QUIT` still calls them.
    deinit { curl.close() }

    /// The easy handle, created and configured when there is none.
    private func handle() throws(CurlError) -> UnsafeMutableRawPointer {
        try curl.handle(configure)
    }

    private func configure(_ easy: UnsafeMutableRawPointer) throws(CurlError) {
        try set(easy, CURLOPT_URL, options.url)
        try set(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try CurlOption.common(easy, security: options.security, caFile: options.caFile, credentials: options.credentials,
                              connectTimeout: options.connectTimeout, timeout: options.timeout, errorBuffer: curl.errorBuffer)
        try check(ccurl_set_mail_rcpt_allowfails(easy, 0), "setopt CURLOPT_MAIL_RCPT_ALLOWFAILS")

        let state = Unmanaged.passUnretained(transfer).toOpaque()
        try set(easy, CURLOPT_UPLOAD, 1)
        try check(ccurl_set_read_callback(easy, CURLOPT_READFUNCTION, SMTPTransferState.read), "setopt CURLOPT_READFUNCTION")
        try check(ccurl_set_pointer(easy, CURLOPT_READDATA, state), "setopt CURLOPT_READDATA")
        try check(ccurl_set_seek_callback(easy, CURLOPT_SEEKFUNCTION, SMTPTransferState.seek), "setopt CURLOPT_SEEKFUNCTION")
        try check(ccurl_set_pointer(easy, CURLOPT_SEEKDATA, state), "setopt CURLOPT_SEEKDATA")
        // The debug callback sees every protocol line; libcurl calls it only when verbose.
        try check(ccurl_set_debug_callback(easy, CURLOPT_DEBUGFUNCTION, SMTPTransferState.debug), "setopt CURLOPT_DEBUGFUNCTION")
        try check(ccurl_set_pointer(easy, CURLOPT_DEBUGDATA, state), "setopt CURLOPT_DEBUGDATA")
        try set(easy, CURLOPT_VERBOSE, 1)
    }

    private func set(_ easy: UnsafeMutableRawPointer, _ option: CURLoption, _ value: String) throws(CurlError) {
        try CurlOption.set(easy, option, value)
    }

    private func set(_ easy: UnsafeMutableRawPointer, _ option: CURLoption, _ value: Int) throws(CurlError) {
        try CurlOption.set(easy, option, value)
    }

    private func check(_ code: CURLcode, _ call: String) throws(CurlError) {
        try CurlOption.check(code, call)
    }

}

@available(*, unavailable) extension SMTPConnection: Sendable {}
