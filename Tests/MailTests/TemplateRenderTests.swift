import DunningCore
import Foundation
import Mail
import Testing

@Suite struct TemplateRenderTests {
    let library: TemplateLibrary

    init() throws {
        library = try TemplateLibrary(folder: nil, fallbackLanguage: "nl")
    }

    @Test("a Dutch reminder lists three invoices with Dutch amounts and dates")
    func dutchReminder() throws {
        let fixture = TemplateFixture()
        let item = try fixture.item(asOf: "2026-11-23")
        #expect(item.step == "reminder")
        #expect(item.invoices.count == 3)
        let message = try library.render(kind: "reminder", language: "nl", data: try fixture.data(asOf: "2026-11-23"))
        #expect(message.subject == "Betalingsherinnering facturen INV-1, INV-2, INV-3")
        #expect(message.text.hasPrefix("Beste Bakkerij Jansen,\n\n"))
        #expect(message.text.contains("Wellicht heeft u deze facturen over het hoofd gezien."))
        #expect(message.text.contains("Factuur INV-1 van 1 oktober 2026\n  vervaldatum 1 november 2026, nog te betalen €\(nbsp)1.000,00\n"))
        #expect(message.text.contains("Factuur INV-2 van 2 oktober 2026, uw referentie PO-77\n"))
        #expect(message.text.contains("nog te betalen €\(nbsp)34,56\n"))
        #expect(message.text.contains("Totaal nog te betalen: €\(nbsp)1.234,56\n"))
        #expect(message.text.contains("uiterlijk 7 december 2026 te betalen op rekening NL91ABNA0417164300 ten name van Voorbeeld B.V., onder vermelding van INV-1, INV-2, INV-3."))
        #expect(message.html.contains("<td class=\"amount\">€\(nbsp)1.234,56</td>") || message.html.contains("<th class=\"amount\">€\(nbsp)1.234,56</th>"))
        #expect(!message.text.contains("{{"))
    }

    @Test("a Romanian reminder writes lei as 1.234,56 RON and Romanian month names")
    func romanianReminder() throws {
        let fixture = TemplateFixture(name: "Brutăria Popescu SRL", country: "RO", language: "ro", currency: TemplateFixture.ron)
        let message = try library.render(kind: "reminder", language: "ro", data: try fixture.data(asOf: "2026-11-23"))
        #expect(message.text.contains("1.234,56\(nbsp)RON"))
        #expect(message.text.contains("1.000,00\(nbsp)RON"))
        #expect(message.text.contains("1 noiembrie 2026"))
        #expect(message.text.contains("7 decembrie 2026"))
        #expect(message.subject.contains("INV-1, INV-2, INV-3"))
    }

    @Test("an English reminder writes the customer's locale: en-GB")
    func englishReminder() throws {
        let fixture = TemplateFixture(name: "Baker & Sons Ltd", country: "GB", language: "en")
        let message = try library.render(kind: "reminder", language: "en", data: try fixture.data(asOf: "2026-11-23"))
        #expect(message.text.contains("€1,234.56"))
        #expect(message.text.contains("1 November 2026"))
        #expect(message.text.contains("7 December 2026"))
        #expect(message.text.hasPrefix("Dear Baker & Sons Ltd,"))
    }

    @Test("a Flemish customer gets nl_BE formats")
    func flemish() throws {
        let fixture = TemplateFixture(country: "BE", language: "nl")
        let data = try fixture.data(asOf: "2026-11-23")
        #expect(data.text(at: "totals.open") == "€\(nbsp)1.234,56")
        #expect(data.text(at: "pay_by") == "7 december 2026")
    }
}
