@testable import Curl
import Testing

/// `SMTPTransferState`'s libcurl callbacks, called as libcurl calls them, without a server.
@Suite struct SMTPTransferStateTests {
    /// Protocol lines into the debug callback: `in` as `CURLINFO_HEADER_IN` (1), else
    /// `CURLINFO_HEADER_OUT` (2), as libcurl reports what it read and sent.
    static func feed(_ state: SMTPTransferState, _ lines: [(incoming: Bool, text: String)]) {
        let context = Unmanaged.passUnretained(state).toOpaque()
        for line in lines {
            var bytes = Array(line.text.utf8).map { CChar(bitPattern: $0) }
            let size = bytes.count
            _ = bytes.withUnsafeMutableBufferPointer { buffer in
                SMTPTransferState.debug(nil, .init(rawValue: line.incoming ? 1 : 2), buffer.baseAddress, size, context)
            }
        }
    }

    @Test("the last reply line counts, continuation lines do not; the command it answers is the last verb sent")
    func replies() {
        let state = SMTPTransferState()
        state.reset(message: [])
        Self.feed(state, [(true, "220 mx.example.nl ESMTP\r\n"), (false, "EHLO dunning\r\n"),
                          (true, "250-mx.example.nl\r\n250-PIPELINING\r\n250 SIZE 10240000\r\n"),
                          (false, "MAIL FROM:<a@voorbeeld.nl>\r\n"), (true, "250 2.1.0 Ok\r\n"),
                          (false, "RCPT TO:<jan@example.nl>\r\n"), (true, "550-5.1.1 No such\r\n550 5.1.1 user\r\n")])
        #expect(state.lastReply == SMTPReply(code: 550, line: "550 5.1.1 user"))
        #expect(state.lastCommand == "RCPT")
        #expect(state.finalReply == nil && !state.messageHandedOver)
    }

    @Test("after QUIT, the 221 says nothing about the message: the reply before it stays the last")
    func quit() {
        let state = SMTPTransferState()
        state.reset(message: [])
        Self.feed(state, [(false, "RCPT TO:<weg@example.nl>\r\n"), (true, "550 5.1.1 Rejected\r\n"),
                          (false, "QUIT\r\n"), (true, "221 2.0.0 Bye\r\n")])
        #expect(state.lastReply?.line == "550 5.1.1 Rejected")
        #expect(state.lastCommand == "RCPT")
    }

    @Test("an AUTH continuation (base64 credentials) is never kept as a command")
    func authContinuation() {
        let state = SMTPTransferState()
        state.reset(message: [])
        Self.feed(state, [(false, "AUTH LOGIN\r\n"), (true, "334 VXNlcm5hbWU6\r\n"), (false, "ZHVubmluZw==\r\n"),
                          (true, "334 UGFzc3dvcmQ6\r\n"), (false, "czNjcmV0LVB3\r\n"), (true, "535 5.7.8 Authentication failed\r\n")])
        #expect(state.lastCommand == "AUTH")
        #expect(state.lastReply?.code == 535)
    }

    @Test("a reply line without CR, or longer than 512 bytes, is still read; its CR is dropped")
    func oddLines() {
        let state = SMTPTransferState()
        state.reset(message: [])
        Self.feed(state, [(true, "250 plain LF\n")])
        #expect(state.lastReply?.line == "250 plain LF")
        Self.feed(state, [(true, "451 " + String(repeating: "x", count: 600) + "\r\n")])
        #expect(state.lastReply?.code == 451)
        #expect(state.lastReply?.line.utf8.count == 512)
    }

    @Test("the message is handed to libcurl in order whatever the chunk size; handed over only once the last byte went")
    func read() {
        let message = Array((0..<1000).map { UInt8($0 % 251) })
        for chunk in [1, 7, 999, 1000, 4096] {
            let state = SMTPTransferState()
            state.reset(message: message)
            let context = Unmanaged.passUnretained(state).toOpaque()
            var bytes: [UInt8] = []
            var buffer = [CChar](repeating: 0, count: chunk)
            while true {
                #expect(!state.messageHandedOver, "chunk \(chunk): handed over at \(bytes.count)")
                let count = buffer.withUnsafeMutableBufferPointer { SMTPTransferState.read($0.baseAddress, 1, chunk, context) }
                if count == 0 { break }
                bytes += buffer.prefix(count).map { UInt8(bitPattern: $0) }
                if bytes.count == message.count { break }
            }
            #expect(bytes == message, "chunk \(chunk)")
            #expect(state.messageHandedOver, "chunk \(chunk)")
            #expect(buffer.withUnsafeMutableBufferPointer { SMTPTransferState.read($0.baseAddress, 1, chunk, context) } == 0)
        }
    }

    @Test("a rewind starts the message again and it is no longer handed over; a seek past its end or from elsewhere fails")
    func seek() {
        let message = Array("Subject: x\r\n\r\nbody\r\n".utf8)
        let state = SMTPTransferState()
        state.reset(message: message)
        let context = Unmanaged.passUnretained(state).toOpaque()
        var buffer = [CChar](repeating: 0, count: 64)
        #expect(buffer.withUnsafeMutableBufferPointer { SMTPTransferState.read($0.baseAddress, 1, 64, context) } == message.count)
        #expect(state.messageHandedOver)
        #expect(SMTPTransferState.seek(context, 0, 0) == 0)  // SEEK_SET → CURL_SEEKFUNC_OK
        #expect(!state.messageHandedOver)
        #expect(buffer.withUnsafeMutableBufferPointer { SMTPTransferState.read($0.baseAddress, 1, 9, context) } == 9)
        #expect(buffer.prefix(9).map { UInt8(bitPattern: $0) } == Array(message.prefix(9)))
        #expect(SMTPTransferState.seek(context, message.count + 1, 0) == 1)  // CURL_SEEKFUNC_FAIL
        #expect(SMTPTransferState.seek(context, 0, 1) == 2)  // SEEK_CUR → CURL_SEEKFUNC_CANTSEEK
    }

    @Test("the reply to the final dot is the final reply; reset forgets the last transfer")
    func finalReplyAndReset() {
        let message = Array("x\r\n".utf8)
        let state = SMTPTransferState()
        state.reset(message: message)
        Self.feed(state, [(false, "DATA\r\n"), (true, "354 Go ahead\r\n")])
        let context = Unmanaged.passUnretained(state).toOpaque()
        var buffer = [CChar](repeating: 0, count: 16)
        _ = buffer.withUnsafeMutableBufferPointer { SMTPTransferState.read($0.baseAddress, 1, 16, context) }
        #expect(state.finalReply == nil)
        Self.feed(state, [(true, "250 2.0.0 Ok: queued as 4F\r\n")])
        #expect(state.finalReply == SMTPReply(code: 250, line: "250 2.0.0 Ok: queued as 4F"))
        state.reset(message: message)
        #expect(state.finalReply == nil && state.lastReply == nil && state.lastCommand == nil && !state.messageHandedOver)
    }
}
