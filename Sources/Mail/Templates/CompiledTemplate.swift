import Foundation
import Mustache

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
        // swift-mustache escapes for HTML unless told otherwise; subjects and plain text
        // must show `<b>Ü & Co</b>` as written. The pragma on a line of its own renders
        // nothing; parse errors come back one line lower and are moved up again.
        let pragma = part == .html ? "{{% CONTENT_TYPE: HTML}}\n" : "{{% CONTENT_TYPE: TEXT}}\n"
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
final class PassedSkeletons: @unchecked Sendable {
    private var skeletons: Set<TemplateValue> = []
    private let lock = NSLock()

    func contains(_ skeleton: TemplateValue) -> Bool { lock.withLock { skeletons.contains(skeleton) } }

    /// Remembers `skeleton`; a template meets a few shapes at most, but a bound keeps a
    /// long-running daemon's memory flat whatever the data.
    func insert(_ skeleton: TemplateValue) {
        lock.withLock {
            if skeletons.count >= 64 { skeletons.removeAll() }
            skeletons.insert(skeleton)
        }
    }
}
