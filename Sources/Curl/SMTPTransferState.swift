internal import CCurl

/// What the libcurl callbacks of one `SMTPConnection` feed and watch during a transfer.
///
/// The handle holds an unretained pointer to it (`CURLOPT_READDATA`, `CURLOPT_SEEKDATA`,
/// `CURLOPT_DEBUGDATA`); the connection owns it and outlives the handle.
final class SMTPTransferState {
    private var message: [UInt8] = []
    private var offset = 0
    private(set) var messageHandedOver = false
    private(set) var lastReply: SMTPReply?
    private(set) var lastCommand: String?
    private(set) var finalReply: SMTPReply?
    /// libcurl sent `QUIT` (it closes the connection after any failure): the `221` that
    /// follows says nothing about the message.
    private var quitting = false

    func reset(message: [UInt8]) {
        self.message = message
        offset = 0
        messageHandedOver = false
        lastReply = nil
        lastCommand = nil
        finalReply = nil
        quitting = false
    }

    /// The SMTP verbs whose name may be kept. Anything else libcurl sends as a "header" is
    /// an `AUTH` continuation (base64 credentials) and is never looked at beyond this check.
    private static let verbs: Set<String> = ["EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET", "QUIT", "NOOP"]

    private func sent(_ line: UnsafeBufferPointer<UInt8>) {
        let verb = String(decoding: line.prefix { $0 != UInt8(ascii: " ") && $0 != 13 && $0 != 10 }.prefix(8), as: UTF8.self).uppercased()
        guard Self.verbs.contains(verb) else { return }
        if verb == "QUIT" {
            quitting = true
        } else {
            lastCommand = verb
        }
    }

    private func received(_ data: UnsafeBufferPointer<UInt8>) {
        guard !quitting else { return }
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 10) ?? data.endIndex
            defer { start = end + 1 }
            let line = data[start..<min(end, start + 512)]
            let text = line.contains(13) ? String(decoding: line.filter { $0 != 13 }, as: UTF8.self) : String(decoding: line, as: UTF8.self)
            guard let reply = SMTPReply(line: text) else { continue }
            lastReply = reply
            if messageHandedOver { finalReply = reply }
        }
    }

    /// `CURLOPT_READFUNCTION`: copies the next part of the message; 0 at the end.
    static let read: curl_read_callback = { buffer, size, count, userdata in
        guard let buffer, let userdata else { return Int(CURL_READFUNC_ABORT) }
        let state = Unmanaged<SMTPTransferState>.fromOpaque(userdata).takeUnretainedValue()
        let length = min(size * count, state.message.count - state.offset)
        if length == 0 {
            state.messageHandedOver = true
            return 0
        }
        state.message.withUnsafeBytes { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress.unsafelyUnwrapped + state.offset, byteCount: length)
        }
        state.offset += length
        // With CURLOPT_INFILESIZE_LARGE set libcurl may stop asking once it has every byte.
        if state.offset == state.message.count { state.messageHandedOver = true }
        return length
    }

    /// `CURLOPT_SEEKFUNCTION`: libcurl rewinds when it retries a transfer on a fresh connection.
    static let seek: curl_seek_callback = { userdata, offset, origin in
        guard let userdata, origin == SEEK_SET, offset >= 0 else { return Int32(CURL_SEEKFUNC_CANTSEEK) }
        let state = Unmanaged<SMTPTransferState>.fromOpaque(userdata).takeUnretainedValue()
        guard offset <= state.message.count else { return Int32(CURL_SEEKFUNC_FAIL) }
        state.offset = Int(offset)
        state.messageHandedOver = false
        return Int32(CURL_SEEKFUNC_OK)
    }

    /// `CURLOPT_DEBUGFUNCTION`: keeps reply lines (`CURLINFO_HEADER_IN`) and command verbs
    /// (`CURLINFO_HEADER_OUT`); ignores the message body and TLS records. Writes nothing.
    static let debug: curl_debug_callback = { _, type, data, size, userdata in
        guard let data, let userdata else { return 0 }
        let state = Unmanaged<SMTPTransferState>.fromOpaque(userdata).takeUnretainedValue()
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size)
        switch type {
        case CURLINFO_HEADER_IN: state.received(bytes)
        case CURLINFO_HEADER_OUT: state.sent(bytes)
        default: break
        }
        return 0
    }
}
