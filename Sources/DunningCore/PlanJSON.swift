import Foundation

/// `plan --format json`: a fixed shape (docs/plan.md), `{"as_of": "YYYY-MM-DD", "items": [...]}`.
///
/// Each item starts with the fixed keys in their fixed order (`customer`, `step`, `channel`, `to`,
/// `blocked`, `detail`, `currency`, `costs`, `interest`, `total`, `invoices`), then ours:
/// `status` (`due`/`waiting`/`blocked`), `due_on` (the step's date), `policy`, `open`,
/// `pay_by`, `previous_step`, `previous_step_on`, `announced_costs`,
/// `costs_chargeable_from`, `excluded`, `arrangement`, `missed_instalments`, `warnings`,
/// `notes`. Money is a string with the currency's minor units (`"149.50"`).
///
/// Written into one byte buffer (`JSONBytes`): a large plan is tens of MB.
public enum PlanJSON {
    /// The JSON text, one line. With `extras`, plan-level keys follow `items`: `next_send`,
    /// `tasks`, `warnings`, `credits`, `unchased` (off by default: the top level is fixed).
    public static func render(_ plan: Plan, extras: Bool = false) -> String {
        var json = JSONBytes(reservingCapacity: 64 + plan.items.count * 1_100)
        json.beginObject()
        json.field("as_of")
        json.date(plan.asOf)
        json.field("items")
        json.beginArray()
        for item in plan.items { write(item, to: &json) }
        json.endArray()
        if extras { writeExtras(plan, to: &json) }
        json.endObject()
        return json.text
    }

    private static func writeExtras(_ plan: Plan, to json: inout JSONBytes) {
        json.field("next_send")
        json.string(Timestamp.string(plan.nextSendMoment))
        json.field("tasks")
        json.beginArray()
        for task in plan.tasks {
            json.beginObject()
            json.field("customer")
            json.string(task.customer)
            json.field("kind")
            json.string(task.kind.rawValue)
            json.field("invoices")
            json.strings(task.invoices)
            json.field("text")
            json.string(task.text)
            json.field("ref")
            json.string(task.ref)
            json.endObject()
        }
        json.endArray()
        json.field("warnings")
        json.beginArray()
        for warning in plan.warnings { write(warning, to: &json) }
        json.endArray()
        json.field("credits")
        json.beginArray()
        for credit in plan.credits {
            json.beginObject()
            json.field("customer")
            json.string(credit.customer)
            json.field("currency")
            json.string(credit.currency.code)
            json.field("sources")
            json.strings(credit.sources)
            json.field("surplus")
            json.money(credit.surplus, in: credit.currency)
            json.field("applied")
            json.money(credit.applied, in: credit.currency)
            json.field("remaining")
            json.money(credit.remaining, in: credit.currency)
            json.endObject()
        }
        json.endArray()
        json.field("unchased")
        json.beginArray()
        for customer in plan.unchased {
            json.beginObject()
            json.field("customer")
            json.string(customer.customer)
            json.field("invoices")
            json.strings(customer.invoices)
            json.field("detail")
            json.string(customer.detail)
            json.field("open")
            json.beginArray()
            for open in customer.open {
                json.beginObject()
                json.field("currency")
                json.string(open.currency.code)
                json.field("amount")
                json.money(open.amount, in: open.currency)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
    }

    private static func write(_ item: PlanItem, to json: inout JSONBytes) {
        let currency = item.currency
        json.beginObject()
        json.field("customer")
        json.string(item.customer)
        json.field("step")
        json.string(item.step)
        json.field("channel")
        json.string(item.channel.rawValue)
        json.field("to")
        json.stringOrNull(item.channel == .handover ? nil : item.to)
        json.field("blocked")
        json.stringOrNull(item.blocked?.rawValue)
        json.field("detail")
        json.stringOrNull(item.detail)
        json.field("currency")
        json.string(currency.code)
        json.field("costs")
        json.money(item.costs, in: currency)
        json.field("interest")
        json.money(item.interest, in: currency)
        json.field("total")
        json.money(item.total, in: currency)
        json.field("invoices")
        json.beginArray()
        for invoice in item.invoices {
            json.beginObject()
            json.field("id")
            json.string(invoice.id)
            json.field("due")
            json.date(invoice.due)
            json.field("days_overdue")
            json.number(invoice.daysOverdue)
            json.field("open")
            json.money(invoice.open, in: currency)
            json.field("interest")
            json.money(invoice.interest, in: currency)
            json.field("costs")
            json.money(invoice.costs, in: currency)
            if let order = invoice.order {
                json.field("order")
                json.string(order)
            }
            json.endObject()
        }
        json.endArray()
        json.field("status")
        json.string(item.status.rawValue)
        json.field("due_on")
        json.date(item.stepDueOn)
        json.field("policy")
        json.string(item.policy)
        json.field("open")
        json.money(item.open, in: currency)
        json.field("pay_by")
        json.date(item.payBy)
        json.field("previous_step")
        json.stringOrNull(item.previousStep)
        json.field("previous_step_on")
        json.dateOrNull(item.previousStepOn)
        json.field("announced_costs")
        json.moneyOrNull(item.announcedCosts, in: currency)
        json.field("costs_chargeable_from")
        json.dateOrNull(item.costsChargeableFrom)
        json.field("excluded")
        json.beginArray()
        for excluded in item.excluded {
            json.beginObject()
            json.field("id")
            json.string(excluded.id)
            json.field("reason")
            json.string(excluded.reason.rawValue)
            json.field("detail")
            json.string(excluded.detail)
            json.endObject()
        }
        json.endArray()
        json.field("arrangement")
        json.stringOrNull(item.arrangement)
        json.field("missed_instalments")
        json.beginArray()
        for missed in item.missedInstalments {
            json.beginObject()
            json.field("due")
            json.date(missed.due)
            json.field("amount")
            json.money(missed.amount, in: currency)
            json.field("unpaid")
            json.money(missed.unpaid, in: currency)
            json.endObject()
        }
        json.endArray()
        json.field("warnings")
        json.beginArray()
        for warning in item.warnings { write(warning, to: &json) }
        json.endArray()
        json.field("notes")
        json.strings(item.notes)
        json.endObject()
    }

    private static func write(_ warning: LimitationWarning, to json: inout JSONBytes) {
        json.beginObject()
        json.field("customer")
        json.string(warning.customer)
        json.field("invoice")
        json.string(warning.invoice)
        json.field("expires")
        json.date(warning.expires)
        json.field("days_left")
        json.number(warning.daysLeft)
        json.field("detail")
        json.string(warning.detail)
        json.endObject()
    }
}
