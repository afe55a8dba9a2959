// The built-in Dutch templates. Tone: polite and direct; the notice for consumers is the
// statutory 14-day letter of art. 6:96 lid 6 BW (the exact collection costs and the day
// from which they are owed), for businesses a formal aanmaning with costs and interest.

extension BuiltInTemplates {
    static let dutch: [String: Source] = [
        "reminder": Source(subject: reminderSubject, text: reminderText, html: reminderHTML),
        "notice": Source(subject: noticeSubject, text: noticeText, html: noticeHTML),
        "confirmation": Source(subject: confirmationSubject, text: confirmationText, html: confirmationHTML),
        "digest": dutchDigest,
    ]
}

private let reminderSubject = """
Betalingsherinnering {{#single_invoice}}factuur{{/single_invoice}}{{#several_invoices}}facturen{{/several_invoices}} {{payment.reference}}
"""

private let reminderText = """
Beste {{customer.name}},

{{#single_invoice}}
Volgens onze administratie is de onderstaande factuur nog niet (volledig) betaald, terwijl de betaaltermijn inmiddels is verstreken. Wellicht heeft u deze factuur over het hoofd gezien.
{{/single_invoice}}
{{#several_invoices}}
Volgens onze administratie zijn de onderstaande {{invoice_count}} facturen nog niet (volledig) betaald, terwijl de betaaltermijn inmiddels is verstreken. Wellicht heeft u deze facturen over het hoofd gezien.
{{/several_invoices}}

{{#invoices}}
Factuur {{number}} van {{issued}}{{#reference}}, uw referentie {{reference}}{{/reference}}
  vervaldatum {{due}}, nog te betalen {{open}}
{{/invoices}}

Totaal nog te betalen: {{totals.open}}
Uw klantnummer: {{customer.id}}

Wij verzoeken u vriendelijk dit bedrag uiterlijk {{pay_by}} te betalen{{#payment.iban}} op rekening {{payment.iban}} ten name van {{company.name}}{{/payment.iban}}, onder vermelding van {{payment.reference}}.

Heeft u het bedrag inmiddels overgemaakt? Dan kunt u deze herinnering als niet verzonden beschouwen. Klopt er iets niet aan de factuur, of lukt het niet om op tijd te betalen? Neem dan gerust contact met ons op via {{company.email}}{{#company.phone}} of {{company.phone}}{{/company.phone}}, dan zoeken we samen naar een oplossing.

Met vriendelijke groet,

{{company.name}}

"""

private let reminderHTML = """
\(BuiltInTemplates.htmlHead(title: "Betalingsherinnering", style: .letter))<p>Beste {{customer.name}},</p>
{{#single_invoice}}
<p>Volgens onze administratie is de onderstaande factuur nog niet (volledig) betaald, terwijl de betaaltermijn inmiddels is verstreken. Wellicht heeft u deze factuur over het hoofd gezien.</p>
{{/single_invoice}}
{{#several_invoices}}
<p>Volgens onze administratie zijn de onderstaande {{invoice_count}} facturen nog niet (volledig) betaald, terwijl de betaaltermijn inmiddels is verstreken. Wellicht heeft u deze facturen over het hoofd gezien.</p>
{{/several_invoices}}
<table>
<thead><tr><th>Factuur</th><th>Factuurdatum</th><th>Vervaldatum</th><th>Uw referentie</th><th class="amount">Nog te betalen</th></tr></thead>
<tbody>
{{#invoices}}
<tr><td>{{number}}</td><td>{{issued}}</td><td>{{due}}</td><td>{{reference}}</td><td class="amount">{{open}}</td></tr>
{{/invoices}}
</tbody>
<tfoot><tr><th colspan="4">Totaal</th><th class="amount">{{totals.open}}</th></tr></tfoot>
</table>
<p>Uw klantnummer: {{customer.id}}</p>
<p>Wij verzoeken u vriendelijk dit bedrag uiterlijk <strong>{{pay_by}}</strong> te betalen{{#payment.iban}} op rekening {{payment.iban}} ten name van {{company.name}}{{/payment.iban}}, onder vermelding van {{payment.reference}}.</p>
<p>Heeft u het bedrag inmiddels overgemaakt? Dan kunt u deze herinnering als niet verzonden beschouwen. Klopt er iets niet aan de factuur, of lukt het niet om op tijd te betalen? Neem dan gerust contact met ons op via <a href="mailto:{{company.email}}">{{company.email}}</a>{{#company.phone}} of {{company.phone}}{{/company.phone}}, dan zoeken we samen naar een oplossing.</p>
<p>Met vriendelijke groet,</p>
<p>{{company.name}}</p>
</body>
</html>

"""

private let noticeSubject = """
Aanmaning {{#single_invoice}}factuur{{/single_invoice}}{{#several_invoices}}facturen{{/several_invoices}} {{payment.reference}}
"""

private let noticeText = """
Geachte heer, mevrouw,

{{#previous_reminder}}
Op {{previous_reminder}} hebben wij u herinnerd aan de betaling van {{#single_invoice}}onderstaande factuur{{/single_invoice}}{{#several_invoices}}onderstaande facturen{{/several_invoices}}. Tot op heden hebben wij uw betaling niet ontvangen.
{{/previous_reminder}}
{{^previous_reminder}}
Tot op heden hebben wij de betaling van {{#single_invoice}}onderstaande factuur{{/single_invoice}}{{#several_invoices}}onderstaande facturen{{/several_invoices}} niet ontvangen, hoewel de betaaltermijn is verstreken.
{{/previous_reminder}}

{{#invoices}}
Factuur {{number}} van {{issued}}{{#reference}}, uw referentie {{reference}}{{/reference}}
  vervaldatum {{due}} ({{days_overdue}} dagen geleden), nog te betalen {{open}}
{{/invoices}}

{{#announced_costs}}
Wij verzoeken u het openstaande bedrag van {{totals.total}}{{#has_interest}} (waarvan {{totals.interest}} wettelijke rente){{/has_interest}} te betalen binnen {{pay_within_days}} dagen na de dag van ontvangst van deze aanmaning, dus uiterlijk op {{pay_by}}.

Betaalt u niet binnen deze termijn, dan bent u buitengerechtelijke incassokosten verschuldigd van {{announced_costs}}. Dit bedrag is berekend volgens het Besluit vergoeding voor buitengerechtelijke incassokosten; wij brengen het in rekening vanaf {{announced_costs_from}}.
{{/announced_costs}}
{{^announced_costs}}
Openstaand:         {{totals.open}}
{{#has_costs}}
Incassokosten:      {{totals.costs}}
{{/has_costs}}
{{#has_interest}}
Rente:              {{totals.interest}}
{{/has_interest}}
Totaal te betalen:  {{totals.total}}

Wij verzoeken u dringend het totaalbedrag van {{totals.total}} uiterlijk {{pay_by}} te betalen. Ontvangen wij uw betaling niet op tijd, dan dragen wij de vordering zonder verdere aankondiging over aan een incassobureau.{{#has_interest}} De rente loopt door tot de dag van volledige betaling.{{/has_interest}}
{{/announced_costs}}

U kunt betalen{{#payment.iban}} op rekening {{payment.iban}} ten name van {{company.name}}{{/payment.iban}} onder vermelding van {{payment.reference}}. Uw klantnummer is {{customer.id}}.

Heeft u inmiddels betaald? Dan kunt u deze aanmaning als niet verzonden beschouwen. Bent u het niet eens met een factuur, of heeft u vragen? Neem dan vóór {{pay_by}} contact met ons op via {{company.email}}{{#company.phone}} of {{company.phone}}{{/company.phone}}.

Met vriendelijke groet,

{{company.name}}

"""

private let noticeHTML = """
\(BuiltInTemplates.htmlHead(title: "Aanmaning", style: .letter))<p>Geachte heer, mevrouw,</p>
{{#previous_reminder}}
<p>Op {{previous_reminder}} hebben wij u herinnerd aan de betaling van {{#single_invoice}}onderstaande factuur{{/single_invoice}}{{#several_invoices}}onderstaande facturen{{/several_invoices}}. Tot op heden hebben wij uw betaling niet ontvangen.</p>
{{/previous_reminder}}
{{^previous_reminder}}
<p>Tot op heden hebben wij de betaling van {{#single_invoice}}onderstaande factuur{{/single_invoice}}{{#several_invoices}}onderstaande facturen{{/several_invoices}} niet ontvangen, hoewel de betaaltermijn is verstreken.</p>
{{/previous_reminder}}
<table>
<thead><tr><th>Factuur</th><th>Factuurdatum</th><th>Vervaldatum</th><th>Dagen te laat</th><th class="amount">Nog te betalen</th></tr></thead>
<tbody>
{{#invoices}}
<tr><td>{{number}}{{#reference}}<br><small>uw referentie {{reference}}</small>{{/reference}}</td><td>{{issued}}</td><td>{{due}}</td><td>{{days_overdue}}</td><td class="amount">{{open}}</td></tr>
{{/invoices}}
</tbody>
<tfoot>
<tr><th colspan="4">Openstaand</th><th class="amount">{{totals.open}}</th></tr>
{{^announced_costs}}
{{#has_costs}}
<tr><th colspan="4">Incassokosten</th><th class="amount">{{totals.costs}}</th></tr>
{{/has_costs}}
{{/announced_costs}}
{{#has_interest}}
<tr><th colspan="4">Rente</th><th class="amount">{{totals.interest}}</th></tr>
{{/has_interest}}
<tr><th colspan="4">Totaal te betalen</th><th class="amount">{{totals.total}}</th></tr>
</tfoot>
</table>
{{#announced_costs}}
<p>Wij verzoeken u het openstaande bedrag van {{totals.total}} te betalen binnen {{pay_within_days}} dagen na de dag van ontvangst van deze aanmaning, dus uiterlijk op <strong>{{pay_by}}</strong>.</p>
<p><strong>Betaalt u niet binnen deze termijn, dan bent u buitengerechtelijke incassokosten verschuldigd van {{announced_costs}}.</strong> Dit bedrag is berekend volgens het Besluit vergoeding voor buitengerechtelijke incassokosten; wij brengen het in rekening vanaf {{announced_costs_from}}.</p>
{{/announced_costs}}
{{^announced_costs}}
<p>Wij verzoeken u dringend het totaalbedrag van {{totals.total}} uiterlijk <strong>{{pay_by}}</strong> te betalen. Ontvangen wij uw betaling niet op tijd, dan dragen wij de vordering zonder verdere aankondiging over aan een incassobureau.{{#has_interest}} De rente loopt door tot de dag van volledige betaling.{{/has_interest}}</p>
{{/announced_costs}}
<p>U kunt betalen{{#payment.iban}} op rekening {{payment.iban}} ten name van {{company.name}}{{/payment.iban}} onder vermelding van {{payment.reference}}. Uw klantnummer is {{customer.id}}.</p>
<p>Heeft u inmiddels betaald? Dan kunt u deze aanmaning als niet verzonden beschouwen. Bent u het niet eens met een factuur, of heeft u vragen? Neem dan vóór {{pay_by}} contact met ons op via <a href="mailto:{{company.email}}">{{company.email}}</a>{{#company.phone}} of {{company.phone}}{{/company.phone}}.</p>
<p>Met vriendelijke groet,</p>
<p>{{company.name}}</p>
</body>
</html>

"""

private let confirmationSubject = """
{{#promise}}Bevestiging van uw betalingsafspraak{{/promise}}{{#arrangement}}Bevestiging van uw betalingsregeling{{/arrangement}} voor {{#single_invoice}}factuur{{/single_invoice}}{{#several_invoices}}facturen{{/several_invoices}} {{payment.reference}}
"""

private let confirmationText = """
Beste {{customer.name}},

Hierbij bevestigen wij de afspraak die wij met u hebben gemaakt over {{#single_invoice}}factuur{{/single_invoice}}{{#several_invoices}}de facturen{{/several_invoices}} {{payment.reference}}, waarop nog {{totals.open}} openstaat.

{{#promise}}
U heeft toegezegd {{amount}} uiterlijk {{until}} te betalen.{{#partial}} Over het resterende bedrag nemen wij daarna contact met u op.{{/partial}}
{{/promise}}
{{#arrangement}}
U betaalt het bedrag van {{total}} in {{count}} termijnen:

{{#instalments}}
Termijn {{number}}: {{amount}}, uiterlijk {{due}}
{{/instalments}}
{{/arrangement}}

Wilt u bij uw betaling{{#payment.iban}} op rekening {{payment.iban}} ten name van {{company.name}}{{/payment.iban}} het kenmerk {{payment.reference}} vermelden?

Zolang u zich aan deze afspraak houdt, ontvangt u van ons geen herinneringen of aanmaningen voor {{#single_invoice}}deze factuur{{/single_invoice}}{{#several_invoices}}deze facturen{{/several_invoices}}. Ontvangen wij een betaling niet op tijd, dan vervalt de afspraak en zetten wij de invordering van het volledige openstaande bedrag voort.

Klopt deze bevestiging niet met wat wij hebben afgesproken? Laat het ons dan zo snel mogelijk weten via {{company.email}}{{#company.phone}} of {{company.phone}}{{/company.phone}}.

Met vriendelijke groet,

{{company.name}}

"""

private let confirmationHTML = """
\(BuiltInTemplates.htmlHead(title: "Bevestiging van uw afspraak", style: .letter))<p>Beste {{customer.name}},</p>
<p>Hierbij bevestigen wij de afspraak die wij met u hebben gemaakt over {{#single_invoice}}factuur{{/single_invoice}}{{#several_invoices}}de facturen{{/several_invoices}} {{payment.reference}}, waarop nog {{totals.open}} openstaat.</p>
{{#promise}}
<p>U heeft toegezegd <strong>{{amount}}</strong> uiterlijk <strong>{{until}}</strong> te betalen.{{#partial}} Over het resterende bedrag nemen wij daarna contact met u op.{{/partial}}</p>
{{/promise}}
{{#arrangement}}
<p>U betaalt het bedrag van {{total}} in {{count}} termijnen:</p>
<table>
<thead><tr><th>Termijn</th><th>Uiterlijk</th><th class="amount">Bedrag</th></tr></thead>
<tbody>
{{#instalments}}
<tr><td>{{number}}</td><td>{{due}}</td><td class="amount">{{amount}}</td></tr>
{{/instalments}}
</tbody>
</table>
{{/arrangement}}
<p>Wilt u bij uw betaling{{#payment.iban}} op rekening {{payment.iban}} ten name van {{company.name}}{{/payment.iban}} het kenmerk {{payment.reference}} vermelden?</p>
<p>Zolang u zich aan deze afspraak houdt, ontvangt u van ons geen herinneringen of aanmaningen voor {{#single_invoice}}deze factuur{{/single_invoice}}{{#several_invoices}}deze facturen{{/several_invoices}}. Ontvangen wij een betaling niet op tijd, dan vervalt de afspraak en zetten wij de invordering van het volledige openstaande bedrag voort.</p>
<p>Klopt deze bevestiging niet met wat wij hebben afgesproken? Laat het ons dan zo snel mogelijk weten via <a href="mailto:{{company.email}}">{{company.email}}</a>{{#company.phone}} of {{company.phone}}{{/company.phone}}.</p>
<p>Met vriendelijke groet,</p>
<p>{{company.name}}</p>
</body>
</html>

"""
