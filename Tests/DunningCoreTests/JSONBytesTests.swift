@testable import DunningCore
import Foundation
import Testing

@Suite struct JSONBytesTests {
    @Test("strings, nulls, numbers and nesting come out as JSONWriter writes them", arguments: [
        "plain", "Ștefan Müller Æbelø", "quote \" and \\ backslash", "line\nbreak\r\ttab", "\u{01}\u{1F}\u{7F}", "emoji 🧾",
        "\u{2028}x\u{2029}", "€ 5", "", "\u{08}\u{0C}",
    ])
    func sameAsWriter(value: String) {
        var inner = JSONWriter()
        inner.string("v", value)
        inner.number("n", -42)
        var writer = JSONWriter()
        writer.string("k", value)
        writer.null("none")
        writer.strings("list", [value, "x"])
        writer.objects("items", [inner, inner])
        writer.objects("empty", [])

        var bytes = JSONBytes(reservingCapacity: 0)
        bytes.beginObject()
        bytes.field("k")
        bytes.string(value)
        bytes.field("none")
        bytes.stringOrNull(nil)
        bytes.field("list")
        bytes.strings([value, "x"])
        bytes.field("items")
        bytes.beginArray()
        for _ in 0..<2 {
            bytes.beginObject()
            bytes.field("v")
            bytes.string(value)
            bytes.field("n")
            bytes.number(-42)
            bytes.endObject()
        }
        bytes.endArray()
        bytes.field("empty")
        bytes.beginArray()
        bytes.endArray()
        bytes.endObject()
        #expect(bytes.text == writer.finished)
    }

    @Test("money from minor units and through Decimal, dates as CalendarDate.description")
    func moneyAndDates() throws {
        let euro = Currency.euro, yen = try #require(Currency(code: "JPY")), dinar = try #require(Currency(code: "BHD"))
        let values = ["0", "0.5", "-0.05", "149.50", "1000000", "2.345", "123456789012345678.91", "-7"].compactMap { Decimal(string: $0) }
        for currency in [euro, yen, dinar] {
            for value in values {
                var bytes = JSONBytes(reservingCapacity: 0)
                bytes.beginArray()
                bytes.money(value, in: currency)
                bytes.moneyOrNull(nil, in: currency)
                bytes.endArray()
                #expect(bytes.text == "[\"\(Money.string(value, in: currency))\",null]", "\(value) \(currency)")
            }
        }
        for date in [CalendarDate(year: 2026, month: 1, day: 9), CalendarDate(year: 987, month: 12, day: 31)].compactMap({ $0 }) {
            var bytes = JSONBytes(reservingCapacity: 0)
            bytes.date(date)
            #expect(bytes.text == "\"\(date.description)\"")
        }
    }
}
