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

    @Test("each language's digest.lines.mustache has every section and uses only the names it is given")
    func templatesComplete() {
        #expect(DigestPhrases.problems().map(\.description) == [])
    }

    @Test("every kind of line reads as it did when the wording was Swift, in each language", arguments: [
        ("nl", [
            "C-2: schriftelijke bevestiging voor facturen F-1, F-2 aan a@b.nl, poging van 20 november 2026, Message-ID <m@x>; "
                + "vastleggen met: dunning ledger resolve --ref m@x --outcome sent",
            "c3@x.nl van K (C-3): definitief onbestelbaar (5.1.1 user unknown), bericht <m3@x>",
            "c3@x.nl: tijdelijk onbestelbaar",
            "K: stap notice voor factuur F-1: in de wacht tot die wordt opgeheven ()",
            "K: stap notice voor factuur F-1: in de wacht tot en met 1 dec (r)",
            "K: stap notice voor factuur F-1: openstaand bedrag onder het minimum",
            "K: stap notice voor factuur F-1: openstaand bedrag onder het minimum van € 5,00",
            "K: betalingsbelofte voor facturen F-7, F-8 uiterlijk 23 nov; nog open: € 400",
            "K: betalingsbelofte van 10 nov voor factuur F-8 niet nagekomen; nog open: € 400",
            "K: facturen F-9, F-10, in totaal € 500 inclusief kosten en rente; klaar voor overdracht sinds 19 aug",
            "K: nieuw e-mailadres nodig: t <x>",
            "K: other-kind: t <x>",
            "C-1: stap reminder voor factuur F-1 aan a@b.nl; reden: 421 bye\r",
        ]),
        ("ro", [
            "C-2: confirmarea scrisă pentru facturile F-1, F-2 către a@b.nl, încercare din 20 november 2026, Message-ID <m@x>; "
                + "se rezolvă cu: dunning ledger resolve --ref m@x --outcome sent",
            "c3@x.nl, K (C-3): nelivrabil definitiv (5.1.1 user unknown), mesajul <m3@x>",
            "c3@x.nl: nelivrabil temporar",
            "K: etapa notice pentru factura F-1: suspendată până la ridicarea suspendării ()",
            "K: etapa notice pentru factura F-1: suspendată până la 1 dec inclusiv (r)",
            "K: etapa notice pentru factura F-1: totalul de plată este sub minim",
            "K: etapa notice pentru factura F-1: totalul de plată este sub minimul de € 5,00",
            "K: promisiune de plată pentru facturile F-7, F-8 până la 23 nov; rest de plată: € 400",
            "K: promisiunea de plată până la 10 nov pentru factura F-8 nu a fost respectată; rest de plată: € 400",
            "K: facturile F-9, F-10, în total € 500 cu tot cu penalități și dobânzi; pot fi predate din 19 aug",
            "K: este necesară o nouă adresă de e-mail: t <x>",
            "K: other-kind: t <x>",
            "C-1: etapa reminder pentru factura F-1 către a@b.nl; motiv: 421 bye\r",
        ]),
        ("en", [
            "C-2: written confirmation for invoices F-1, F-2 to a@b.nl, attempted on 20 november 2026, Message-ID <m@x>; "
                + "settle with: dunning ledger resolve --ref m@x --outcome sent",
            "c3@x.nl of K (C-3): permanent failure (5.1.1 user unknown), message <m3@x>",
            "c3@x.nl: temporary failure",
            "K: step notice for invoice F-1: on hold until released ()",
            "K: step notice for invoice F-1: on hold until 1 dec inclusive (r)",
            "K: step notice for invoice F-1: the open total is below the minimum",
            "K: step notice for invoice F-1: the open total is below the minimum of € 5,00",
            "K: promise to pay for invoices F-7, F-8 by 23 nov; still open: € 400",
            "K: promise to pay by 10 nov for invoice F-8 not kept; still open: € 400",
            "K: invoices F-9, F-10, € 500 in all with costs and interest; ready for handover since 19 aug",
            "K: a new e-mail address is needed: t <x>",
            "K: other-kind: t <x>",
            "C-1: step reminder for invoice F-1 to a@b.nl; reason: 421 bye\r",
        ]),
    ])
    func everyLine(language: String, expected: [String]) {
        let say = DigestPhrases(language: language)
        let lines = [
            say.uncertain(say.message(customer: "C-2", step: Confirmations.step, invoices: ["F-1", "F-2"], to: "a@b.nl"),
                          attempted: "20 november 2026", messageID: "m@x", command: "dunning ledger resolve --ref m@x --outcome sent"),
            say.bounce(address: "c3@x.nl", customer: "K (C-3)", hard: true, status: "5.1.1", diagnostic: "user unknown", messageID: "m3@x"),
            say.bounce(address: "c3@x.nl", customer: nil, hard: false, status: "", diagnostic: "", messageID: nil),
            say.blocked(customer: "K", step: "notice", invoices: ["F-1"], because: .hold(until: nil, reason: "")),
            say.blocked(customer: "K", step: "notice", invoices: ["F-1"], because: .hold(until: "1 dec", reason: "r")),
            say.blocked(customer: "K", step: "notice", invoices: ["F-1"], because: .belowMinimum(minimum: nil)),
            say.blocked(customer: "K", step: "notice", invoices: ["F-1"], because: .belowMinimum(minimum: "€ 5,00")),
            say.promiseDue(customer: "K", amount: nil, invoices: ["F-7", "F-8"], until: "23 nov", open: "€ 400"),
            say.promiseBroken(customer: "K", invoices: ["F-8"], until: "10 nov", open: "€ 400"),
            say.handover(customer: "K", invoices: ["F-9", "F-10"], total: "€ 500", since: "19 aug"),
            say.task(customer: "K", kind: .newAddress, text: "t <x>"),
            say.task(customer: "K", kind: .other("other-kind"), text: "t <x>"),
            // A reply ending in CR: the line end the template adds is dropped as a byte ("\r\n" is one Character).
            say.message(say.message(customer: "C-1", step: "reminder", invoices: ["F-1"], to: "a@b.nl"), reason: "421 bye\r"),
        ]
        #expect(lines.count == expected.count)
        for (line, want) in zip(lines, expected) {
            #expect(line == want)
        }
    }
}
