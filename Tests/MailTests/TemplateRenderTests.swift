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
        #expect(message.subject == "Memento de plată: facturile INV-1, INV-2, INV-3")
        #expect(message.text.contains("Este posibil ca aceste plăți să vă fi scăpat din vedere."))
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

    @Test("a business notice states costs, interest and the new term", arguments: [
        ("nl", "NL", "Aanmaning facturen INV-1, INV-2, INV-3", "Incassokosten:      €\(nbsp)120,00",
         "€\(nbsp)1.234,56", "21 december 2026", "16 november 2026"),
        ("ro", "RO", "Somație de plată: facturile INV-1, INV-2, INV-3", "Cheltuieli de recuperare:  120,00\(nbsp)EUR",
         "1.234,56\(nbsp)EUR", "21 decembrie 2026", "16 noiembrie 2026"),
        ("en", "NL", "Formal notice: invoices INV-1, INV-2, INV-3", "Collection costs:  €\(nbsp)120,00",
         "€\(nbsp)1.234,56", "21 December 2026", "16 November 2026"),
    ])
    func businessNotice(language: String, country: String, subject: String, costsLine: String, open: String,
                        payBy: String, previous: String) throws {
        var fixture = TemplateFixture(country: country, language: language)
        fixture.reminderSent(on: "2026-11-16")
        let item = try fixture.item(asOf: "2026-12-07")
        #expect(item.step == "notice")
        #expect(item.costs == TemplateFixture.amount("120.00"))
        #expect(item.interest > 0)
        let data = try fixture.data(asOf: "2026-12-07")
        let message = try library.render(kind: "notice", language: language, data: data)
        #expect(message.subject == subject)
        #expect(message.text.contains(costsLine))
        let interest = try #require(data.text(at: "totals.interest"))
        let total = try #require(data.text(at: "totals.total"))
        #expect(!interest.contains("0,00"))
        #expect(message.text.contains(interest))
        #expect(message.text.contains(total))
        #expect(message.text.contains(open))
        #expect(message.text.contains(" \(payBy)"))
        #expect(message.text.contains(" \(previous) "))
    }

    @Test("the NL consumer notice is the 14-day letter naming the exact WIK amount")
    func wikLetter() throws {
        var fixture = TemplateFixture(name: "J. de Vries", kind: .consumer)
        fixture.reminderSent(on: "2026-11-16")
        let item = try fixture.item(asOf: "2026-12-07")
        // 15 % of 1234.56, rounded: art. 2 Besluit vergoeding voor buitengerechtelijke incassokosten.
        #expect(item.announcedCosts == TemplateFixture.amount("185.18"))
        let message = try library.render(kind: "notice", language: "nl", data: try fixture.data(asOf: "2026-12-07"))
        #expect(message.text.contains("te betalen binnen 14 dagen na de dag van ontvangst van deze aanmaning, dus uiterlijk op 21 december 2026."))
        #expect(message.text.contains("Betaalt u niet binnen deze termijn, dan bent u buitengerechtelijke incassokosten verschuldigd van €\(nbsp)185,18."))
        #expect(message.text.contains("wij brengen het in rekening vanaf 22 december 2026."))
        #expect(!message.text.contains("Incassokosten:"))
        #expect(message.html.contains("verschuldigd van €\(nbsp)185,18.</strong>"))
    }

    @Test("a confirmation of an arrangement lists each instalment", arguments: [
        ("nl", "NL", "Bevestiging van uw betalingsregeling voor facturen INV-1, INV-2, INV-3", "Termijn 2: €\(nbsp)411,52, uiterlijk 1 januari 2027\n"),
        ("ro", "RO", "Confirmarea eșalonării plății pentru facturile INV-1, INV-2, INV-3", "Rata 2: 411,52\(nbsp)RON, scadentă la 1 ianuarie 2027\n"),
        ("en", "GB", "Confirmation of your payment plan for invoices INV-1, INV-2, INV-3", "Instalment 2: €411.52, due 1 January 2027\n"),
    ])
    func arrangement(language: String, country: String, subject: String, line: String) throws {
        let fixture = TemplateFixture(country: country, language: language,
                                      currency: country == "RO" ? TemplateFixture.ron : .euro)
        let balances = Balances.customer("C-17", in: try fixture.state()).invoices
        #expect(balances.count == 3)
        let record = ArrangementRecord(invoices: ["INV-1", "INV-2", "INV-3"], instalments: [
            Instalment(due: TemplateFixture.day("2026-12-01"), amount: TemplateFixture.amount("411.52")),
            Instalment(due: TemplateFixture.day("2027-01-01"), amount: TemplateFixture.amount("411.52")),
            Instalment(due: TemplateFixture.day("2027-02-01"), amount: TemplateFixture.amount("411.52")),
        ])
        let data = TemplateData.confirmation(arrangement: record, invoices: balances, customer: fixture.customer,
                                             config: TemplateFixture.config, asOf: TemplateFixture.day("2026-11-23"))
        let message = try library.render(kind: "confirmation", language: language, data: data)
        #expect(message.subject == subject)
        #expect(message.text.contains(line))
        #expect(data.text(at: "pay_by") == data.text(at: "arrangement.first_due"))
    }

    @Test("a confirmation of a partial promise names the amount, the day and the rest")
    func promise() throws {
        let fixture = TemplateFixture()
        let balances = Balances.customer("C-17", in: try fixture.state()).invoices
        let record = PromiseRecord(subject: .customer("C-17"), until: TemplateFixture.day("2026-12-15"),
                                   amount: TemplateFixture.amount("500.00"))
        let data = TemplateData.confirmation(promise: record, invoices: balances, customer: fixture.customer,
                                             config: TemplateFixture.config, asOf: TemplateFixture.day("2026-11-23"))
        let message = try library.render(kind: "confirmation", language: "nl", data: data)
        #expect(message.subject == "Bevestiging van uw betalingsafspraak voor facturen INV-1, INV-2, INV-3")
        #expect(message.text.contains("U heeft toegezegd €\(nbsp)500,00 uiterlijk 15 december 2026 te betalen. Over het resterende bedrag nemen wij daarna contact met u op."))
        #expect(message.text.contains("waarop nog €\(nbsp)1.234,56 openstaat."))
        #expect(!message.text.contains("Termijn"))
    }

    @Test("the digest counts and lists what happened, group by group, and HTML-escapes the lines", arguments: ["nl", "ro", "en"])
    func digest(language: String) throws {
        let company = Company(name: "Voorbeeld B.V.", from: "debiteuren@voorbeeld.nl", locale: language == "ro" ? "ro_RO" : language == "en" ? "en_GB" : "nl_NL")
        let config = DunningConfig(company: company)
        var groups = DigestGroups()
        groups.sent = ["C-17 INV-1 reminder", "C-18 INV-9 notice"]
        groups.uncertain = ["C-19 INV-4 reminder <m1@x>"]
        groups.calls = ["C-20 call +31 6 1234 5678"]
        groups.blocked = ["C-21 disputed"]
        let since = TemplateFixture.day("2026-11-20").instant(atMinute: 8 * 60, in: company.timeZone)
        let data = TemplateData.digest(date: TemplateFixture.day("2026-11-23"), since: since, groups: groups, config: config)
        let message = try library.render(kind: "digest", language: language, data: data)
        let expected = [
            "nl": ("Dagoverzicht 23 november 2026 – verzonden: 2, actiepunten: 2", "Onzeker (1)", "Te bellen (1)", "Tegengehouden (1)", "Verzonden (2)", "20 november 2026"),
            "ro": ("Rezumatul zilei 23 noiembrie 2026 – trimise: 2, de rezolvat: 2", "Incerte (1)", "Apeluri de făcut (1)", "Blocate (1)", "Trimise (2)", "20 noiembrie 2026"),
            "en": ("Daily summary 23 November 2026 – sent: 2, to do: 2", "Uncertain (1)", "Calls to make (1)", "Held back (1)", "Sent (2)", "20 November 2026"),
        ][language]
        let (subject, uncertain, calls, blocked, sent, sinceDay) = try #require(expected)
        #expect(message.subject == subject)
        #expect(message.text.contains("\(uncertain)\n"))
        #expect(message.text.contains("\(calls)\n"))
        #expect(message.text.contains("\(blocked)\n"))
        #expect(message.text.contains("\(sent)\n- C-17 INV-1 reminder\n- C-18 INV-9 notice\n"))
        #expect(message.text.contains("- C-19 INV-4 reminder <m1@x>\n"))
        #expect(message.text.contains(sinceDay), "\(message.text)")
        // Groups in working order: what needs deciding first, what merely happened last.
        let order = [uncertain, calls, blocked, sent].compactMap { message.text.range(of: $0)?.lowerBound }
        #expect(order.count == 4 && order == order.sorted())
        #expect(message.html.contains("<li>C-19 INV-4 reminder &lt;m1@x&gt;</li>"))
        #expect(!message.text.contains("(0)") && !message.html.contains("(0)"))
    }

    @Test("a quiet first digest says so, in each language", arguments: ["nl", "ro", "en"])
    func quietDigest(language: String) throws {
        let config = DunningConfig(company: Company(name: "Voorbeeld B.V.", from: "debiteuren@voorbeeld.nl", language: language))
        let data = TemplateData.digest(date: TemplateFixture.day("2026-11-23"), since: nil, groups: DigestGroups(), config: config)
        let message = try library.render(kind: "digest", language: language, data: data)
        let quiet = ["nl": "Er is niets verzonden en er wacht niets op u.",
                     "ro": "Nu s-a trimis nimic și nimic nu necesită atenția dumneavoastră.",
                     "en": "Nothing was sent and nothing needs your attention."][language] ?? "?"
        let first = ["nl": "de afgelopen 24 uur", "ro": "ultimele 24 de ore", "en": "the last 24 hours"][language] ?? "?"
        #expect(message.text.contains(quiet) && message.html.contains(quiet))
        #expect(message.text.contains(first))
        #expect(!message.text.contains("\n- "), "\(message.text)")
        #expect(!message.html.contains("<li>"))
    }

    @Test("quotes and apostrophes are escaped too, and a < that a combining mark follows (one Character) is not let through")
    func escapingBytes() throws {
        let fixture = TemplateFixture(name: "O'Brien \"&\" <\u{0338}script>")
        let message = try library.render(kind: "reminder", language: "nl", data: try fixture.data(asOf: "2026-11-23"))
        #expect(message.html.contains("<p>Beste O&#39;Brien &quot;&amp;&quot; &lt;\u{0338}script&gt;,</p>"), "\(message.html)")
        #expect(message.text.hasPrefix("Beste O'Brien \"&\" <\u{0338}script>,\n"))
    }

    @Test("a customer name is HTML-escaped in HTML and left alone in text and subject")
    func escaping() throws {
        let fixture = TemplateFixture(name: "<b>Ü & Co</b>")
        let data = try fixture.data(asOf: "2026-11-23")
        let message = try library.render(kind: "reminder", language: "nl", data: data)
        #expect(message.html.contains("<p>Beste &lt;b&gt;Ü &amp; Co&lt;/b&gt;,</p>"))
        #expect(!message.html.contains("<b>Ü"))
        #expect(message.text.hasPrefix("Beste <b>Ü & Co</b>,\n"))
        #expect(!message.text.contains("&lt;") && !message.text.contains("&amp;"))
    }

    @Test("a customer whose language has no templates gets the company's; nl-BE uses nl")
    func languageFallback() throws {
        let fixture = TemplateFixture(name: "Dupont SA", country: "BE", language: "fr")
        let data = try fixture.data(asOf: "2026-11-23")
        let message = try library.render(kind: "reminder", language: "fr", data: data)
        #expect(message.subject.hasPrefix("Betalingsherinnering"))
        // Formats still follow the customer's locale (fr_BE).
        #expect(message.text.contains("1\u{202F}234,56\(nbsp)€"))
        let flemish = try library.render(kind: "reminder", language: "nl-BE", data: data)
        #expect(flemish.subject == message.subject)
        let romanianCompany = try TemplateLibrary(folder: nil, fallbackLanguage: "ro")
        #expect(try romanianCompany.render(kind: "reminder", language: "fr", data: data).subject.hasPrefix("Memento de plată"))
    }

    @Test("every built-in template renders its sample without a blank or a stray tag", arguments: ["nl", "ro", "en"])
    func samples(language: String) throws {
        for kind in ["reminder", "notice", "confirmation", "digest"] {
            let data = TemplateData.sample(kind: kind, config: TemplateFixture.config, language: language)
            let message = try library.render(kind: kind, language: language, data: data)
            #expect(!message.subject.isEmpty && !message.subject.contains("\n"))
            for part in [message.subject, message.text, message.html] {
                #expect(!part.contains("{{") && !part.contains("}}"))
                #expect(!part.contains("  ,") && !part.contains(" ."))
            }
        }
    }
}
