/// What a `task` record asks a person to do.
///
/// The ledger's set is open: a kind this version does not know (written by a later version
/// or by hand) is kept as it was written, in `other`.
public enum TaskKind: Sendable, Hashable, CustomStringConvertible {
    /// `call`: a policy's phone step is due (the number and the history are in the text).
    case call
    /// `new-address`: the customer's address hard-bounced; ask for another.
    case newAddress
    /// `broken-promise`: a promise to pay passed without the payment.
    case brokenPromise
    /// `give-up`: a message could not be delivered within `retry.give_up`.
    case giveUp
    case other(String)

    /// The kind a ledger line names.
    public init(rawValue: String) {
        self = switch rawValue {
        case "call": .call
        case "new-address": .newAddress
        case "broken-promise": .brokenPromise
        case "give-up": .giveUp
        default: .other(rawValue)
        }
    }

    /// As the ledger writes it.
    public var rawValue: String {
        switch self {
        case .call: "call"
        case .newAddress: "new-address"
        case .brokenPromise: "broken-promise"
        case .giveUp: "give-up"
        case .other(let value): value
        }
    }

    public var description: String { rawValue }
}

/// The template KINDs every built-in language has. A policy step may name any other KIND
/// (`template: zacht`), which a templates folder then provides.
public enum TemplateKind: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The friendly first letter.
    case reminder
    /// The formal notice (aanmaning, somație), with the costs and interest it announces.
    case notice
    /// The written confirmation of a promise or an arrangement.
    case confirmation
    /// The bookkeeper's daily digest.
    case digest

    public var description: String { rawValue }
}
