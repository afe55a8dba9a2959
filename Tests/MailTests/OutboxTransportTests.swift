import DunningCore
import Foundation
import Mail
import TestSupport
import Testing

@Suite struct OutboxTransportTests {
    @Test("a message lands in new/ byte for byte, through tmp/, which is left empty")
    func delivers() throws {
        let directory = try TemporaryDirectory()
        let maildir = directory.file("outbox")
        let transport = try OutboxTransport(maildir: maildir)
        let message = TransportFixtures.message(1)
        let outcome = transport.deliver(message, envelope: TransportFixtures.envelope("jan@example.nl"))

        guard case .sent(let reply) = outcome else { Issue.record("not sent: \(outcome)"); return }
        let names = try FileManager.default.contentsOfDirectory(atPath: maildir + "/new")
        #expect(names.count == 1)
        let name = try #require(names.first)
        #expect(reply == "outbox new/\(name)")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: maildir + "/new/" + name))) == message)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/tmp").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/cur").isEmpty)
        // maildir(5) names: time.MusecPpidQseq.host, no "/" or ":".
        #expect(name.range(of: #"^\d+\.M\d+P\d+Q\d+\.[^/:]+$"#, options: .regularExpression) != nil)
    }

    @Test("every message gets a file of its own, also from two transports on one Maildir")
    func uniqueNames() throws {
        let directory = try TemporaryDirectory()
        let maildir = directory.file("outbox")
        let first = try OutboxTransport(maildir: maildir)
        let second = try OutboxTransport(maildir: maildir)
        var replies: Set<String> = []
        for number in 1...20 {
            let transport = number.isMultiple(of: 2) ? first : second
            let outcome = transport.deliver(TransportFixtures.message(number), envelope: TransportFixtures.envelope("jan@example.nl"))
            #expect(outcome.isSent)
            replies.insert(outcome.text)
        }
        #expect(replies.count == 20)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/new").count == 20)
    }

    @Test("a bare LF or CR is refused and nothing is written", arguments: [
        ("Subject: x\nbody\r\n", "local: bare LF"),
        ("Subject: x\r\n\r\nbody\rmore\r\n", "local: bare CR"),
    ])
    func bareLineEnds(message: String, reply: String) throws {
        let directory = try TemporaryDirectory()
        let transport = try OutboxTransport(maildir: directory.file("outbox"))
        let outcome = transport.deliver(Array(message.utf8), envelope: TransportFixtures.envelope("jan@example.nl"))
        #expect(outcome == .failed(reply: reply))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("outbox/new")).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("outbox/tmp")).isEmpty)
    }

    @Test("a Maildir that cannot be created is an error naming the path")
    func unusableMaildir() throws {
        let directory = try TemporaryDirectory()
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: directory.file("file")))
        #expect {
            _ = try OutboxTransport(maildir: directory.file("file"))
        } throws: { error in
            (error as? TransportError).map { "\($0)".contains(directory.file("file")) } ?? false
        }
    }

    @Test("the factory makes the outbox transport the config names")
    func factory() throws {
        let directory = try TemporaryDirectory()
        let transport = try TransportFactory.make(Delivery(transport: .outbox, outbox: directory.file("box")),
                                                  credentialsDirectory: nil)
        #expect(transport is OutboxTransport)
        #expect(FileManager.default.fileExists(atPath: directory.file("box/new")))
        #expect(throws: TransportError.missingSMTPSettings) {
            _ = try TransportFactory.make(Delivery(transport: .smtp, outbox: directory.file("box")), credentialsDirectory: nil)
        }
    }
}
