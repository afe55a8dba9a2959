import Mustache
import Synchronization

/// One template file, parsed once: a subject, text or HTML part of a KIND in a language.
struct CompiledTemplate: Sendable {
    enum Part: String, Sendable, CaseIterable {
        case subject, text, html
    }

    /// The file, or `builtin:LANG/KIND.PART.mustache`.
    let path: String
    let part: Part
    let source: String
    let parsed: Result<MustacheTemplate, TemplateError>
    let tags: [TemplateTag]

    init(path: String, part: Part, source: String) {
        self.path = path
        self.part = part
        self.source = source
        // Every part names its content type: subjects and plain text must show `<b>Ü & Co</b>`
        // as written, HTML parts escape data with `HTMLEscaping`. The pragma on a line of its
        // own renders nothing; parse errors come back one line lower and are moved up again.
        HTMLEscaping.register()
        let pragma = part == .html ? "{{% CONTENT_TYPE: \(HTMLEscaping.name)}}\n" : "{{% CONTENT_TYPE: TEXT}}\n"
        do {
            parsed = .success(try MustacheTemplate(string: pragma + source))
            tags = TemplateTag.scan(source)
        } catch let error as MustacheTemplate.ParserError {
            parsed = .failure(TemplateError(path: path, line: max(1, error.context.lineNumber - 1),
                                            column: error.context.columnNumber,
                                            message: CompiledTemplate.describe(error.error)))
            tags = []
        } catch {
            parsed = .failure(TemplateError(path: path, line: 1, message: "cannot parse: \(error)"))
            tags = []
        }
    }

    /// Every problem rendering with data of this shape would have.
    func problems(with data: TemplateData) -> [TemplateError] {
        switch parsed {
        case .failure(let error): [error]
        case .success: TemplateChecker.check(tags, data: data, path: path)
        }
    }

    /// The rendered part of data that passed `problems(with:)` (`TemplateLibrary.render`
    /// checks a message's three parts once per data skeleton); `value` is `data.mustacheValue`,
    /// made once for the three parts.
    func render(_ value: Any) throws(TemplateError) -> String {
        try parsed.get().render(value)
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "cannot parse: \(error)" }
        return switch error {
        case .sectionCloseNameIncorrect: "this {{/…}} does not close the section opened last"
        case .unfinishedName: "unfinished tag, or a name with characters mustache does not allow"
        case .expectedSectionEnd: "a section is never closed: {{/…}} missing"
        case .invalidSetDelimiter: "bad delimiter change; write {{=<% %>=}}"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            "template inheritance is not supported"
        case .invalidConfigVariableSyntax: "bad pragma; write {{% CONTENT_TYPE: TEXT}}"
        case .unrecognisedConfigVariable: "unknown pragma; only CONTENT_TYPE with TEXT or HTML exists"
        }
    }
}

/// The subject, text and HTML of one KIND in one language.
struct TemplateSet: Sendable {
    var subject: CompiledTemplate
    var text: CompiledTemplate
    var html: CompiledTemplate
    /// Data skeletons the three parts were checked against without a problem.
    let passed = PassedSkeletons()

    var parts: [CompiledTemplate] { [subject, text, html] }
}

/// A language folder's KIND.
struct TemplateKey: Sendable, Hashable, Comparable {
    var language: String
    var kind: String

    static func < (lhs: TemplateKey, rhs: TemplateKey) -> Bool {
        (lhs.language, lhs.kind) < (rhs.language, rhs.kind)
    }
}

/// A set of skeletons shared by the copies of one `TemplateSet`, safe across threads
/// (messages are built on several at once).
final class PassedSkeletons: Sendable {
    private let skeletons = Mutex<Set<TemplateValue>>([])

    func contains(_ skeleton: TemplateValue) -> Bool { skeletons.withLock { $0.contains(skeleton) } }

    /// Remembers `skeleton`; a template meets a few shapes at most, but a bound keeps a
    /// long-running daemon's memory flat whatever the data.
    func insert(_ skeleton: TemplateValue) {
        skeletons.withLock { skeletons in
            if skeletons.count >= 64 { skeletons.removeAll() }
            skeletons.insert(skeleton)
        }
    }
}

/// How data is escaped in the HTML parts: `<`, `>`, `&`, `"` and `'` as entities, like
/// swift-mustache's own HTML content type, registered with it under `name` (its documented
/// way to add one). Byte by byte rather than by `Character`: a text without any of the
/// five comes back as it is, without a copy (most names and amounts), and a `<` that a
/// combining mark follows is escaped too, where the library's lookup of whole characters
/// would let it through.
struct HTMLEscaping: MustacheContentType {
    static let name = "DUNNING_HTML"
    private static let registration: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    /// Registers it with swift-mustache, once; templates name it in their pragma.
    static func register() { registration }

    func escapeText(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { Self.entity(for: $0) != nil }) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            if let entity = Self.entity(for: byte) { entity.withUTF8Buffer { escaped += $0 } } else { escaped.append(byte) }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func entity(for byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}
