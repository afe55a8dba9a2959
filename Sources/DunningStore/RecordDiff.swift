import DunningCore

/// How a customer row differs from the customer's latest record.
enum CustomerDiff {
    /// `row` as the customer's next record: extra columns the file does not have keep
    /// their value from `existing` (an export without `address` does not erase addresses).
    static func merge(_ row: CustomerRecord, into existing: CustomerRecord, columns: [String]) -> CustomerRecord {
        var merged = row
        merged.extra = existing.extra.filter { !columns.contains($0.key) }.merging(row.extra) { _, new in new }
        return merged
    }

    /// One change per field that differs, fixed fields first, then extra columns by name.
    static func changes(_ old: CustomerRecord, _ new: CustomerRecord) -> [CustomerFieldChange] {
        var fields: [(String, String, String)] = [
            ("name", old.name, new.name), ("email", old.email, new.email), ("phone", old.phone, new.phone),
            ("kind", old.kind.rawValue, new.kind.rawValue), ("country", old.country, new.country),
            ("language", old.language, new.language),
        ]
        for key in Set(old.extra.keys).union(new.extra.keys).sorted() {
            fields.append((key, old.extra[key] ?? "", new.extra[key] ?? ""))
        }
        return fields.filter { $0.1 != $0.2 }.map { CustomerFieldChange(customer: new.customer, field: $0.0, old: $0.1, new: $0.2) }
    }
}

/// Names the fields in which two versions of an invoice differ.
enum InvoiceDiff {
    static func describe(_ old: InvoiceRecord, _ new: InvoiceRecord) -> String {
        var fields: [String] = []
        if old.customer != new.customer { fields.append("customer \(old.customer) → \(new.customer)") }
        if old.issued != new.issued { fields.append("issued \(old.issued) → \(new.issued)") }
        if old.due != new.due { fields.append("due \(old.due) → \(new.due)") }
        if old.amount != new.amount || old.currency != new.currency {
            fields.append("amount \(Money.string(old.amount, in: old.currency)) \(old.currency) → \(Money.string(new.amount, in: new.currency)) \(new.currency)")
        }
        if old.order != new.order { fields.append("order") }
        if old.pdf != new.pdf { fields.append("pdf") }
        if old.extra != new.extra { fields.append("extra columns") }
        return fields.joined(separator: ", ")
    }
}
