/// The built-in `digest` in English (`en`): the bookkeeper's daily summary. The groups come in the
/// order a person works through them (what needs deciding first, what merely happened
/// last), each with a line on what it means; the lines themselves come finished from
/// `DigestPhrases`.
extension BuiltInTemplates {
    static let englishDigest = Source(subject: englishDigestSubject, text: englishDigestText, html: englishDigestHTML)
}

private let englishDigestSubject = """
Daily summary {{date}} – sent: {{sent.count}}, to do: {{attention}}
"""

private let englishDigestText = """
Daily summary of {{date}} for {{company.name}}

{{#since}}
This summary covers everything since the previous one, of {{since}}.
{{/since}}
{{^since}}
This is the first summary; it covers the last 24 hours.
{{/since}}
{{#quiet}}
Nothing was sent and nothing needs your attention.
{{/quiet}}
{{^quiet}}
Sent: {{sent.count}}. Needing your attention: {{attention}}.
{{/quiet}}

{{#uncertain.any}}
Uncertain ({{uncertain.count}})
It is not known whether these messages reached the customer's mail server. They are never sent again by themselves. Ask the customer or look in the mail server's log, then run the command given with the message; if it did not arrive, use --outcome not-sent instead of --outcome sent.
{{#uncertain.lines}}
- {{.}}
{{/uncertain.lines}}

{{/uncertain.any}}
{{#failed.any}}
Failed ({{failed.count}})
These messages were refused for good or could not be put together. Nothing more is written to such an address until you record a new one for the customer.
{{#failed.lines}}
- {{.}}
{{/failed.lines}}

{{/failed.any}}
{{#bounced.any}}
Bounced ({{bounced.count}})
These messages came back undelivered. After a permanent failure the address is not used again until you record a new one.
{{#bounced.lines}}
- {{.}}
{{/bounced.lines}}

{{/bounced.any}}
{{#calls.any}}
Calls to make ({{calls.count}})
Reminders by e-mail have not helped; please call these customers.
{{#calls.lines}}
- {{.}}
{{/calls.lines}}

{{/calls.any}}
{{#promises.any}}
Promises to pay ({{promises.count}})
Promises whose day has come, and promises that were not kept (chasing then resumes).
{{#promises.lines}}
- {{.}}
{{/promises.lines}}

{{/promises.any}}
{{#handovers.any}}
Ready for handover ({{handovers.count}})
These claims have been through every step and can go to a collection agency.
{{#handovers.lines}}
- {{.}}
{{/handovers.lines}}

{{/handovers.any}}
{{#limitation.any}}
Limitation periods ({{limitation.count}})
These claims are nearing the end of their limitation period, or are past it. A lawyer or a collection agency can tell you how to interrupt it.
{{#limitation.lines}}
- {{.}}
{{/limitation.lines}}

{{/limitation.any}}
{{#tasks.any}}
Other tasks ({{tasks.count}})
{{#tasks.lines}}
- {{.}}
{{/tasks.lines}}

{{/tasks.any}}
{{#blocked.any}}
Held back ({{blocked.count}})
These customers receive nothing for now, for the reason given.
{{#blocked.lines}}
- {{.}}
{{/blocked.lines}}

{{/blocked.any}}
{{#deferred.any}}
Deferred ({{deferred.count}})
The server did not accept these messages for now; they are tried again automatically.
{{#deferred.lines}}
- {{.}}
{{/deferred.lines}}

{{/deferred.any}}
{{#sent.any}}
Sent ({{sent.count}})
{{#sent.lines}}
- {{.}}
{{/sent.lines}}

{{/sent.any}}
-- 
dunning

"""

private let englishDigestHTML = """
\(BuiltInTemplates.htmlHead(title: "Daily summary {{date}}", style: .digest))<h1>Daily summary of {{date}} for {{company.name}}</h1>
{{#since}}
<p>This summary covers everything since the previous one, of {{since}}.</p>
{{/since}}
{{^since}}
<p>This is the first summary; it covers the last 24 hours.</p>
{{/since}}
{{#quiet}}
<p>Nothing was sent and nothing needs your attention.</p>
{{/quiet}}
{{^quiet}}
<p>Sent: {{sent.count}}. Needing your attention: {{attention}}.</p>
{{/quiet}}
{{#uncertain.any}}
<h2>Uncertain ({{uncertain.count}})</h2>
<p>It is not known whether these messages reached the customer's mail server. They are never sent again by themselves. Ask the customer or look in the mail server's log, then run the command given with the message; if it did not arrive, use <code>--outcome not-sent</code> instead of <code>--outcome sent</code>.</p>
<ul>
{{#uncertain.lines}}
<li>{{.}}</li>
{{/uncertain.lines}}
</ul>
{{/uncertain.any}}
{{#failed.any}}
<h2>Failed ({{failed.count}})</h2>
<p>These messages were refused for good or could not be put together. Nothing more is written to such an address until you record a new one for the customer.</p>
<ul>
{{#failed.lines}}
<li>{{.}}</li>
{{/failed.lines}}
</ul>
{{/failed.any}}
{{#bounced.any}}
<h2>Bounced ({{bounced.count}})</h2>
<p>These messages came back undelivered. After a permanent failure the address is not used again until you record a new one.</p>
<ul>
{{#bounced.lines}}
<li>{{.}}</li>
{{/bounced.lines}}
</ul>
{{/bounced.any}}
{{#calls.any}}
<h2>Calls to make ({{calls.count}})</h2>
<p>Reminders by e-mail have not helped; please call these customers.</p>
<ul>
{{#calls.lines}}
<li>{{.}}</li>
{{/calls.lines}}
</ul>
{{/calls.any}}
{{#promises.any}}
<h2>Promises to pay ({{promises.count}})</h2>
<p>Promises whose day has come, and promises that were not kept (chasing then resumes).</p>
<ul>
{{#promises.lines}}
<li>{{.}}</li>
{{/promises.lines}}
</ul>
{{/promises.any}}
{{#handovers.any}}
<h2>Ready for handover ({{handovers.count}})</h2>
<p>These claims have been through every step and can go to a collection agency.</p>
<ul>
{{#handovers.lines}}
<li>{{.}}</li>
{{/handovers.lines}}
</ul>
{{/handovers.any}}
{{#limitation.any}}
<h2>Limitation periods ({{limitation.count}})</h2>
<p>These claims are nearing the end of their limitation period, or are past it. A lawyer or a collection agency can tell you how to interrupt it.</p>
<ul>
{{#limitation.lines}}
<li>{{.}}</li>
{{/limitation.lines}}
</ul>
{{/limitation.any}}
{{#tasks.any}}
<h2>Other tasks ({{tasks.count}})</h2>
<ul>
{{#tasks.lines}}
<li>{{.}}</li>
{{/tasks.lines}}
</ul>
{{/tasks.any}}
{{#blocked.any}}
<h2>Held back ({{blocked.count}})</h2>
<p>These customers receive nothing for now, for the reason given.</p>
<ul>
{{#blocked.lines}}
<li>{{.}}</li>
{{/blocked.lines}}
</ul>
{{/blocked.any}}
{{#deferred.any}}
<h2>Deferred ({{deferred.count}})</h2>
<p>The server did not accept these messages for now; they are tried again automatically.</p>
<ul>
{{#deferred.lines}}
<li>{{.}}</li>
{{/deferred.lines}}
</ul>
{{/deferred.any}}
{{#sent.any}}
<h2>Sent ({{sent.count}})</h2>
<ul>
{{#sent.lines}}
<li>{{.}}</li>
{{/sent.lines}}
</ul>
{{/sent.any}}
</body>
</html>

"""
