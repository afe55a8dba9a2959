/// The nl, ro and en templates compiled into the binary (`templates:` unset).
///
/// Kept as Swift string literals, one file per language, because the binary is installed
/// alone; `TemplateLibrary.exportBuiltIn(to:)` writes them out as files to start from.
enum BuiltInTemplates {
    struct Source: Sendable {
        var subject: String
        var text: String
        var html: String
    }

    /// The KINDs every built-in language has.
    static let kinds = ["reminder", "notice", "confirmation", "digest"]

    /// language → KIND → its three templates.
    static let sources: [String: [String: Source]] = ["nl": dutch, "ro": romanian, "en": english]

    /// Parsed once, at first use.
    static let compiled: [TemplateKey: TemplateSet] = {
        var sets: [TemplateKey: TemplateSet] = [:]
        for (language, kinds) in sources {
            for (kind, source) in kinds {
                func part(_ part: CompiledTemplate.Part, _ text: String) -> CompiledTemplate {
                    CompiledTemplate(path: "builtin:\(language)/\(kind).\(part.rawValue).mustache", part: part, source: text)
                }
                sets[TemplateKey(language: language, kind: kind)] = TemplateSet(
                    subject: part(.subject, source.subject), text: part(.text, source.text), html: part(.html, source.html))
            }
        }
        return sets
    }()
}
