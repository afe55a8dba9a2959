/// The built-in `digest` in Romanian (`ro`): the bookkeeper's daily summary. The groups come in the
/// order a person works through them (what needs deciding first, what merely happened
/// last), each with a line on what it means; the lines themselves come finished from
/// `DigestPhrases`.
extension BuiltInTemplates {
    static let romanianDigest = Source(subject: romanianDigestSubject, text: romanianDigestText, html: romanianDigestHTML)
}

private let romanianDigestSubject = """
Rezumatul zilei {{date}} – trimise: {{sent.count}}, de rezolvat: {{attention}}
"""

private let romanianDigestText = """
Rezumatul zilei de {{date}} pentru {{company.name}}

{{#since}}
Acest rezumat cuprinde tot ce s-a întâmplat de la rezumatul anterior, din {{since}}.
{{/since}}
{{^since}}
Acesta este primul rezumat; cuprinde ultimele 24 de ore.
{{/since}}
{{#quiet}}
Nu s-a trimis nimic și nimic nu necesită atenția dumneavoastră.
{{/quiet}}
{{^quiet}}
Trimise: {{sent.count}}. Necesită atenția dumneavoastră: {{attention}}.
{{/quiet}}

{{#uncertain.any}}
Incerte ({{uncertain.count}})
Nu se știe dacă aceste mesaje au ajuns la serverul de e-mail al clientului. Ele nu sunt retrimise niciodată automat. Întrebați clientul sau verificați jurnalul serverului de e-mail, apoi executați comanda indicată la mesaj; dacă mesajul nu a ajuns, folosiți --outcome not-sent în loc de --outcome sent.
{{#uncertain.lines}}
- {{.}}
{{/uncertain.lines}}

{{/uncertain.any}}
{{#failed.any}}
Eșuate ({{failed.count}})
Aceste mesaje au fost refuzate definitiv sau nu au putut fi întocmite. La o astfel de adresă nu se mai scrie până când nu înregistrați o adresă nouă pentru client.
{{#failed.lines}}
- {{.}}
{{/failed.lines}}

{{/failed.any}}
{{#bounced.any}}
Returnate ({{bounced.count}})
Aceste mesaje au fost returnate ca nelivrabile. După un eșec definitiv, adresa nu mai este folosită până când nu înregistrați una nouă.
{{#bounced.lines}}
- {{.}}
{{/bounced.lines}}

{{/bounced.any}}
{{#calls.any}}
Apeluri de făcut ({{calls.count}})
Mementourile prin e-mail nu au dat rezultate; vă rugăm să sunați acești clienți.
{{#calls.lines}}
- {{.}}
{{/calls.lines}}

{{/calls.any}}
{{#promises.any}}
Promisiuni de plată ({{promises.count}})
Promisiuni al căror termen a sosit și promisiuni care nu au fost respectate (în acest caz recuperarea continuă).
{{#promises.lines}}
- {{.}}
{{/promises.lines}}

{{/promises.any}}
{{#handovers.any}}
Gata de predare ({{handovers.count}})
Aceste creanțe au parcurs toate etapele și pot fi predate unei agenții de recuperare a creanțelor.
{{#handovers.lines}}
- {{.}}
{{/handovers.lines}}

{{/handovers.any}}
{{#limitation.any}}
Prescripție ({{limitation.count}})
Aceste creanțe se apropie de sfârșitul termenului de prescripție sau sunt deja prescrise. Un avocat sau o agenție de recuperare vă poate spune cum se întrerupe prescripția.
{{#limitation.lines}}
- {{.}}
{{/limitation.lines}}

{{/limitation.any}}
{{#tasks.any}}
Alte sarcini ({{tasks.count}})
{{#tasks.lines}}
- {{.}}
{{/tasks.lines}}

{{/tasks.any}}
{{#blocked.any}}
Blocate ({{blocked.count}})
Acești clienți nu primesc deocamdată niciun mesaj, din motivul indicat.
{{#blocked.lines}}
- {{.}}
{{/blocked.lines}}

{{/blocked.any}}
{{#deferred.any}}
Amânate ({{deferred.count}})
Serverul nu a acceptat deocamdată aceste mesaje; ele vor fi retrimise automat.
{{#deferred.lines}}
- {{.}}
{{/deferred.lines}}

{{/deferred.any}}
{{#sent.any}}
Trimise ({{sent.count}})
{{#sent.lines}}
- {{.}}
{{/sent.lines}}

{{/sent.any}}
-- 
dunning

"""

private let romanianDigestHTML = """
\(BuiltInTemplates.htmlHead(title: "Rezumatul zilei {{date}}", style: .digest))<h1>Rezumatul zilei de {{date}} pentru {{company.name}}</h1>
{{#since}}
<p>Acest rezumat cuprinde tot ce s-a întâmplat de la rezumatul anterior, din {{since}}.</p>
{{/since}}
{{^since}}
<p>Acesta este primul rezumat; cuprinde ultimele 24 de ore.</p>
{{/since}}
{{#quiet}}
<p>Nu s-a trimis nimic și nimic nu necesită atenția dumneavoastră.</p>
{{/quiet}}
{{^quiet}}
<p>Trimise: {{sent.count}}. Necesită atenția dumneavoastră: {{attention}}.</p>
{{/quiet}}
{{#uncertain.any}}
<h2>Incerte ({{uncertain.count}})</h2>
<p>Nu se știe dacă aceste mesaje au ajuns la serverul de e-mail al clientului. Ele nu sunt retrimise niciodată automat. Întrebați clientul sau verificați jurnalul serverului de e-mail, apoi executați comanda indicată la mesaj; dacă mesajul nu a ajuns, folosiți <code>--outcome not-sent</code> în loc de <code>--outcome sent</code>.</p>
<ul>
{{#uncertain.lines}}
<li>{{.}}</li>
{{/uncertain.lines}}
</ul>
{{/uncertain.any}}
{{#failed.any}}
<h2>Eșuate ({{failed.count}})</h2>
<p>Aceste mesaje au fost refuzate definitiv sau nu au putut fi întocmite. La o astfel de adresă nu se mai scrie până când nu înregistrați o adresă nouă pentru client.</p>
<ul>
{{#failed.lines}}
<li>{{.}}</li>
{{/failed.lines}}
</ul>
{{/failed.any}}
{{#bounced.any}}
<h2>Returnate ({{bounced.count}})</h2>
<p>Aceste mesaje au fost returnate ca nelivrabile. După un eșec definitiv, adresa nu mai este folosită până când nu înregistrați una nouă.</p>
<ul>
{{#bounced.lines}}
<li>{{.}}</li>
{{/bounced.lines}}
</ul>
{{/bounced.any}}
{{#calls.any}}
<h2>Apeluri de făcut ({{calls.count}})</h2>
<p>Mementourile prin e-mail nu au dat rezultate; vă rugăm să sunați acești clienți.</p>
<ul>
{{#calls.lines}}
<li>{{.}}</li>
{{/calls.lines}}
</ul>
{{/calls.any}}
{{#promises.any}}
<h2>Promisiuni de plată ({{promises.count}})</h2>
<p>Promisiuni al căror termen a sosit și promisiuni care nu au fost respectate (în acest caz recuperarea continuă).</p>
<ul>
{{#promises.lines}}
<li>{{.}}</li>
{{/promises.lines}}
</ul>
{{/promises.any}}
{{#handovers.any}}
<h2>Gata de predare ({{handovers.count}})</h2>
<p>Aceste creanțe au parcurs toate etapele și pot fi predate unei agenții de recuperare a creanțelor.</p>
<ul>
{{#handovers.lines}}
<li>{{.}}</li>
{{/handovers.lines}}
</ul>
{{/handovers.any}}
{{#limitation.any}}
<h2>Prescripție ({{limitation.count}})</h2>
<p>Aceste creanțe se apropie de sfârșitul termenului de prescripție sau sunt deja prescrise. Un avocat sau o agenție de recuperare vă poate spune cum se întrerupe prescripția.</p>
<ul>
{{#limitation.lines}}
<li>{{.}}</li>
{{/limitation.lines}}
</ul>
{{/limitation.any}}
{{#tasks.any}}
<h2>Alte sarcini ({{tasks.count}})</h2>
<ul>
{{#tasks.lines}}
<li>{{.}}</li>
{{/tasks.lines}}
</ul>
{{/tasks.any}}
{{#blocked.any}}
<h2>Blocate ({{blocked.count}})</h2>
<p>Acești clienți nu primesc deocamdată niciun mesaj, din motivul indicat.</p>
<ul>
{{#blocked.lines}}
<li>{{.}}</li>
{{/blocked.lines}}
</ul>
{{/blocked.any}}
{{#deferred.any}}
<h2>Amânate ({{deferred.count}})</h2>
<p>Serverul nu a acceptat deocamdată aceste mesaje; ele vor fi retrimise automat.</p>
<ul>
{{#deferred.lines}}
<li>{{.}}</li>
{{/deferred.lines}}
</ul>
{{/deferred.any}}
{{#sent.any}}
<h2>Trimise ({{sent.count}})</h2>
<ul>
{{#sent.lines}}
<li>{{.}}</li>
{{/sent.lines}}
</ul>
{{/sent.any}}
</body>
</html>

"""
