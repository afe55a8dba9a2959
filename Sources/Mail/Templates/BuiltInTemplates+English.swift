// The built-in English templates, for customers outside NL, BE and RO. British usage; the
// notice carries the Dutch 14-day wording when the planner announces WIK costs (an NL
// consumer who reads English).

extension BuiltInTemplates {
    static let english: [String: Source] = [
        "reminder": Source(subject: reminderSubject, text: reminderText, html: reminderHTML),
        "notice": Source(subject: noticeSubject, text: noticeText, html: noticeHTML),
        "confirmation": Source(subject: confirmationSubject, text: confirmationText, html: confirmationHTML),
        "digest": englishDigest,
    ]
}

private let reminderSubject = """
Payment reminder: {{#single_invoice}}invoice{{/single_invoice}}{{#several_invoices}}invoices{{/several_invoices}} {{payment.reference}}
"""

private let reminderText = """
Dear {{customer.name}},

{{#single_invoice}}
According to our records, the invoice below has not yet been paid (in full), although its payment term has expired. Perhaps it has been overlooked.
{{/single_invoice}}
{{#several_invoices}}
According to our records, the {{invoice_count}} invoices below have not yet been paid (in full), although their payment terms have expired. Perhaps they have been overlooked.
{{/several_invoices}}

{{#invoices}}
Invoice {{number}} dated {{issued}}{{#reference}}, your reference {{reference}}{{/reference}}
  due {{due}}, outstanding {{open}}
{{/invoices}}

Total outstanding: {{totals.open}}
Your customer number: {{customer.id}}

We kindly ask you to pay this amount by {{pay_by}}{{#payment.iban}} to account {{payment.iban}} in the name of {{company.name}}{{/payment.iban}}, quoting {{payment.reference}}.

If you have already paid, thank you, and please disregard this reminder. If something about the invoice is not right, or you cannot pay on time, please get in touch at {{company.email}}{{#company.phone}} or {{company.phone}}{{/company.phone}} and we will find a solution together.

Kind regards,

{{company.name}}

"""

private let reminderHTML = """
\(BuiltInTemplates.htmlHead(title: "Payment reminder", style: .letter))<p>Dear {{customer.name}},</p>
{{#single_invoice}}
<p>According to our records, the invoice below has not yet been paid (in full), although its payment term has expired. Perhaps it has been overlooked.</p>
{{/single_invoice}}
{{#several_invoices}}
<p>According to our records, the {{invoice_count}} invoices below have not yet been paid (in full), although their payment terms have expired. Perhaps they have been overlooked.</p>
{{/several_invoices}}
<table>
<thead><tr><th>Invoice</th><th>Date</th><th>Due</th><th>Your reference</th><th class="amount">Outstanding</th></tr></thead>
<tbody>
{{#invoices}}
<tr><td>{{number}}</td><td>{{issued}}</td><td>{{due}}</td><td>{{reference}}</td><td class="amount">{{open}}</td></tr>
{{/invoices}}
</tbody>
<tfoot><tr><th colspan="4">Total</th><th class="amount">{{totals.open}}</th></tr></tfoot>
</table>
<p>Your customer number: {{customer.id}}</p>
<p>We kindly ask you to pay this amount by <strong>{{pay_by}}</strong>{{#payment.iban}} to account {{payment.iban}} in the name of {{company.name}}{{/payment.iban}}, quoting {{payment.reference}}.</p>
<p>If you have already paid, thank you, and please disregard this reminder. If something about the invoice is not right, or you cannot pay on time, please get in touch at <a href="mailto:{{company.email}}">{{company.email}}</a>{{#company.phone}} or {{company.phone}}{{/company.phone}} and we will find a solution together.</p>
<p>Kind regards,</p>
<p>{{company.name}}</p>
</body>
</html>

"""

private let noticeSubject = """
Formal notice: {{#single_invoice}}invoice{{/single_invoice}}{{#several_invoices}}invoices{{/several_invoices}} {{payment.reference}}
"""

private let noticeText = """
Dear Sir or Madam,

{{#previous_reminder}}
On {{previous_reminder}} we reminded you of the payment of the {{#single_invoice}}invoice{{/single_invoice}}{{#several_invoices}}invoices{{/several_invoices}} below. To date we have not received your payment.
{{/previous_reminder}}
{{^previous_reminder}}
To date we have not received payment of the {{#single_invoice}}invoice{{/single_invoice}}{{#several_invoices}}invoices{{/several_invoices}} below, although the payment term has expired.
{{/previous_reminder}}

{{#invoices}}
Invoice {{number}} dated {{issued}}{{#reference}}, your reference {{reference}}{{/reference}}
  due {{due}} ({{days_overdue}} days overdue), outstanding {{open}}
{{/invoices}}

{{#announced_costs}}
We ask you to pay the outstanding amount of {{totals.total}}{{#has_interest}} (including {{totals.interest}} statutory interest){{/has_interest}} within {{pay_within_days}} days after the day on which you receive this notice, that is by {{pay_by}} at the latest.

If you do not pay within this period, you will owe extrajudicial collection costs of {{announced_costs}}, calculated under the Dutch Decree on compensation for extrajudicial collection costs (Besluit vergoeding voor buitengerechtelijke incassokosten); we will charge them from {{announced_costs_from}}.
{{/announced_costs}}
{{^announced_costs}}
Outstanding:       {{totals.open}}
{{#has_costs}}
Collection costs:  {{totals.costs}}
{{/has_costs}}
{{#has_interest}}
Interest:          {{totals.interest}}
{{/has_interest}}
Total due:         {{totals.total}}

We urgently request that you pay the total of {{totals.total}} by {{pay_by}}. If we have not received your payment by then, we will pass the claim to a collection agency without further notice.{{#has_interest}} Interest continues to accrue until the day of full payment.{{/has_interest}}
{{/announced_costs}}

Please pay{{#payment.iban}} to account {{payment.iban}} in the name of {{company.name}},{{/payment.iban}} quoting {{payment.reference}}. Your customer number is {{customer.id}}.

If you have paid in the meantime, please disregard this notice. If you dispute an invoice or have any questions, please contact us before {{pay_by}} at {{company.email}}{{#company.phone}} or {{company.phone}}{{/company.phone}}.

Yours faithfully,

{{company.name}}

"""

private let noticeHTML = """
\(BuiltInTemplates.htmlHead(title: "Formal notice", style: .letter))<p>Dear Sir or Madam,</p>
{{#previous_reminder}}
<p>On {{previous_reminder}} we reminded you of the payment of the {{#single_invoice}}invoice{{/single_invoice}}{{#several_invoices}}invoices{{/several_invoices}} below. To date we have not received your payment.</p>
{{/previous_reminder}}
{{^previous_reminder}}
<p>To date we have not received payment of the {{#single_invoice}}invoice{{/single_invoice}}{{#several_invoices}}invoices{{/several_invoices}} below, although the payment term has expired.</p>
{{/previous_reminder}}
<table>
<thead><tr><th>Invoice</th><th>Date</th><th>Due</th><th>Days overdue</th><th class="amount">Outstanding</th></tr></thead>
<tbody>
{{#invoices}}
<tr><td>{{number}}{{#reference}}<br><small>your reference {{reference}}</small>{{/reference}}</td><td>{{issued}}</td><td>{{due}}</td><td>{{days_overdue}}</td><td class="amount">{{open}}</td></tr>
{{/invoices}}
</tbody>
<tfoot>
<tr><th colspan="4">Outstanding</th><th class="amount">{{totals.open}}</th></tr>
{{^announced_costs}}
{{#has_costs}}
<tr><th colspan="4">Collection costs</th><th class="amount">{{totals.costs}}</th></tr>
{{/has_costs}}
{{/announced_costs}}
{{#has_interest}}
<tr><th colspan="4">Interest</th><th class="amount">{{totals.interest}}</th></tr>
{{/has_interest}}
<tr><th colspan="4">Total due</th><th class="amount">{{totals.total}}</th></tr>
</tfoot>
</table>
{{#announced_costs}}
<p>We ask you to pay the outstanding amount of {{totals.total}} within {{pay_within_days}} days after the day on which you receive this notice, that is by <strong>{{pay_by}}</strong> at the latest.</p>
<p><strong>If you do not pay within this period, you will owe extrajudicial collection costs of {{announced_costs}}.</strong> They are calculated under the Dutch Decree on compensation for extrajudicial collection costs (Besluit vergoeding voor buitengerechtelijke incassokosten); we will charge them from {{announced_costs_from}}.</p>
{{/announced_costs}}
{{^announced_costs}}
<p>We urgently request that you pay the total of {{totals.total}} by <strong>{{pay_by}}</strong>. If we have not received your payment by then, we will pass the claim to a collection agency without further notice.{{#has_interest}} Interest continues to accrue until the day of full payment.{{/has_interest}}</p>
{{/announced_costs}}
<p>Please pay{{#payment.iban}} to account {{payment.iban}} in the name of {{company.name}},{{/payment.iban}} quoting {{payment.reference}}. Your customer number is {{customer.id}}.</p>
<p>If you have paid in the meantime, please disregard this notice. If you dispute an invoice or have any questions, please contact us before {{pay_by}} at <a href="mailto:{{company.email}}">{{company.email}}</a>{{#company.phone}} or {{company.phone}}{{/company.phone}}.</p>
<p>Yours faithfully,</p>
<p>{{company.name}}</p>
</body>
</html>

"""

private let confirmationSubject = """
{{#promise}}Confirmation of your payment commitment{{/promise}}{{#arrangement}}Confirmation of your payment plan{{/arrangement}} for {{#single_invoice}}invoice{{/single_invoice}}{{#several_invoices}}invoices{{/several_invoices}} {{payment.reference}}
"""

private let confirmationText = """
Dear {{customer.name}},

We hereby confirm the agreement we have made with you about {{#single_invoice}}invoice{{/single_invoice}}{{#several_invoices}}invoices{{/several_invoices}} {{payment.reference}}, on which {{totals.open}} is outstanding.

{{#promise}}
You have agreed to pay {{amount}} by {{until}}.{{#partial}} We will contact you afterwards about the remaining amount.{{/partial}}
{{/promise}}
{{#arrangement}}
You will pay the amount of {{total}} in {{count}} instalments:

{{#instalments}}
Instalment {{number}}: {{amount}}, due {{due}}
{{/instalments}}
{{/arrangement}}

Please pay{{#payment.iban}} to account {{payment.iban}} in the name of {{company.name}},{{/payment.iban}} quoting {{payment.reference}}.

As long as you keep to this agreement, you will not receive any reminders or notices from us about {{#single_invoice}}this invoice{{/single_invoice}}{{#several_invoices}}these invoices{{/several_invoices}}. If a payment is not received on time, the agreement lapses and we will resume collection of the full outstanding amount.

If this confirmation does not match what we agreed, please let us know as soon as possible at {{company.email}}{{#company.phone}} or {{company.phone}}{{/company.phone}}.

Kind regards,

{{company.name}}

"""

private let confirmationHTML = """
\(BuiltInTemplates.htmlHead(title: "Confirmation of our agreement", style: .letter))<p>Dear {{customer.name}},</p>
<p>We hereby confirm the agreement we have made with you about {{#single_invoice}}invoice{{/single_invoice}}{{#several_invoices}}invoices{{/several_invoices}} {{payment.reference}}, on which {{totals.open}} is outstanding.</p>
{{#promise}}
<p>You have agreed to pay <strong>{{amount}}</strong> by <strong>{{until}}</strong>.{{#partial}} We will contact you afterwards about the remaining amount.{{/partial}}</p>
{{/promise}}
{{#arrangement}}
<p>You will pay the amount of {{total}} in {{count}} instalments:</p>
<table>
<thead><tr><th>Instalment</th><th>Due</th><th class="amount">Amount</th></tr></thead>
<tbody>
{{#instalments}}
<tr><td>{{number}}</td><td>{{due}}</td><td class="amount">{{amount}}</td></tr>
{{/instalments}}
</tbody>
</table>
{{/arrangement}}
<p>Please pay{{#payment.iban}} to account {{payment.iban}} in the name of {{company.name}},{{/payment.iban}} quoting {{payment.reference}}.</p>
<p>As long as you keep to this agreement, you will not receive any reminders or notices from us about {{#single_invoice}}this invoice{{/single_invoice}}{{#several_invoices}}these invoices{{/several_invoices}}. If a payment is not received on time, the agreement lapses and we will resume collection of the full outstanding amount.</p>
<p>If this confirmation does not match what we agreed, please let us know as soon as possible at <a href="mailto:{{company.email}}">{{company.email}}</a>{{#company.phone}} or {{company.phone}}{{/company.phone}}.</p>
<p>Kind regards,</p>
<p>{{company.name}}</p>
</body>
</html>

"""
