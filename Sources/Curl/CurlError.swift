internal import CCurl

/// A libcurl error code (`CURLcode`), with Swift names for the ones SMTP meets.
///
/// Modelled on swift-system's `Errno`: a value over the C code, compared by code only,
/// usable as a `catch` pattern:
/// ```swift
/// do { … } catch CurlError.couldNotConnect { … }
/// ```
/// `call` names the libcurl function (or option) that failed, for messages; it is not
/// part of equality.
public struct CurlError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `CURLcode` value.
    public let rawValue: Int32
    /// The libcurl call that returned the code, e.g. `"setopt 10002"`; `nil` when unknown.
    public var call: String?

    public init(rawValue: Int32) {
        self.rawValue = rawValue
        self.call = nil
    }

    init(_ code: CURLcode, call: String? = nil) {
        self.rawValue = Int32(bitPattern: code.rawValue)
        self.call = call
    }

    /// libcurl's own short text for the code (`curl_easy_strerror`).
    public var description: String {
        let text = String(cString: curl_easy_strerror(CURLcode(rawValue: UInt32(bitPattern: rawValue))))
        return call.map { "\($0): \(text)" } ?? text
    }

    public static func == (lhs: CurlError, rhs: CurlError) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// Matches an error thrown by `Curl` against a code, for `catch CurlError.x`.
    public static func ~= (lhs: CurlError, rhs: any Error) -> Bool {
        guard let value = rhs as? CurlError else { return false }
        return lhs == value
    }

    private static func code(_ code: CURLcode) -> CurlError { CurlError(code) }

    /// `CURLE_UNSUPPORTED_PROTOCOL`: the URL's scheme is not allowed or not built in.
    public static var unsupportedProtocol: CurlError { code(CURLE_UNSUPPORTED_PROTOCOL) }
    /// `CURLE_FAILED_INIT`: `curl_easy_init` or an early setup step failed.
    public static var failedInit: CurlError { code(CURLE_FAILED_INIT) }
    /// `CURLE_URL_MALFORMAT`.
    public static var malformedURL: CurlError { code(CURLE_URL_MALFORMAT) }
    /// `CURLE_COULDNT_RESOLVE_HOST`.
    public static var couldNotResolveHost: CurlError { code(CURLE_COULDNT_RESOLVE_HOST) }
    /// `CURLE_COULDNT_CONNECT`: refused or unreachable.
    public static var couldNotConnect: CurlError { code(CURLE_COULDNT_CONNECT) }
    /// `CURLE_WEIRD_SERVER_REPLY`.
    public static var weirdServerReply: CurlError { code(CURLE_WEIRD_SERVER_REPLY) }
    /// `CURLE_OUT_OF_MEMORY`.
    public static var outOfMemory: CurlError { code(CURLE_OUT_OF_MEMORY) }
    /// `CURLE_OPERATION_TIMEDOUT`: the connect or the total timeout passed.
    public static var operationTimedOut: CurlError { code(CURLE_OPERATION_TIMEDOUT) }
    /// `CURLE_ABORTED_BY_CALLBACK`.
    public static var abortedByCallback: CurlError { code(CURLE_ABORTED_BY_CALLBACK) }
    /// `CURLE_BAD_FUNCTION_ARGUMENT`.
    public static var badFunctionArgument: CurlError { code(CURLE_BAD_FUNCTION_ARGUMENT) }
    /// `CURLE_UNKNOWN_OPTION`: this libcurl does not know the option.
    public static var unknownOption: CurlError { code(CURLE_UNKNOWN_OPTION) }
    /// `CURLE_GOT_NOTHING`: the server closed without a word.
    public static var gotNothing: CurlError { code(CURLE_GOT_NOTHING) }
    /// `CURLE_SSL_CONNECT_ERROR`: the TLS handshake failed.
    public static var sslConnectError: CurlError { code(CURLE_SSL_CONNECT_ERROR) }
    /// `CURLE_SSL_CERTPROBLEM`: the local client certificate.
    public static var sslCertificateProblem: CurlError { code(CURLE_SSL_CERTPROBLEM) }
    /// `CURLE_SSL_CACERT_BADFILE`: the CA file (`CURLOPT_CAINFO`) cannot be read.
    public static var badCAFile: CurlError { code(CURLE_SSL_CACERT_BADFILE) }
    /// `CURLE_PEER_FAILED_VERIFICATION`: the server's certificate or name did not verify.
    public static var peerFailedVerification: CurlError { code(CURLE_PEER_FAILED_VERIFICATION) }
    /// `CURLE_USE_SSL_FAILED`: TLS was required (`CURLUSESSL_ALL`) but the server offers no STARTTLS.
    public static var tlsRequiredButUnavailable: CurlError { code(CURLE_USE_SSL_FAILED) }
    /// `CURLE_SEND_ERROR`: sending failed; libcurl also reports a rejected `RCPT TO` so.
    public static var sendError: CurlError { code(CURLE_SEND_ERROR) }
    /// `CURLE_RECV_ERROR`: receiving failed, or a command got an error reply.
    public static var receiveError: CurlError { code(CURLE_RECV_ERROR) }
    /// `CURLE_SEND_FAIL_REWIND`: a retried transfer could not rewind the message.
    public static var sendFailRewind: CurlError { code(CURLE_SEND_FAIL_REWIND) }
    /// `CURLE_LOGIN_DENIED`: `AUTH` was refused.
    public static var loginDenied: CurlError { code(CURLE_LOGIN_DENIED) }
    /// `CURLE_READ_ERROR`: the read callback aborted.
    public static var readError: CurlError { code(CURLE_READ_ERROR) }
}
