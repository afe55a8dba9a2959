/// A duration as the config writes it: `30s`, `5m` (minutes), `2h`, `14d`, `2w`, `1mo`, `5y`.
///
/// Seconds-based units are exact; days, weeks, months and years are calendar units, applied
/// to calendar dates (`1mo` after Jan 31 is Feb 28 or 29).
public enum ConfigDuration: Hashable, Sendable, CustomStringConvertible {
    case seconds(Int)
    case days(Int)
    case months(Int)

    /// Parses one number and one unit. `nil` if it is not a duration.
    public init?(_ text: String) {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let value = Int(digits) else { return nil }
        switch text.dropFirst(digits.count) {
        case "s": self = .seconds(value)
        case "m": self = .seconds(value * 60)
        case "h": self = .seconds(value * 3600)
        case "d": self = .days(value)
        case "w": self = .days(value * 7)
        case "mo": self = .months(value)
        case "y": self = .months(value * 12)
        default: return nil
        }
    }

    /// Length in seconds for clock durations; calendar units count 86,400 s a day, 30 days a month.
    public var approximateSeconds: Int {
        switch self {
        case .seconds(let value): value
        case .days(let value): value * 86_400
        case .months(let value): value * 30 * 86_400
        }
    }

    /// The date this duration after `date`; clock durations are rounded down to whole days.
    public func after(_ date: CalendarDate) -> CalendarDate {
        switch self {
        case .seconds(let value): date.adding(days: value / 86_400)
        case .days(let value): date.adding(days: value)
        case .months(let value): date.adding(months: value)
        }
    }

    public var description: String {
        switch self {
        case .seconds(let value) where value % 3600 == 0: "\(value / 3600)h"
        case .seconds(let value) where value % 60 == 0: "\(value / 60)m"
        case .seconds(let value): "\(value)s"
        case .days(let value): "\(value)d"
        case .months(let value) where value % 12 == 0 && value > 0: "\(value / 12)y"
        case .months(let value): "\(value)mo"
        }
    }
}
