/// The built-in `digest` in Dutch (`nl`): the bookkeeper's daily summary. The groups come in the
/// order a person works through them (what needs deciding first, what merely happened
/// last), each with a line on what it means; the lines themselves come finished from
/// `DigestPhrases`.
extension BuiltInTemplates {
    static let dutchDigest = Source(subject: dutchDigestSubject, text: dutchDigestText, html: dutchDigestHTML)
}

private let dutchDigestSubject = """
Dagoverzicht {{date}} – verzonden: {{sent.count}}, actiepunten: {{attention}}
"""

private let dutchDigestText = """
Dagoverzicht van {{date}} voor {{company.name}}

{{#since}}
Dit overzicht beslaat alles sinds het vorige overzicht, van {{since}}.
{{/since}}
{{^since}}
Dit is het eerste overzicht; het beslaat de afgelopen 24 uur.
{{/since}}
{{#quiet}}
Er is niets verzonden en er wacht niets op u.
{{/quiet}}
{{^quiet}}
Verzonden: {{sent.count}}. Vraagt uw aandacht: {{attention}}.
{{/quiet}}

{{#uncertain.any}}
Onzeker ({{uncertain.count}})
Van deze berichten is niet bekend of ze de mailserver van de klant hebben bereikt. Ze worden nooit vanzelf opnieuw verstuurd. Vraag het de klant of kijk in het logboek van de mailserver en voer dan de opdracht bij het bericht uit; is het niet aangekomen, gebruik dan --outcome not-sent in plaats van --outcome sent.
{{#uncertain.lines}}
- {{.}}
{{/uncertain.lines}}

{{/uncertain.any}}
{{#failed.any}}
Mislukt ({{failed.count}})
Deze berichten zijn definitief geweigerd of konden niet worden opgemaakt. Naar zo'n adres wordt niets meer gestuurd tot u een nieuw adres voor de klant vastlegt.
{{#failed.lines}}
- {{.}}
{{/failed.lines}}

{{/failed.any}}
{{#bounced.any}}
Onbestelbaar ({{bounced.count}})
Deze berichten zijn onbestelbaar teruggekomen. Na een definitieve weigering wordt het adres niet meer gebruikt tot u een nieuw adres vastlegt.
{{#bounced.lines}}
- {{.}}
{{/bounced.lines}}

{{/bounced.any}}
{{#calls.any}}
Te bellen ({{calls.count}})
Herinneringen per e-mail hebben niet geholpen; wilt u deze klanten bellen?
{{#calls.lines}}
- {{.}}
{{/calls.lines}}

{{/calls.any}}
{{#promises.any}}
Betalingsbeloften ({{promises.count}})
Beloften waarvan de dag is aangebroken, en beloften die niet zijn nagekomen (het aanmanen gaat dan weer verder).
{{#promises.lines}}
- {{.}}
{{/promises.lines}}

{{/promises.any}}
{{#handovers.any}}
Klaar voor overdracht ({{handovers.count}})
Deze vorderingen hebben alle stappen doorlopen en kunnen naar een incassobureau.
{{#handovers.lines}}
- {{.}}
{{/handovers.lines}}

{{/handovers.any}}
{{#limitation.any}}
Verjaring ({{limitation.count}})
Deze vorderingen naderen het einde van hun verjaringstermijn of zijn al verjaard. Een advocaat of incassobureau kan u vertellen hoe u de verjaring stuit.
{{#limitation.lines}}
- {{.}}
{{/limitation.lines}}

{{/limitation.any}}
{{#tasks.any}}
Overige taken ({{tasks.count}})
{{#tasks.lines}}
- {{.}}
{{/tasks.lines}}

{{/tasks.any}}
{{#blocked.any}}
Tegengehouden ({{blocked.count}})
Deze klanten krijgen voorlopig geen bericht, om de genoemde reden.
{{#blocked.lines}}
- {{.}}
{{/blocked.lines}}

{{/blocked.any}}
{{#deferred.any}}
Uitgesteld ({{deferred.count}})
De server heeft deze berichten voorlopig niet aangenomen; ze worden vanzelf opnieuw geprobeerd.
{{#deferred.lines}}
- {{.}}
{{/deferred.lines}}

{{/deferred.any}}
{{#sent.any}}
Verzonden ({{sent.count}})
{{#sent.lines}}
- {{.}}
{{/sent.lines}}

{{/sent.any}}
-- 
dunning

"""

private let dutchDigestHTML = """
\(BuiltInTemplates.htmlHead(title: "Dagoverzicht {{date}}", style: .digest))<h1>Dagoverzicht van {{date}} voor {{company.name}}</h1>
{{#since}}
<p>Dit overzicht beslaat alles sinds het vorige overzicht, van {{since}}.</p>
{{/since}}
{{^since}}
<p>Dit is het eerste overzicht; het beslaat de afgelopen 24 uur.</p>
{{/since}}
{{#quiet}}
<p>Er is niets verzonden en er wacht niets op u.</p>
{{/quiet}}
{{^quiet}}
<p>Verzonden: {{sent.count}}. Vraagt uw aandacht: {{attention}}.</p>
{{/quiet}}
{{#uncertain.any}}
<h2>Onzeker ({{uncertain.count}})</h2>
<p>Van deze berichten is niet bekend of ze de mailserver van de klant hebben bereikt. Ze worden nooit vanzelf opnieuw verstuurd. Vraag het de klant of kijk in het logboek van de mailserver en voer dan de opdracht bij het bericht uit; is het niet aangekomen, gebruik dan <code>--outcome not-sent</code> in plaats van <code>--outcome sent</code>.</p>
<ul>
{{#uncertain.lines}}
<li>{{.}}</li>
{{/uncertain.lines}}
</ul>
{{/uncertain.any}}
{{#failed.any}}
<h2>Mislukt ({{failed.count}})</h2>
<p>Deze berichten zijn definitief geweigerd of konden niet worden opgemaakt. Naar zo'n adres wordt niets meer gestuurd tot u een nieuw adres voor de klant vastlegt.</p>
<ul>
{{#failed.lines}}
<li>{{.}}</li>
{{/failed.lines}}
</ul>
{{/failed.any}}
{{#bounced.any}}
<h2>Onbestelbaar ({{bounced.count}})</h2>
<p>Deze berichten zijn onbestelbaar teruggekomen. Na een definitieve weigering wordt het adres niet meer gebruikt tot u een nieuw adres vastlegt.</p>
<ul>
{{#bounced.lines}}
<li>{{.}}</li>
{{/bounced.lines}}
</ul>
{{/bounced.any}}
{{#calls.any}}
<h2>Te bellen ({{calls.count}})</h2>
<p>Herinneringen per e-mail hebben niet geholpen; wilt u deze klanten bellen?</p>
<ul>
{{#calls.lines}}
<li>{{.}}</li>
{{/calls.lines}}
</ul>
{{/calls.any}}
{{#promises.any}}
<h2>Betalingsbeloften ({{promises.count}})</h2>
<p>Beloften waarvan de dag is aangebroken, en beloften die niet zijn nagekomen (het aanmanen gaat dan weer verder).</p>
<ul>
{{#promises.lines}}
<li>{{.}}</li>
{{/promises.lines}}
</ul>
{{/promises.any}}
{{#handovers.any}}
<h2>Klaar voor overdracht ({{handovers.count}})</h2>
<p>Deze vorderingen hebben alle stappen doorlopen en kunnen naar een incassobureau.</p>
<ul>
{{#handovers.lines}}
<li>{{.}}</li>
{{/handovers.lines}}
</ul>
{{/handovers.any}}
{{#limitation.any}}
<h2>Verjaring ({{limitation.count}})</h2>
<p>Deze vorderingen naderen het einde van hun verjaringstermijn of zijn al verjaard. Een advocaat of incassobureau kan u vertellen hoe u de verjaring stuit.</p>
<ul>
{{#limitation.lines}}
<li>{{.}}</li>
{{/limitation.lines}}
</ul>
{{/limitation.any}}
{{#tasks.any}}
<h2>Overige taken ({{tasks.count}})</h2>
<ul>
{{#tasks.lines}}
<li>{{.}}</li>
{{/tasks.lines}}
</ul>
{{/tasks.any}}
{{#blocked.any}}
<h2>Tegengehouden ({{blocked.count}})</h2>
<p>Deze klanten krijgen voorlopig geen bericht, om de genoemde reden.</p>
<ul>
{{#blocked.lines}}
<li>{{.}}</li>
{{/blocked.lines}}
</ul>
{{/blocked.any}}
{{#deferred.any}}
<h2>Uitgesteld ({{deferred.count}})</h2>
<p>De server heeft deze berichten voorlopig niet aangenomen; ze worden vanzelf opnieuw geprobeerd.</p>
<ul>
{{#deferred.lines}}
<li>{{.}}</li>
{{/deferred.lines}}
</ul>
{{/deferred.any}}
{{#sent.any}}
<h2>Verzonden ({{sent.count}})</h2>
<ul>
{{#sent.lines}}
<li>{{.}}</li>
{{/sent.lines}}
</ul>
{{/sent.any}}
</body>
</html>

"""
