import DunningCore
import Mail
import Testing

@Suite struct DigestPhrasesTests {
    let nl = DigestPhrases(language: "nl")
    let ro = DigestPhrases(language: "ro_RO")
    let en = DigestPhrases(language: "en")

    @Test("a sent message reads as a sentence in each language, one invoice or several")
    func message() {
        let who = nl.customer(id: "C-1", name: "Bakkerij Jansen B.V.")
        #expect(nl.message(customer: who, step: "herinnering", invoices: ["F-1", "F-2"], to: "jan@example.nl")
            == "Bakkerij Jansen B.V. (C-1): stap herinnering voor facturen F-1, F-2 aan jan@example.nl")
        #expect(ro.message(customer: "C-2", step: "notice", invoices: ["F-3"], to: "ion@example.ro")
            == "C-2: etapa notice pentru factura F-3 către ion@example.ro")
        #expect(en.message(customer: "C-3", step: "confirmation", invoices: ["F-4"], to: "a@example.com")
            == "C-3: written confirmation for invoice F-4 to a@example.com")
    }

    @Test("days are counted as each language does (Romanian: o zi, 19 zile, 20 de zile, 101 zile)",
          arguments: [(1, "o zi"), (2, "2 zile"), (19, "19 zile"), (20, "20 de zile"), (45, "45 de zile"), (101, "101 zile"),
                      (120, "120 de zile"), (200, "200 de zile")])
    func romanianDays(count: Int, expected: String) {
        #expect(ro.days(count) == expected)
    }

    @Test("Dutch and English days: singular and plural")
    func days() {
        #expect(nl.days(1) == "1 dag" && nl.days(39) == "39 dagen")
        #expect(en.days(1) == "1 day" && en.days(39) == "39 days")
    }

    @Test("a limitation line says when the claim is time-barred, or since when it is")
    func limitation() {
        #expect(nl.limitation(customer: "C-5", invoice: "F-9", open: "€ 75,00", expires: "1 januari 2027", daysLeft: 39)
            == "C-5: factuur F-9 (nog open € 75,00) verjaart op 1 januari 2027, over 39 dagen")
        #expect(en.limitation(customer: "C-5", invoice: "F-9", open: "€75.00", expires: "1 January 2027", daysLeft: 0)
            == "C-5: invoice F-9 (€75.00 open) has been time-barred since 1 January 2027")
        #expect(ro.limitation(customer: "C-5", invoice: "F-9", open: "75,00 RON", expires: "1 ianuarie 2027", daysLeft: 1)
            == "C-5: factura F-9 (rest de plată 75,00 RON) se prescrie la 1 ianuarie 2027, peste o zi")
    }

    @Test("a call without a usable number says so instead of leaving a blank")
    func callWithoutPhone() {
        let line = nl.call(customer: "C-4", phone: nil, raw: "12", open: "€ 10,00", invoices: ["F-1"], history: [])
        #expect(line == "C-4, geen bruikbaar telefoonnummer (12): € 10,00 open op factuur F-1; nog niets verstuurd")
        let none = en.call(customer: "C-4", phone: nil, raw: " ", open: "€10.00", invoices: ["F-1"],
                           history: [("reminder", "2 November 2026", false), ("notice", "16 November 2026", true)])
        #expect(none == "C-4, no phone number on file: €10.00 open on invoice F-1; sent so far: step reminder on 2 November 2026, "
            + "step notice on 16 November 2026 (bounced)")
    }

    @Test("a company language without its own phrases gets English")
    func fallback() {
        #expect(DigestPhrases(language: "de").language == .en)
        #expect(DigestPhrases(language: "nl-BE").language == .nl)
    }

    @Test("an extension is named as each language names it")
    func phoneExtension() {
        #expect(nl.phone("+31205551234", extension: "12") == "+31205551234 toestel 12")
        #expect(ro.phone("+40215551234", extension: "7") == "+40215551234 interior 7")
        #expect(en.phone("+31205551234", extension: nil) == "+31205551234")
    }

    @Test("a handover held back for missing details does not blame the e-mail address")
    func handoverDetails() {
        let line = nl.blocked(customer: "C-9", step: "incasso", invoices: ["F-9"],
                              because: .handoverDetails(detail: "a handover needs the customer's address"))
        #expect(line == "C-9: stap incasso voor factuur F-9: gegevens voor de overdracht ontbreken (a handover needs the customer's address)")
    }
}
