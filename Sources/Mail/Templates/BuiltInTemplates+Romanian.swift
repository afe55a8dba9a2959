// The built-in Romanian templates. Tone: politicos, formal; the notice is a „somație de
// plată” stating costs (cheltuieli de recuperare, Legea 72/2013) and penalty interest, and
// carries the Dutch 14-day wording when the planner announces WIK costs.

extension BuiltInTemplates {
    static let romanian: [String: Source] = [
        "reminder": Source(subject: reminderSubject, text: reminderText, html: reminderHTML),
        "notice": Source(subject: noticeSubject, text: noticeText, html: noticeHTML),
        "confirmation": Source(subject: confirmationSubject, text: confirmationText, html: confirmationHTML),
        "digest": romanianDigest,
    ]
}

private let reminderSubject = """
Memento de plată: {{#single_invoice}}factura{{/single_invoice}}{{#several_invoices}}facturile{{/several_invoices}} {{payment.reference}}
"""

private let reminderText = """
Stimate client,

{{#single_invoice}}
Conform evidențelor noastre, factura de mai jos nu a fost încă achitată (integral), deși termenul de plată a expirat. Este posibil ca această plată să vă fi scăpat din vedere.
{{/single_invoice}}
{{#several_invoices}}
Conform evidențelor noastre, facturile de mai jos nu au fost încă achitate (integral), deși termenul de plată a expirat. Este posibil ca aceste plăți să vă fi scăpat din vedere.
{{/several_invoices}}

{{#invoices}}
Factura {{number}} din {{issued}}{{#reference}}, referința dumneavoastră {{reference}}{{/reference}}
  scadentă la {{due}}, rest de plată {{open}}
{{/invoices}}

Total de plată: {{totals.open}}
Cod client: {{customer.id}}

Vă rugăm să achitați această sumă până la data de {{pay_by}}{{#payment.iban}} în contul {{payment.iban}}, titular {{company.name}}{{/payment.iban}}, menționând la detaliile plății: {{payment.reference}}.

Dacă ați efectuat deja plata, vă mulțumim și vă rugăm să ignorați acest mesaj. Dacă există o neclaritate privind factura sau nu puteți plăti la timp, vă rugăm să ne contactați la {{company.email}}{{#company.phone}} sau la {{company.phone}}{{/company.phone}}, pentru a găsi împreună o soluție.

Cu stimă,

{{company.name}}

"""

private let reminderHTML = """
\(BuiltInTemplates.htmlHead(title: "Memento de plată", style: .letter))<p>Stimate client,</p>
{{#single_invoice}}
<p>Conform evidențelor noastre, factura de mai jos nu a fost încă achitată (integral), deși termenul de plată a expirat. Este posibil ca această plată să vă fi scăpat din vedere.</p>
{{/single_invoice}}
{{#several_invoices}}
<p>Conform evidențelor noastre, facturile de mai jos nu au fost încă achitate (integral), deși termenul de plată a expirat. Este posibil ca aceste plăți să vă fi scăpat din vedere.</p>
{{/several_invoices}}
<table>
<thead><tr><th>Factura</th><th>Data emiterii</th><th>Scadența</th><th>Referința dumneavoastră</th><th class="amount">Rest de plată</th></tr></thead>
<tbody>
{{#invoices}}
<tr><td>{{number}}</td><td>{{issued}}</td><td>{{due}}</td><td>{{reference}}</td><td class="amount">{{open}}</td></tr>
{{/invoices}}
</tbody>
<tfoot><tr><th colspan="4">Total de plată</th><th class="amount">{{totals.open}}</th></tr></tfoot>
</table>
<p>Cod client: {{customer.id}}</p>
<p>Vă rugăm să achitați această sumă până la data de <strong>{{pay_by}}</strong>{{#payment.iban}} în contul {{payment.iban}}, titular {{company.name}}{{/payment.iban}}, menționând la detaliile plății: {{payment.reference}}.</p>
<p>Dacă ați efectuat deja plata, vă mulțumim și vă rugăm să ignorați acest mesaj. Dacă există o neclaritate privind factura sau nu puteți plăti la timp, vă rugăm să ne contactați la <a href="mailto:{{company.email}}">{{company.email}}</a>{{#company.phone}} sau la {{company.phone}}{{/company.phone}}, pentru a găsi împreună o soluție.</p>
<p>Cu stimă,</p>
<p>{{company.name}}</p>
</body>
</html>

"""

private let noticeSubject = """
Somație de plată: {{#single_invoice}}factura{{/single_invoice}}{{#several_invoices}}facturile{{/several_invoices}} {{payment.reference}}
"""

private let noticeText = """
Stimată doamnă, stimate domn,

{{#previous_reminder}}
Prin mementoul din {{previous_reminder}} v-am reamintit de plata {{#single_invoice}}facturii{{/single_invoice}}{{#several_invoices}}facturilor{{/several_invoices}} de mai jos. Până în prezent nu am primit plata.
{{/previous_reminder}}
{{^previous_reminder}}
Până în prezent nu am primit plata {{#single_invoice}}facturii{{/single_invoice}}{{#several_invoices}}facturilor{{/several_invoices}} de mai jos, deși termenul de plată a expirat.
{{/previous_reminder}}

{{#invoices}}
Factura {{number}} din {{issued}}{{#reference}}, referința dumneavoastră {{reference}}{{/reference}}
  scadentă la {{due}} (zile de întârziere: {{days_overdue}}), rest de plată {{open}}
{{/invoices}}

{{#announced_costs}}
Vă rugăm să achitați suma restantă de {{totals.total}}{{#has_interest}} (din care dobânda legală: {{totals.interest}}){{/has_interest}} în termen de {{pay_within_days}} zile de la ziua următoare primirii prezentei somații, adică cel târziu la {{pay_by}}.

Dacă nu plătiți în acest termen, veți datora cheltuieli de recuperare extrajudiciară în valoare de {{announced_costs}}, calculate conform legislației olandeze (Besluit vergoeding voor buitengerechtelijke incassokosten), pe care le vom factura începând cu {{announced_costs_from}}.
{{/announced_costs}}
{{^announced_costs}}
Sumă restantă:             {{totals.open}}
{{#has_costs}}
Cheltuieli de recuperare:  {{totals.costs}}
{{/has_costs}}
{{#has_interest}}
Dobânzi penalizatoare:     {{totals.interest}}
{{/has_interest}}
Total de plată:            {{totals.total}}

Prin prezenta vă somăm să achitați suma totală de {{totals.total}} cel târziu până la data de {{pay_by}}. Dacă nu primim plata în acest termen, vom transmite creanța unei societăți de recuperare a creanțelor, fără o altă notificare.{{#has_interest}} Dobânzile penalizatoare se calculează în continuare până la data plății integrale.{{/has_interest}}
{{/announced_costs}}

Plata se poate face{{#payment.iban}} în contul {{payment.iban}}, titular {{company.name}},{{/payment.iban}} cu mențiunea {{payment.reference}}. Codul dumneavoastră de client este {{customer.id}}.

Dacă ați efectuat deja plata, vă rugăm să ignorați această somație. Dacă nu sunteți de acord cu o factură sau aveți întrebări, vă rugăm să ne contactați înainte de {{pay_by}} la {{company.email}}{{#company.phone}} sau la {{company.phone}}{{/company.phone}}.

Cu stimă,

{{company.name}}

"""

private let noticeHTML = """
\(BuiltInTemplates.htmlHead(title: "Somație de plată", style: .letter))<p>Stimată doamnă, stimate domn,</p>
{{#previous_reminder}}
<p>Prin mementoul din {{previous_reminder}} v-am reamintit de plata {{#single_invoice}}facturii{{/single_invoice}}{{#several_invoices}}facturilor{{/several_invoices}} de mai jos. Până în prezent nu am primit plata.</p>
{{/previous_reminder}}
{{^previous_reminder}}
<p>Până în prezent nu am primit plata {{#single_invoice}}facturii{{/single_invoice}}{{#several_invoices}}facturilor{{/several_invoices}} de mai jos, deși termenul de plată a expirat.</p>
{{/previous_reminder}}
<table>
<thead><tr><th>Factura</th><th>Data emiterii</th><th>Scadența</th><th>Zile de întârziere</th><th class="amount">Rest de plată</th></tr></thead>
<tbody>
{{#invoices}}
<tr><td>{{number}}{{#reference}}<br><small>referința dumneavoastră {{reference}}</small>{{/reference}}</td><td>{{issued}}</td><td>{{due}}</td><td>{{days_overdue}}</td><td class="amount">{{open}}</td></tr>
{{/invoices}}
</tbody>
<tfoot>
<tr><th colspan="4">Sumă restantă</th><th class="amount">{{totals.open}}</th></tr>
{{^announced_costs}}
{{#has_costs}}
<tr><th colspan="4">Cheltuieli de recuperare</th><th class="amount">{{totals.costs}}</th></tr>
{{/has_costs}}
{{/announced_costs}}
{{#has_interest}}
<tr><th colspan="4">Dobânzi penalizatoare</th><th class="amount">{{totals.interest}}</th></tr>
{{/has_interest}}
<tr><th colspan="4">Total de plată</th><th class="amount">{{totals.total}}</th></tr>
</tfoot>
</table>
{{#announced_costs}}
<p>Vă rugăm să achitați suma restantă de {{totals.total}} în termen de {{pay_within_days}} zile de la ziua următoare primirii prezentei somații, adică cel târziu la <strong>{{pay_by}}</strong>.</p>
<p><strong>Dacă nu plătiți în acest termen, veți datora cheltuieli de recuperare extrajudiciară în valoare de {{announced_costs}}</strong>, calculate conform legislației olandeze (Besluit vergoeding voor buitengerechtelijke incassokosten), pe care le vom factura începând cu {{announced_costs_from}}.</p>
{{/announced_costs}}
{{^announced_costs}}
<p>Prin prezenta vă somăm să achitați suma totală de {{totals.total}} cel târziu până la data de <strong>{{pay_by}}</strong>. Dacă nu primim plata în acest termen, vom transmite creanța unei societăți de recuperare a creanțelor, fără o altă notificare.{{#has_interest}} Dobânzile penalizatoare se calculează în continuare până la data plății integrale.{{/has_interest}}</p>
{{/announced_costs}}
<p>Plata se poate face{{#payment.iban}} în contul {{payment.iban}}, titular {{company.name}},{{/payment.iban}} cu mențiunea {{payment.reference}}. Codul dumneavoastră de client este {{customer.id}}.</p>
<p>Dacă ați efectuat deja plata, vă rugăm să ignorați această somație. Dacă nu sunteți de acord cu o factură sau aveți întrebări, vă rugăm să ne contactați înainte de {{pay_by}} la <a href="mailto:{{company.email}}">{{company.email}}</a>{{#company.phone}} sau la {{company.phone}}{{/company.phone}}.</p>
<p>Cu stimă,</p>
<p>{{company.name}}</p>
</body>
</html>

"""

private let confirmationSubject = """
{{#promise}}Confirmarea angajamentului de plată{{/promise}}{{#arrangement}}Confirmarea eșalonării plății{{/arrangement}} pentru {{#single_invoice}}factura{{/single_invoice}}{{#several_invoices}}facturile{{/several_invoices}} {{payment.reference}}
"""

private let confirmationText = """
Stimate client,

Vă confirmăm prin prezentul mesaj înțelegerea la care am ajuns privind {{#single_invoice}}factura{{/single_invoice}}{{#several_invoices}}facturile{{/several_invoices}} {{payment.reference}}, cu un rest de plată de {{totals.open}}.

{{#promise}}
V-ați angajat să achitați suma de {{amount}} până la data de {{until}}.{{#partial}} În privința sumei rămase vă vom contacta ulterior.{{/partial}}
{{/promise}}
{{#arrangement}}
Am convenit ca suma de {{total}} să fie achitată în {{count}} rate:

{{#instalments}}
Rata {{number}}: {{amount}}, scadentă la {{due}}
{{/instalments}}
{{/arrangement}}

Vă rugăm să efectuați plata{{#payment.iban}} în contul {{payment.iban}}, titular {{company.name}},{{/payment.iban}} cu mențiunea {{payment.reference}}.

Cât timp respectați această înțelegere, nu vă vom trimite mementouri sau somații pentru {{#single_invoice}}această factură{{/single_invoice}}{{#several_invoices}}aceste facturi{{/several_invoices}}. Dacă o plată nu este primită la termen, înțelegerea își pierde valabilitatea și vom relua recuperarea întregii sume restante.

Dacă această confirmare nu corespunde celor convenite, vă rugăm să ne anunțați cât mai curând la {{company.email}}{{#company.phone}} sau la {{company.phone}}{{/company.phone}}.

Cu stimă,

{{company.name}}

"""

private let confirmationHTML = """
\(BuiltInTemplates.htmlHead(title: "Confirmarea înțelegerii", style: .letter))<p>Stimate client,</p>
<p>Vă confirmăm prin prezentul mesaj înțelegerea la care am ajuns privind {{#single_invoice}}factura{{/single_invoice}}{{#several_invoices}}facturile{{/several_invoices}} {{payment.reference}}, cu un rest de plată de {{totals.open}}.</p>
{{#promise}}
<p>V-ați angajat să achitați suma de <strong>{{amount}}</strong> până la data de <strong>{{until}}</strong>.{{#partial}} În privința sumei rămase vă vom contacta ulterior.{{/partial}}</p>
{{/promise}}
{{#arrangement}}
<p>Am convenit ca suma de {{total}} să fie achitată în {{count}} rate:</p>
<table>
<thead><tr><th>Rata</th><th>Scadența</th><th class="amount">Suma</th></tr></thead>
<tbody>
{{#instalments}}
<tr><td>{{number}}</td><td>{{due}}</td><td class="amount">{{amount}}</td></tr>
{{/instalments}}
</tbody>
</table>
{{/arrangement}}
<p>Vă rugăm să efectuați plata{{#payment.iban}} în contul {{payment.iban}}, titular {{company.name}},{{/payment.iban}} cu mențiunea {{payment.reference}}.</p>
<p>Cât timp respectați această înțelegere, nu vă vom trimite mementouri sau somații pentru {{#single_invoice}}această factură{{/single_invoice}}{{#several_invoices}}aceste facturi{{/several_invoices}}. Dacă o plată nu este primită la termen, înțelegerea își pierde valabilitatea și vom relua recuperarea întregii sume restante.</p>
<p>Dacă această confirmare nu corespunde celor convenite, vă rugăm să ne anunțați cât mai curând la <a href="mailto:{{company.email}}">{{company.email}}</a>{{#company.phone}} sau la {{company.phone}}{{/company.phone}}.</p>
<p>Cu stimă,</p>
<p>{{company.name}}</p>
</body>
</html>

"""
