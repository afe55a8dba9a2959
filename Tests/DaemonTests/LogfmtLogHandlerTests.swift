import Daemon
import Foundation
import Logging
import Synchronization
import Testing

/// Collects the handler's lines.
final class LineSink: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func write(_ line: String) { lines.withLock { $0.append(line) } }
}

@Suite struct LogfmtLogHandlerTests {
    func logger(journal: Bool, sink: LineSink) -> Logger {
        Logger(label: "test") { _ in LogfmtLogHandler(journal: journal, write: { sink.write($0) }) }
    }

    @Test("a sent event under journald reads exactly as the documented example, fields in the documented order")
    func specExample() {
        let sink = LineSink()
        logger(journal: true, sink: sink).info("sent", metadata: [
            "smtp": "250", "message_id": "<a@b>", "to": "jan@example.nl", "step": "reminder",
            "invoices": "INV-1001,INV-1004", "customer": "C-17",
        ])
        #expect(sink.all == ["<6>sent customer=C-17 invoices=INV-1001,INV-1004 step=reminder to=jan@example.nl message_id=<a@b> smtp=250\n"])
    }

    @Test("without JOURNAL_STREAM there is no priority prefix; warnings and errors map to 4 and 3")
    func priorities() {
        let sink = LineSink()
        logger(journal: false, sink: sink).warning("deferred", metadata: ["customer": "C-1"])
        logger(journal: true, sink: sink).error("failed", metadata: ["customer": "C-1"])
        logger(journal: true, sink: sink).warning("uncertain")
        #expect(sink.all == ["deferred customer=C-1\n", "<3>failed customer=C-1\n", "<4>uncertain\n"])
    }

    @Test("values with spaces, quotes or a CR/LF are quoted and escaped: one event is one line")
    func quoting() {
        let sink = LineSink()
        logger(journal: false, sink: sink).info("blocked", metadata: [
            "detail": "open total \"EUR\" 5.00\r\nBcc: x@evil", "reason": "below-minimum", "customer": "Ș-1",
        ])
        #expect(sink.all == ["blocked customer=Ș-1 detail=\"open total \\\"EUR\\\" 5.00\\r\\nBcc: x@evil\" reason=below-minimum\n"])
    }

    @Test("other control characters, DEL, `=`, a backslash and an empty value are escaped or quoted; non-ASCII is kept")
    func escapes() {
        let sink = LineSink()
        logger(journal: false, sink: sink).warning("te st", metadata: [
            "a": "x\u{01}y\u{7F}", "b": "k=v", "c": "C:\\dir", "d": "", "e": "Brașov\tzuid", "f": "ă€",
        ])
        #expect(sink.all == [#""te st" a="x\u0001y\u007f" b="k=v" c="C:\\dir" d="" e="Brașov\tzuid" f=ă€"# + "\n"])
    }
}
