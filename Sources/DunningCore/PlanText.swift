import Foundation

/// `plan --format text`: a table a bookkeeper reads, one block per item.
///
/// ```
/// Plan for 2026-11-23 (sending from Mon 2026-11-23 09:00 Europe/Amsterdam)
///
/// CUSTOMER  STEP      CHANNEL  STATUS   CUR     OPEN  COSTS  INTEREST    TOTAL  TO / WHY
/// C-1       reminder  email    due      EUR  1000.00   0.00      0.00  1000.00  jan@example.nl
///           INV-1  due 2026-10-01  53 days  open 1000.00  interest 0.00
/// ```
public enum PlanText {
    public static func render(_ plan: Plan) -> String {
        var out = "Plan for \(plan.asOf) (sending from \(plan.nextSendDescription))\n"
        if plan.items.isEmpty { out += "\nNothing overdue.\n" }
        if !plan.items.isEmpty {
            let header = ["CUSTOMER", "STEP", "CHANNEL", "STATUS", "CUR", "OPEN", "COSTS", "INTEREST", "TOTAL", "TO / WHY"]
            let rows: [[String]] = plan.items.map { item in
                let money = { (value: Decimal) in Money.string(value, in: item.currency) }
                let status = item.blocked.map { "blocked: \($0.rawValue)" } ?? item.status.rawValue
                let why = item.status == .due ? (item.to ?? "-") : (item.detail ?? "-")
                return [item.customer, item.step, item.channel.rawValue, status, item.currency.code,
                        money(item.open), money(item.costs), money(item.interest), money(item.total), why]
            }
            let numeric: Set<Int> = [5, 6, 7, 8]
            var widths = header.map(\.count)
            for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { index, cell in
                    let pad = String(repeating: " ", count: widths[index] - cell.count)
                    return index == cells.count - 1 ? cell : (numeric.contains(index) ? pad + cell : cell + pad)
                }.joined(separator: "  ")
            }
            let indent = String(repeating: " ", count: widths[0] + 2)
            out += "\n" + line(header) + "\n"
            for (item, row) in zip(plan.items, rows) {
                out += line(row) + "\n"
                if item.status == .due, let detail = item.detail { out += indent + detail + "\n" }
                for invoice in item.invoices {
                    out += indent + "\(invoice.id)  due \(invoice.due)  \(invoice.daysOverdue) days  open \(Money.string(invoice.open, in: item.currency))"
                        + "  interest \(Money.string(invoice.interest, in: item.currency))\n"
                }
                for excluded in item.excluded where item.status != .blocked || !(item.detail ?? "").hasPrefix(excluded.id) {
                    out += indent + "\(excluded.id) left out: \(excluded.reason.rawValue), \(excluded.detail)\n"
                }
                if item.status == .due, item.channel == .email { out += indent + "pay by \(item.payBy)\n" }
                for note in item.notes { out += indent + note + "\n" }
                for warning in item.warnings { out += indent + "warning: " + warning.detail + "\n" }
            }
        }
        if !plan.tasks.isEmpty {
            out += "\nTasks to record:\n"
            for task in plan.tasks { out += "  \(task.customer)  \(task.kind)  \(task.invoices.joined(separator: ","))  \(task.text)\n" }
        }
        if !plan.warnings.isEmpty {
            out += "\nLimitation warnings:\n"
            for warning in plan.warnings { out += "  \(warning.customer)  \(warning.detail)\n" }
        }
        if !plan.credits.isEmpty {
            out += "\nCustomer credit (over-payments):\n"
            for credit in plan.credits {
                let money = { (value: Decimal) in Money.string(value, in: credit.currency) }
                out += "  \(credit.customer)  \(credit.currency) \(money(credit.surplus)) from \(credit.sources.joined(separator: ","))"
                    + ": applied \(money(credit.applied)), remaining \(money(credit.remaining))\n"
            }
        }
        if !plan.unchased.isEmpty {
            out += "\nNeeds attention: overdue, but no policy applies (not chased):\n"
            for customer in plan.unchased {
                out += "  \(customer.customer)  \(customer.invoices.joined(separator: ","))  "
                    + "\(customer.open.map(\.text).joined(separator: " + "))  \(customer.detail)\n"
            }
        }
        return out
    }
}
