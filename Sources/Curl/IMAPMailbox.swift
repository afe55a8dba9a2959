internal import CCurl

/// One IMAP mailbox (the bounce mailbox), read through libcurl's custom commands.
///
/// Messages are fetched with `UID FETCH n BODY.PEEK[]`, which leaves them unseen (libcurl's
/// own fetch sends `BODY[]`, which marks a message seen as soon as it is read), and marked
/// with `UID STORE` only when the caller says so: after what it learnt from a message is
/// durable. libcurl keeps the connection (and the selected mailbox) between commands.
///
/// ```swift
/// let mailbox = try IMAPMailbox(ConnectionOptions(url: "imaps://mail.example.nl/INBOX", security: .implicitTLS))
/// for uid in try mailbox.unseen() { let bytes = try mailbox.fetch(uid: uid); …; try mailbox.addFlags(["\\Seen"], uid: uid) }
/// ```
public final class IMAPMailbox {
    public let options: ConnectionOptions
    private let curl = CurlEasy()
    /// Every response line of the command in flight, literal data included.
    private let response = ResponseBuffer()

    public init(_ options: ConnectionOptions) throws(CurlError) {
        self.options = options
    }

    /// A failed command: libcurl's code and its error text (never the password).
    public struct CommandError: Error, CustomStringConvertible {
        public var command: String
        public var error: CurlError
        public var message: String
        /// The server's answer could not be read as a message (its literal was cut short or
        /// missing), so this message cannot be fetched; the connection was closed, and other
        /// messages can still be read.
        public var unreadableMessage = false
        public var description: String {
            "IMAP \(command): \(error)" + (message.isEmpty ? "" : " (\(message))")
        }
    }

    /// The UIDs of the mailbox's messages without `\Seen`, in ascending order.
    public func unseen() throws(CommandError) -> [UInt32] {
        try search("UNSEEN")
    }

    /// The UIDs of the messages that meet `criteria` (RFC 9051 `SEARCH` keys, e.g.
    /// `UNSEEN UNFLAGGED`), in ascending order.
    public func search(_ criteria: String) throws(CommandError) -> [UInt32] {
        IMAPResponse.searchResults(in: try perform("UID SEARCH \(criteria)")).sorted()
    }

    /// The whole message `uid` (RFC 5322 bytes as the server stores them), leaving it unseen.
    public func fetch(uid: UInt32) throws(CommandError) -> [UInt8] {
        let command = "UID FETCH \(uid) BODY.PEEK[]"
        let stream = try perform(command)
        do {
            return try IMAPResponse.fetchedMessage(in: stream)
        } catch {
            // libcurl ends a custom command's answer at a line that starts with the command's
            // tag, also inside a literal (a message line "A005 OK …"): the rest of the message
            // is still on the wire, so this connection is out of step. Drop it.
            close()
            throw CommandError(command: command, error: CurlError(CURLE_WEIRD_SERVER_REPLY), message: error.description,
                               unreadableMessage: true)
        }
    }

    /// Adds system flags (`\Seen`, `\Flagged`) to message `uid`.
    public func addFlags(_ flags: [String], uid: UInt32) throws(CommandError) {
        _ = try perform("UID STORE \(uid) +FLAGS.SILENT (\(flags.joined(separator: " ")))")
    }

    /// Logs out and closes the connection; the next command opens a new one.
    public func close() {
        curl.close()
    }

    /// Closed before the callbacks' state (`response`) goes: `QUIT` still calls them.
    deinit { curl.close() }

    /// Runs `command` on the mailbox; returns every response line (the header stream).
    private func perform(_ command: String) throws(CommandError) -> [UInt8] {
        let easy: UnsafeMutableRawPointer
        do {
            easy = try handle()
            try CurlOption.set(easy, CURLOPT_CUSTOMREQUEST, command)
        } catch {
            throw CommandError(command: command, error: error, message: "")
        }
        response.bytes.removeAll(keepingCapacity: true)
        curl.clearError()
        let code = curl_easy_perform(easy)
        guard code == CURLE_OK else {
            throw CommandError(command: command, error: CurlError(code, call: "curl_easy_perform"), message: curl.errorText)
        }
        return response.bytes
    }

    private func handle() throws(CurlError) -> UnsafeMutableRawPointer {
        try curl.handle(configure)
    }

    private func configure(_ easy: UnsafeMutableRawPointer) throws(CurlError) {
        try CurlOption.set(easy, CURLOPT_URL, options.url)
        try CurlOption.set(easy, CURLOPT_PROTOCOLS_STR, "imap,imaps")
        try CurlOption.common(easy, security: options.security, caFile: options.caFile, credentials: options.credentials,
                              connectTimeout: options.connectTimeout, timeout: options.timeout, errorBuffer: curl.errorBuffer)
        let state = Unmanaged.passUnretained(response).toOpaque()
        try CurlOption.check(ccurl_set_write_callback(easy, CURLOPT_HEADERFUNCTION, ResponseBuffer.collect), "setopt CURLOPT_HEADERFUNCTION")
        try CurlOption.check(ccurl_set_pointer(easy, CURLOPT_HEADERDATA, state), "setopt CURLOPT_HEADERDATA")
        // The body callback gets the `*` lines a second time; they are read from the header stream.
        try CurlOption.check(ccurl_set_write_callback(easy, CURLOPT_WRITEFUNCTION, ResponseBuffer.discard), "setopt CURLOPT_WRITEFUNCTION")
    }
}

@available(*, unavailable) extension IMAPMailbox: Sendable {}

/// The bytes libcurl handed to the header callback during one command.
final class ResponseBuffer {
    var bytes: [UInt8] = []

    static let collect: curl_write_callback = { data, size, count, context in
        let length = size * count
        guard let context else { return 0 }
        let buffer = Unmanaged<ResponseBuffer>.fromOpaque(context).takeUnretainedValue()
        if let data, length > 0 {
            data.withMemoryRebound(to: UInt8.self, capacity: length) { buffer.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
        }
        return length
    }

    static let discard: curl_write_callback = { _, size, count, _ in size * count }
}
