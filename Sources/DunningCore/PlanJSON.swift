import Foundation

/// `plan --format json`: SPEC's fixed shape, `{"as_of": "YYYY-MM-DD", "items": [...]}`.
///
/// Each item starts with SPEC's keys in SPEC's order (`customer`, `step`, `channel`, `to`,
/// `blocked`, `detail`, `currency`, `costs`, `interest`, `total`, `invoices`), then ours:
/// `status` (`due`/`waiting`/`blocked`), `due_on` (the step's date), `policy`, `open`,
/// `pay_by`, `previous_step`, `previous_step_on`, `announced_costs`,
/// `costs_chargeable_from`, `excluded`, `arrangement`, `missed_instalments`, `warnings`,
/// `notes`. Money is a string with the currency's minor units (`"149.50"`).
public enum PlanJSON {
    /// The JSON text, one line. With `extras`, plan-level keys follow `items`: `next_send`,
    /// `tasks`, `warnings`, `credits`, `unchased` (off by default: SPEC fixes the top level).
    public static func render(_ plan: Plan, extras: Bool = false) -> String {
        var root = JSONWriter()
        root.string("as_of", plan.asOf.description)
        root.objects("items", plan.items.map(item))
        if extras {
            root.string("next_send", Timestamp.string(plan.nextSendMoment))
            root.objects("tasks", plan.tasks.map { task in
                var json = JSONWriter()
                json.string("customer", task.customer)
                json.string("kind", task.kind)
                json.strings("invoices", task.invoices)
                json.string("text", task.text)
                json.string("ref", task.ref)
                return json
            })
            root.objects("warnings", plan.warnings.map(warning))
            root.objects("credits", plan.credits.map { credit in
                var json = JSONWriter()
                json.string("customer", credit.customer)
                json.string("currency", credit.currency.code)
                json.strings("sources", credit.sources)
                json.string("surplus", MinorUnits.string(credit.surplus, in: credit.currency))
                json.string("applied", MinorUnits.string(credit.applied, in: credit.currency))
                json.string("remaining", MinorUnits.string(credit.remaining, in: credit.currency))
                return json
            })
            root.objects("unchased", plan.unchased.map { customer in
                var json = JSONWriter()
                json.string("customer", customer.customer)
                json.strings("invoices", customer.invoices)
                json.string("detail", customer.detail)
                return json
            })
        }
        return root.finished
    }

    static func item(_ item: PlanItem) -> JSONWriter {
        let currency = item.currency
        func money(_ value: Decimal) -> String { MinorUnits.string(value, in: currency) }
        var json = JSONWriter()
        json.string("customer", item.customer)
        json.string("step", item.step)
        json.string("channel", item.channel.rawValue)
        json.stringOrNull("to", item.channel == .handover ? nil : item.to)
        json.stringOrNull("blocked", item.blocked?.rawValue)
        json.stringOrNull("detail", item.detail)
        json.string("currency", currency.code)
        json.string("costs", money(item.costs))
        json.string("interest", money(item.interest))
        json.string("total", money(item.total))
        json.objects("invoices", item.invoices.map { invoice in
            var entry = JSONWriter()
            entry.string("id", invoice.id)
            entry.string("due", invoice.due.description)
            entry.number("days_overdue", invoice.daysOverdue)
            entry.string("open", money(invoice.open))
            entry.string("interest", money(invoice.interest))
            entry.string("costs", money(invoice.costs))
            entry.string("order", invoice.order)
            return entry
        })
        json.string("status", item.status.rawValue)
        json.string("due_on", item.stepDueOn.description)
        json.string("policy", item.policy)
        json.string("open", money(item.open))
        json.string("pay_by", item.payBy.description)
        json.stringOrNull("previous_step", item.previousStep)
        json.stringOrNull("previous_step_on", item.previousStepOn?.description)
        json.stringOrNull("announced_costs", item.announcedCosts.map(money))
        json.stringOrNull("costs_chargeable_from", item.costsChargeableFrom?.description)
        json.objects("excluded", item.excluded.map { excluded in
            var entry = JSONWriter()
            entry.string("id", excluded.id)
            entry.string("reason", excluded.reason.rawValue)
            entry.string("detail", excluded.detail)
            return entry
        })
        json.stringOrNull("arrangement", item.arrangement)
        json.objects("missed_instalments", item.missedInstalments.map { missed in
            var entry = JSONWriter()
            entry.string("due", missed.due.description)
            entry.string("amount", money(missed.amount))
            entry.string("unpaid", money(missed.unpaid))
            return entry
        })
        json.objects("warnings", item.warnings.map(warning))
        json.strings("notes", item.notes)
        return json
    }

    static func warning(_ warning: LimitationWarning) -> JSONWriter {
        var json = JSONWriter()
        json.string("customer", warning.customer)
        json.string("invoice", warning.invoice)
        json.string("expires", warning.expires.description)
        json.number("days_left", warning.daysLeft)
        json.string("detail", warning.detail)
        return json
    }
}
