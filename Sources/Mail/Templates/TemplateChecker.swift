/// Checks a template's tags against the shape of its data: every name a tag uses must be
/// in the data, every transform must apply.
///
/// swift-mustache renders a name it cannot find as nothing, silently; a letter with a
/// blank where the amount should be must never leave. This walks the tags as swift-mustache
/// resolves names: from the innermost section outwards, dotted names from the first part
/// found, `.name` only in the innermost section. Sections are checked whether or not they
/// would render with this data (a list's shape is known when it is empty, a missing value's
/// shape when it is missing), so `check` with sample data covers every branch.
struct TemplateChecker {
    let path: String
    /// The data KIND, for messages.
    let dataName: String
    private(set) var errors: [TemplateError] = []
    private var frames: [Frame]

    private struct Frame {
        /// The section's value: its keys are visible inside it.
        var value: TemplateValue
        /// Inside a list section: `{{first()}}`, `{{index()}}` ... apply.
        var inList: Bool
    }

    /// Every problem of `tags` against `data`, in order.
    static func check(_ tags: [TemplateTag], data: TemplateData, path: String) -> [TemplateError] {
        var checker = TemplateChecker(path: path, dataName: data.shape.rawValue, frames: [Frame(value: data.root, inList: false)])
        for tag in tags { checker.visit(tag) }
        return checker.errors
    }

    private init(path: String, dataName: String, frames: [Frame]) {
        self.path = path
        self.dataName = dataName
        self.frames = frames
    }

    private mutating func visit(_ tag: TemplateTag) {
        switch tag.kind {
        case .comment, .delimiters, .pragma:
            return
        case .partial, .parent, .block:
            fail(tag, "partials and blocks ({{>…}}, {{<…}}, {{$…}}) are not supported: each template file stands alone")
        case .variable, .unescaped:
            guard let value = resolve(tag) else { return }
            if case .list = value.shape { fail(tag, "'\(tag.content)' is a list: use {{#\(tag.content)}}…{{/\(tag.content)}}") }
            if case .object = value.shape { fail(tag, "'\(tag.content)' is an object: name one of its fields") }
        case .section:
            let value = resolve(tag)
            switch value?.shape {
            case .list(_, let element): frames.append(Frame(value: element, inList: true))
            case let value?: frames.append(Frame(value: value, inList: false))
            case nil: frames.append(Frame(value: .flag(false), inList: false))
            }
        case .inverted:
            _ = resolve(tag)
            // An inverted section renders with the same names visible as outside it.
            frames.append(Frame(value: .flag(false), inList: frames.last?.inList ?? false))
        case .close:
            if frames.count > 1 { frames.removeLast() }
        }
    }

    /// The value a tag names after its transforms, or `nil` after recording why not.
    private mutating func resolve(_ tag: TemplateTag) -> TemplateValue? {
        var rest = Substring(tag.content)
        var transforms: [String] = []
        while let open = rest.firstIndex(of: "(") {
            transforms.append(String(rest[..<open]))
            rest = rest[rest.index(after: open)...]
        }
        let name = String(rest.prefix { $0 != ")" })
        var value: TemplateValue
        if name.isEmpty, !transforms.isEmpty {
            // `{{index()}}`: the position inside a list section.
            guard frames.last?.inList == true else {
                fail(tag, "'\(tag.content)' only works inside a list section such as {{#invoices}}")
                return nil
            }
            value = .object([:])
            guard let last = transforms.last, let result = TemplateChecker.sequenceTransforms[last] else {
                fail(tag, "unknown transform '\(transforms.last ?? "")' (inside a list: first, last, index, even, odd)")
                return nil
            }
            value = result
            transforms.removeLast()
        } else if let found = lookup(name, tag: tag) {
            value = found
        } else {
            return nil
        }
        for transform in transforms.reversed() {
            guard let result = TemplateChecker.apply(transform, to: value.shape) else {
                fail(tag, "transform '\(transform)' does not apply to '\(name)', which is \(value.kindName)")
                return nil
            }
            value = result
        }
        return value
    }

    private mutating func lookup(_ name: String, tag: TemplateTag) -> TemplateValue? {
        if name == "." {
            guard let top = frames.last?.value, frames.count > 1 else {
                fail(tag, "'.' is the whole data here: name a key")
                return nil
            }
            return top
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first else {
            fail(tag, "empty name")
            return nil
        }
        let searched = name.hasPrefix(".") ? Array(frames.suffix(1)) : frames.reversed()
        guard var value = searched.lazy.compactMap({ TemplateChecker.field(first, of: $0.value) }).first else {
            fail(tag, "unknown variable '\(name)' (the \(dataName) data has no '\(first)' here)" + suggestion(for: first))
            return nil
        }
        var walked = first
        for part in parts.dropFirst() {
            guard let next = TemplateChecker.field(part, of: value) else {
                fail(tag, "unknown variable '\(name)' ('\(walked)' has no '\(part)')" + suggestion(for: part, in: value))
                return nil
            }
            value = next
            walked += "." + part
        }
        return value
    }

    private static func field(_ key: String, of value: TemplateValue) -> TemplateValue? {
        guard case .object(let fields) = value.shape else { return nil }
        return fields[key]
    }

    /// ` (did you mean 'x'?)` for a key one or two edits away from `name`.
    private func suggestion(for name: String, in value: TemplateValue? = nil) -> String {
        var keys: [String] = []
        let scopes = value.map { [$0] } ?? frames.map(\.value)
        for scope in scopes {
            if case .object(let fields) = scope.shape { keys += fields.keys }
        }
        let close = keys.map { ($0, TemplateChecker.distance($0, name)) }.filter { $0.1 <= 2 }.min { ($0.1, $0.0) < ($1.1, $1.0) }
        return close.map { " (did you mean '\($0.0)'?)" } ?? " (see docs/templates.md)"
    }

    /// Levenshtein distance; names are short.
    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    /// swift-mustache's transforms by the shape they apply to, and what they give.
    private static func apply(_ transform: String, to value: TemplateValue) -> TemplateValue? {
        switch (value, transform) {
        case (.list(_, let element), "first"), (.list(_, let element), "last"): .missing(element)
        case (.list, "reversed"), (.list, "sorted"): value
        case (.list, "count"), (.object, "count"): .number(0)
        case (.list, "empty"), (.object, "empty"), (.text, "empty"): .flag(false)
        case (.text, "capitalized"), (.text, "lowercased"), (.text, "uppercased"), (.text, "reversed"): value
        case (.number, "equalzero"), (.number, "even"), (.number, "odd"): .flag(false)
        case (.number, "plusone"), (.number, "minusone"): value
        default: nil
        }
    }

    private static let sequenceTransforms: [String: TemplateValue] = [
        "first": .flag(false), "last": .flag(false), "index": .number(0), "even": .flag(false), "odd": .flag(false),
    ]

    private mutating func fail(_ tag: TemplateTag, _ message: String) {
        errors.append(TemplateError(path: path, line: tag.line, column: tag.column, message: message))
    }
}
