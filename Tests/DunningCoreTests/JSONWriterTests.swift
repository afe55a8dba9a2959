import DunningCore
import Foundation
import Testing

@Suite struct JSONWriterTests {
    @Test("strings survive a round trip through JSONSerialization", arguments: [
        "plain", "Ștefan Müller Æbelø", "quote \" and \\ backslash", "line\nbreak\r\ttab", "\u{01}\u{1F}\u{7F}", "emoji 🧾", "\u{2028}",
    ])
    func roundTrip(value: String) throws {
        var writer = JSONWriter()
        writer.string("k", value)
        writer.strings("list", [value, "x"])
        let data = Data(writer.finished.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["k"] as? String == value)
        #expect(object["list"] as? [String] == [value, "x"])
    }

    @Test("keys keep their order; null, bool, number and nesting are valid JSON")
    func order() {
        var inner = JSONWriter()
        inner.string("due", "2026-01-01")
        var writer = JSONWriter()
        writer.string("type", "payment")
        writer.null("blocked")
        writer.bool("ok", true)
        writer.number("days", -3)
        writer.objects("items", [inner])
        writer.stringMap("extra", ["b": "2", "a": "1"])
        #expect(writer.finished == #"{"type":"payment","blocked":null,"ok":true,"days":-3,"items":[{"due":"2026-01-01"}],"extra":{"a":"1","b":"2"}}"#)
    }
}
