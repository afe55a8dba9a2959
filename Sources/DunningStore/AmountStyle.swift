import DunningCore

/// Decimal point or decimal comma, decided once per file from its `amount` column.
///
/// The amounts that show their decimal mark (`Money.decimalMark(of:)`: `1.180,50`,
/// `12,50`, `1,180.50`, `0.5`) decide, and must agree. When none shows it (only whole
/// numbers and amounts like `1,234`), a comma anywhere makes it a decimal comma, as on
/// the command line (`Money.fallbackMark`). The other mark may group thousands.
struct AmountStyle {
    let mark: Money.DecimalMark
    /// The row and amount that decided `mark`; `nil` when none did (the fallback).
    let decidedBy: (line: Int, text: String)?

    init(file: CSVFile) throws(ImportError) {
        var decided: (mark: Money.DecimalMark, line: Int, text: String)?
        for row in file.rows {
            guard let text = row.fields["amount"]?.trimmingCharacters(in: .whitespaces),
                  let mark = Money.decimalMark(of: text) else { continue }
            guard let first = decided else {
                decided = (mark, row.line, text)
                continue
            }
            if first.mark != mark {
                throw ImportError(path: file.path, line: row.line, message: "amount: '\(text)' has a decimal \(AmountStyle.name(mark)), "
                                  + "but line \(first.line) ('\(first.text)') a decimal \(AmountStyle.name(first.mark)): one file, one style")
            }
        }
        if let decided {
            mark = decided.mark
            decidedBy = (decided.line, decided.text)
        } else {
            mark = Money.fallbackMark(file.rows.compactMap { $0.fields["amount"] })
            decidedBy = nil
        }
    }

    static func name(_ mark: Money.DecimalMark) -> String { mark == .comma ? "comma" : "point" }

    /// The amount in canonical `1234.56` form, or `nil` if it is written in the other style.
    func canonical(_ text: String) -> String? {
        Money.canonical(text, mark: mark)
    }

    /// Why `text` was read with this file's mark: for errors about an amount.
    func reason(for text: String) -> String {
        if let decidedBy { return "the file's decimal \(AmountStyle.name(mark)), as on line \(decidedBy.line) ('\(decidedBy.text)')" }
        return "a decimal \(AmountStyle.name(mark)), since no amount in the file shows its decimal mark; write '\(text)' with decimals (1.234,00 or 1,234.00)"
    }
}
