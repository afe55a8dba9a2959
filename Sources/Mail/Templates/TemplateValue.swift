import Mustache

/// One value of the data a template sees, with its shape.
///
/// The shape is what `TemplateChecker` checks a template against: a list keeps a
/// prototype of its elements (so an empty list still says which keys an element has),
/// and `missing` keeps the shape the value has when present (a company without a phone
/// number still has a `company.phone` key; it renders empty and counts as false).
indirect enum TemplateValue: Sendable, Hashable {
    case text(String)
    case flag(Bool)
    case number(Int)
    case list([TemplateValue], element: TemplateValue)
    case object([String: TemplateValue])
    case missing(TemplateValue)

    /// `value`, or a missing value of `shape`.
    static func optional(_ value: TemplateValue?, shape: TemplateValue) -> TemplateValue {
        value ?? .missing(shape)
    }

    /// An optional text.
    static func optional(_ text: String?) -> TemplateValue {
        text.map { .text($0) } ?? .missing(.text(""))
    }

    /// The value with `missing` unwrapped to the shape it stands for.
    var shape: TemplateValue {
        if case .missing(let shape) = self { return shape.shape }
        return self
    }

    /// The value with every text, flag and number blanked, lists reduced to their element
    /// prototype and `missing` unwrapped: all `TemplateChecker` looks at, so two values with
    /// the same skeleton pass or fail the same checks.
    var skeleton: TemplateValue {
        switch self {
        case .text: .text("")
        case .flag: .flag(false)
        case .number: .number(0)
        case .list(_, let element): .list([], element: element.skeleton)
        case .object(let fields): .object(fields.mapValues(\.skeleton))
        case .missing(let shape): shape.skeleton
        }
    }

    /// What swift-mustache renders: objects, arrays, texts, booleans and integers.
    ///
    /// Texts and objects are wrapped in types of their own (`MustacheText`,
    /// `MustacheObject`) that swift-mustache recognizes by their first cast: a plain
    /// `String` or `Dictionary` goes through four failed casts and `String(describing:)`
    /// per tag, a third of a message's rendering time.
    var mustacheValue: Any {
        switch self {
        case .text(let text): MustacheText(text: text)
        case .flag(let flag): flag
        case .number(let number): number
        case .list(let elements, _): elements.map(\.mustacheValue)
        case .object(let fields): MustacheObject(fields: fields.mapValues(\.mustacheValue))
        case .missing: MissingValue()
        }
    }

    /// For messages: `a text`, `a list`, ...
    var kindName: String {
        switch self {
        case .text: "a text"
        case .flag: "a yes/no flag"
        case .number: "a number"
        case .list: "a list"
        case .object: "an object"
        case .missing(let shape): shape.kindName
        }
    }

    /// Dotted paths of every key below this value (`company.name`, `invoices.number`).
    func paths(prefix: String = "") -> [String] {
        switch self {
        case .object(let fields):
            fields.sorted { $0.key < $1.key }.flatMap { key, value -> [String] in
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                return [path] + value.paths(prefix: path)
            }
        case .list(_, let element): element.paths(prefix: prefix)
        case .missing(let shape): shape.paths(prefix: prefix)
        case .text, .flag, .number: []
        }
    }
}

/// A value that is known to be absent: renders as nothing, false in a section, true in an
/// inverted section.
struct MissingValue: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// A text a template renders: as written (escaped for HTML by swift-mustache), with the
/// transforms of a `String` (`uppercased`, `empty`, ...). Inside its own section
/// (`{{#payment.iban}}…{{/payment.iban}}`) it has no names, like a `String`, but says so
/// without swift-mustache asking `Mirror`.
struct MustacheText: MustacheCustomRenderable, MustacheTransformable, MustacheParent {
    let text: String
    var renderText: String { text }
    var isNull: Bool { false }
    func transform(_ name: String) -> Any? { text.transform(name) }
    func child(named name: String) -> Any? { nil }
}

/// An object a template looks names up in, with the transforms of a dictionary
/// (`count`, `empty`, `enumerated`, `sorted`).
struct MustacheObject: MustacheParent, MustacheTransformable {
    let fields: [String: Any]
    func child(named name: String) -> Any? { fields[name] }
    func transform(_ name: String) -> Any? { fields.transform(name) }
}
