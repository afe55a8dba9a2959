import Curl
import Foundation
import Testing
import TestSupport

/// `IMAPMailbox` against a real Dovecot on loopback.
@Suite struct IMAPMailboxTests {
    /// A small RFC 5322 message with CRLF line ends, as Dovecot serves it back.
    static func message(_ number: Int, body: String = "Hello.") -> [UInt8] {
        Array("From: a@example.test\r\nTo: b@example.test\r\nSubject: test \(number)\r\nMessage-ID: <m\(number)@example.test>\r\n\r\n\(body)\r\n".utf8)
    }

    static func deliver(_ bytes: [UInt8], to maildir: String, name: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: maildir + "/new/" + name))
    }

    static func mailbox(_ server: DovecotServer) throws -> IMAPMailbox {
        try IMAPMailbox(ConnectionOptions(url: server.url, security: .none,
                                    credentials: LoginCredentials(username: server.user, password: server.password),
                                    timeout: .seconds(20)))
    }

    @Test func fetchLeavesMessagesUnseenUntilFlagged() throws {
        let directory = try TemporaryDirectory()
        let maildir = directory.file("bounces")
        let server = try DovecotServer(maildir: maildir)
        for number in 1...3 { try Self.deliver(Self.message(number), to: maildir, name: "100\(number).x.host") }
        let mailbox = try Self.mailbox(server)
        let uids = try mailbox.unseen()
        #expect(uids.count == 3)
        var subjects: [String] = []
        for uid in uids {
            let bytes = try mailbox.fetch(uid: uid)
            let text = String(decoding: bytes, as: UTF8.self)
            subjects += text.split(separator: "\r\n").filter { $0.hasPrefix("Subject: ") }.map(String.init)
            #expect(bytes == Self.message(Int(text.split(separator: "Subject: test ")[1].prefix(1))!))
        }
        #expect(subjects.sorted() == ["Subject: test 1", "Subject: test 2", "Subject: test 3"])
        // BODY.PEEK[]: reading marked nothing.
        #expect(try mailbox.unseen() == uids)
        try mailbox.addFlags(["\\Seen"], uid: uids[0])
        #expect(try mailbox.unseen() == Array(uids.dropFirst()))
        // A fresh connection sees the flag too: it is on the server, not in libcurl.
        mailbox.close()
        #expect(try Self.mailbox(server).unseen() == Array(uids.dropFirst()))
    }

    /// The bytes Dovecot keeps of the message delivered as `name`: the Maildir file, in `new/`
    /// or, once Dovecot has seen it, in `cur/` under `name:2,FLAGS`.
    static func stored(in maildir: String, name: String) throws -> [UInt8] {
        for folder in ["/new/", "/cur/"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: maildir + folder)
            if let file = names.first(where: { $0 == name || $0.hasPrefix(name + ":") }) {
                return Array(try Data(contentsOf: URL(fileURLWithPath: maildir + folder + file)))
            }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: maildir + "/{new,cur}/" + name])
    }

    /// Lines that look like the server's own answer but are not the fetch command's tagged
    /// completion never end it: the message comes back byte for byte as Dovecot stores it.
    @Test func responseLikeLinesInsideAMessageComeBackWhole() throws {
        let directory = try TemporaryDirectory()
        let maildir = directory.file("bounces")
        let server = try DovecotServer(maildir: maildir)
        let body = ["* 1 FETCH (UID 1 BODY[] {12}", ")", "* OK [ALERT] Not the end.", "* 3 EXPUNGE", "A999 OK Fetch completed.",
                    "a005 OK Fetch completed.", "A005OK", "Z005 NO Not this tag either.", "", "."].joined(separator: "\r\n")
        try Self.deliver(Self.message(8, body: body), to: maildir, name: "1008.x.host")
        let mailbox = try Self.mailbox(server)
        let uids = try mailbox.unseen()
        try #require(uids.count == 1)
        let fetched = try mailbox.fetch(uid: uids[0])
        let stored = try Self.stored(in: maildir, name: "1008.x.host")
        #expect(stored == Self.message(8, body: body))
        #expect(fetched == stored, "fetched \(fetched.count) of \(stored.count) bytes")
    }

    /// A message holding the fetch command's own tagged completion (libcurl tags a connection's
    /// commands A001, A002, …: the lines A001 to A012 hold the fetch's) is either returned byte
    /// for byte as Dovecot stores it, or refused as unreadable; never returned cut short.
    /// libcurl 7.88 ends the answer at that line, so there it is refused: for the size Dovecot
    /// announced, the message stays unseen and intact, and the next message still comes back whole.
    @Test func taggedLinesInsideAMessageNeverCutItShort() throws {
        let directory = try TemporaryDirectory()
        let maildir = directory.file("bounces")
        let server = try DovecotServer(maildir: maildir)
        let body = (1...12).map { String(format: "A%03d OK Fetch completed.", $0) }.joined(separator: "\r\n")
        let forged = Self.message(7, body: body)
        try Self.deliver(forged, to: maildir, name: "1007.x.host")
        try Self.deliver(Self.message(9), to: maildir, name: "1009.x.host")
        let mailbox = try Self.mailbox(server)
        let uids = try mailbox.search("UNSEEN SUBJECT \"test 7\"")
        let next = try mailbox.search("UNSEEN SUBJECT \"test 9\"")
        try #require(uids.count == 1 && next.count == 1 && uids != next)
        let stored = try Self.stored(in: maildir, name: "1007.x.host")
        #expect(stored == forged)
        do {
            let fetched = try mailbox.fetch(uid: uids[0])
            #expect(fetched == stored, "fetched \(fetched.count) of \(stored.count) bytes")
        } catch {
            #expect(error.unreadableMessage, "\(error)")
            // Refused for the literal Dovecot announced (the stored size) coming short.
            #expect(error.description.contains("truncated: ") && error.description.contains(" of \(stored.count) bytes"), "\(error)")
            #expect(try mailbox.unseen() == (uids + next).sorted())
        }
        #expect(try Self.stored(in: maildir, name: "1007.x.host") == forged)
        // The mailbox still reads the next message whole.
        #expect(try mailbox.fetch(uid: next[0]) == Self.stored(in: maildir, name: "1009.x.host"))
    }

    @Test func wrongPasswordIsAnError() throws {
        let directory = try TemporaryDirectory()
        let server = try DovecotServer(maildir: directory.file("bounces"))
        let mailbox = try IMAPMailbox(ConnectionOptions(url: server.url, security: .none,
                                                  credentials: LoginCredentials(username: server.user, password: "wrong")))
        #expect(throws: IMAPMailbox.CommandError.self) { try mailbox.unseen() }
    }

    @Test func startTLSIsRequiredUnlessTurnedOff() throws {
        let directory = try TemporaryDirectory()
        let server = try DovecotServer(maildir: directory.file("bounces"))
        // Dovecot here offers no STARTTLS: the default (required) refuses to log in in plain text.
        let mailbox = try IMAPMailbox(ConnectionOptions(url: server.url, security: .startTLS,
                                                  credentials: LoginCredentials(username: server.user, password: server.password)))
        #expect(throws: IMAPMailbox.CommandError.self) { try mailbox.unseen() }
    }
}

@Suite struct IMAPResponseTests {
    @Test func searchResults() {
        let stream = Array("* OK ready\r\nA003 OK\r\n* SEARCH 4 7 12\r\n* SEARCH\r\nA004 OK Search completed\r\n".utf8)
        #expect(IMAPResponse.searchResults(in: stream) == [4, 7, 12])
    }

    @Test func literalIsTakenByItsCount() throws {
        let stream = Array("* 1 FETCH (UID 9 BODY[] {5}\r\nab\r\nc)\r\nA005 OK done\r\n".utf8)
        #expect(try IMAPResponse.fetchedMessage(in: stream) == Array("ab\r\nc".utf8))
    }

    @Test func shortLiteralIsRefused() {
        let stream = Array("* 1 FETCH (UID 9 BODY[] {50}\r\nab\r\n".utf8)
        #expect(throws: IMAPResponse.FetchError.truncated(expected: 50, received: 4)) { try IMAPResponse.fetchedMessage(in: stream) }
    }

    @Test func noLiteral() {
        #expect(throws: IMAPResponse.FetchError.noLiteral) { try IMAPResponse.fetchedMessage(in: Array("A005 OK\r\n".utf8)) }
        #expect(throws: IMAPResponse.FetchError.noLiteral) { try IMAPResponse.fetchedMessage(in: Array("* 1 FETCH (BODY[] {x}\r\n".utf8)) }
    }
}
