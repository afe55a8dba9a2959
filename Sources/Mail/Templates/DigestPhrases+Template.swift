extension DigestPhrases {
    /// Every section of a `digest.lines.mustache` with the names it is rendered with (their
    /// shapes: a text, a flag, a number); an optional text is there and empty when missing.
    /// What a translator may use: `problems()` holds the templates to it.
    static let sections: [String: [String: TemplateValue]] = {
        let text = TemplateValue.text(""), flag = TemplateValue.flag(false)
        func names(_ names: [String], flags: [String] = []) -> [String: TemplateValue] {
            var shape: [String: TemplateValue] = [:]
            for name in names { shape[name] = text }
            for name in flags { shape[name] = flag }
            return shape
        }
        return [
            "invoices": names(["list"], flags: ["one"]),
            "step": names(["id"], flags: ["confirmation"]),
            "phone": names(["number", "extension"]),
            "days": names([], flags: ["one", "few", "other"]).merging(["count": .number(0)]) { $1 },
            "message": names(["customer", "step", "invoices", "to"]),
            "with_reason": names(["line", "reason"]),
            "uncertain": names(["line", "day", "message_id", "command"]),
            "bounce": names(["address", "customer", "why", "message_id"], flags: ["hard"]),
            "blocked": names(["customer", "step", "invoices", "why"]),
            "dispute": names(["reasons"]),
            "hold": names(["until", "reason"]),
            "promise": names(["until"]),
            "arrangement": names(["detail"]),
            "contact_invalid": names(["detail"]),
            "contact_unverified": names(["detail"]),
            "handover_details": names(["detail"]),
            "below_minimum": names(["minimum"]),
            "sent_on": names(["step", "day"], flags: ["bounced"]),
            "call": names(["customer", "number", "raw", "open", "invoices", "history"]),
            "promise_due": names(["customer", "amount", "invoices", "until", "open"]),
            "promise_broken": names(["customer", "invoices", "until", "open"]),
            "limitation": names(["customer", "invoice", "open", "expires", "left"]),
            "handover": names(["customer", "invoices", "total", "since"]),
            "task": names(["customer", "kind", "text"], flags: ["give_up", "new_address", "other"]),
            "uncovered": names(["customer", "invoices", "open"]),
        ]
    }()

    /// The built-in `digest.lines.mustache` of each language, parsed at the first line.
    private static let templates: [Language: CompiledTemplate] = Dictionary(uniqueKeysWithValues: Language.allCases.map {
        let path = "\($0.rawValue)/digest.lines.mustache"
        return ($0, CompiledTemplate(path: "builtin:" + path, part: .text, source: BuiltInTemplates.text(of: path)))
    })

    private var template: CompiledTemplate {
        guard let template = Self.templates[language] else { preconditionFailure("no digest.lines.mustache for \(language)") }
        return template
    }

    /// `section` of the language's template rendered with `fields` (as text: nothing is
    /// HTML-escaped), without the line end that follows it in the file.
    func line(_ section: String, _ fields: [String: TemplateValue]) -> String {
        assert(Self.sections[section] == fields.mapValues(\.skeleton), "\(section): names differ from DigestPhrases.sections")
        let text: String
        do {
            text = try template.render(TemplateValue.object([section: .object(fields)]).mustacheValue)
        } catch {
            preconditionFailure("\(error)")
        }
        // Bytes, not Characters: a value ending in "\r" makes "\r\n" one Character.
        guard text.utf8.last == UInt8(ascii: "\n") else { preconditionFailure("\(template.path) has no section '\(section)'") }
        return String(decoding: text.utf8.dropLast(), as: UTF8.self)
    }

    /// What is wrong with the built-in lines templates: a parse error, a name `sections`
    /// does not give, a section missing at the top level.
    package static func problems() -> [TemplateError] {
        let data = TemplateData(shape: .digest, fields: sections.mapValues { .object($0) })
        var problems: [TemplateError] = []
        for language in Language.allCases {
            let template = DigestPhrases(language: language.rawValue).template
            problems += template.problems(with: data)
            var depth = 0, present: Set<String> = []
            for tag in template.tags {
                switch tag.kind {
                case .section, .inverted:
                    if depth == 0 { present.insert(tag.content) }
                    depth += 1
                case .close: depth -= 1
                default: break
                }
            }
            for section in Set(sections.keys).subtracting(present).sorted() {
                problems.append(TemplateError(path: template.path, message: "no section '\(section)'"))
            }
        }
        return problems
    }
}
